// Who may submit: the driver's maintainers or a core reviewer, as drivers.yaml says on
// the base branch — so a pull request cannot make its own author a maintainer.
import type { PullRequestCheck } from './types.js';
import type { Registry } from '../../model.js';
import { REGISTRY_FILE } from '../../repo.js';
import { parseYamlSource } from '../../yaml-source.js';
import { sameLogin, type PullRequest } from '../../pr/pull-request.js';
import { listWords } from './describe.js';

/** The base branch's core reviewers, split into logins (checkable) and org/teams (not offline). */
export function coreReviewers(pr: PullRequest): { logins: string[]; teams: string[] } {
  const all = pr.base.registry?.core_reviewers ?? [];
  return { logins: all.filter((r) => !r.includes('/')), teams: all.filter((r) => r.includes('/')) };
}

/** Whether this pull request's own drivers.yaml lists `login` as a maintainer of `driver`. */
function addsSelf(pr: PullRequest, driver: string, login: string): boolean {
  const c = pr.outside.find((x) => x.path === REGISTRY_FILE && x.after);
  const buf = c?.after ? pr.blob(c.after.oid) : undefined;
  if (!buf) return false;
  const data = parseYamlSource(REGISTRY_FILE, buf.toString('utf8')).data as Partial<Registry> | undefined;
  const d = Array.isArray(data?.drivers) ? data.drivers.find((x) => x?.id === driver) : undefined;
  return Array.isArray(d?.maintainers) && d.maintainers.some((m) => typeof m === 'string' && sameLogin(m, login));
}

export const submissionAuthor: PullRequestCheck = {
  id: 'pr-author',
  name: "the author is one of the driver's maintainers or a core reviewer (drivers.yaml on the base branch)",
  description:
    'The pull request is opened by a maintainer of the driver it submits for, or by a core reviewer; both are ' +
    'read from drivers.yaml on the base branch. A driver without maintainers takes submissions from core ' +
    'reviewers only.',
  applies: ['submission'],
  check(pr, report) {
    const own = pr.folder;
    if (!own) return;
    const at = report.at(`${own.path}/`);
    const author = pr.author;
    if (!author) {
      at.notice(
        'the author was not checked: no --author was given',
        "Pass --author LOGIN (the validate workflow passes the pull request's author).",
      );
      return;
    }
    if (!pr.base.registry) {
      report
        .at(REGISTRY_FILE)
        .error(
          `drivers.yaml on ${pr.ref} is missing or not valid, so nobody can be recognised as a maintainer ` +
            'or a core reviewer',
          'A core reviewer fixes drivers.yaml on the base branch first.',
        );
      return;
    }
    const driver = pr.base.registry.drivers.find((d) => d.id === own.driver);
    const maintainers = driver?.maintainers ?? [];
    const { logins, teams } = coreReviewers(pr);
    if (maintainers.some((m) => sameLogin(m, author)) || logins.some((l) => sameLogin(l, author))) return;
    const whoMaintains = !driver
      ? `${own.driver} is not a driver in drivers.yaml on ${pr.ref}, so it has no maintainers`
      : maintainers.length
        ? `${own.driver}'s maintainers are ${listWords(maintainers)}`
        : `${own.driver} has no maintainers, so only core reviewers submit for it`;
    const selfAdded = addsSelf(pr, own.driver, author)
      ? '; adding yourself to drivers.yaml in the same pull request does not count'
      : '';
    if (teams.length > 0) {
      const approvers = maintainers.length ? `${own.driver}'s maintainers` : 'the core reviewers';
      at.notice(
        `${author} is not a maintainer of ${own.driver} (${whoMaintains}) nor a core reviewer listed by login` +
          `${selfAdded}; whether ${author} belongs to ${listWords(teams)} cannot be checked offline, ` +
          `so GitHub decides: CODEOWNERS requires the approval of ${approvers}`,
      );
      return;
    }
    at.error(
      `${author} may not submit for ${own.driver}: ${whoMaintains}, and the core reviewers are ` +
        `${listWords(logins)} (drivers.yaml on ${pr.ref})${selfAdded}`,
      `Ask one of ${own.driver}'s maintainers to open the pull request, or ask a core reviewer to add you to ` +
        'its maintainers in drivers.yaml first, in a pull request of its own.',
    );
  },
};
