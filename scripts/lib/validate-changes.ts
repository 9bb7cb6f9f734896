// `drivercert validate --changed-since REF`: what a pull request changes, held to the
// pull-request rules, plus the repository checks (its own folder for a submission, the
// whole repository for maintenance).
import { join } from 'node:path';
import { pullRequestFindings, toReport } from './checks/runner.js';
import { PR_CHECKS } from './checks/pull-request/index.js';
import { UsageError } from './findings.js';
import { isGitHubLogin } from './github-login.js';
import { readPullRequest, type PullRequest } from './pr/pull-request.js';
import { today as todayUtc } from './dates.js';
import { validateRepo, type ValidateOptions, type ValidateOutcome } from './validate.js';

export interface ChangesOptions extends Omit<ValidateOptions, 'paths'> {
  /** The base the pull request is compared with (e.g. origin/main). */
  ref: string;
  /** The pull request's author (GitHub login, with or without @). */
  author?: string | undefined;
  /** The environment git runs with (the CLI's, so PATH finds git). */
  env: NodeJS.ProcessEnv;
}

export interface ChangesOutcome extends ValidateOutcome {
  pr: PullRequest;
}

/** A GitHub login as the user typed it (an optional leading @), checked. */
function normaliseLogin(s: string): string {
  const login = s.replace(/^@/, '');
  if (!isGitHubLogin(login))
    throw new UsageError(`--author needs a GitHub login (letters, digits and single hyphens), got "${s}"`);
  return login;
}

/** Validate what the pull request checked out at `root` changes against `opts.ref`. */
export async function validateChanges(root: string, opts: ChangesOptions): Promise<ChangesOutcome> {
  const author = opts.author === undefined ? undefined : normaliseLogin(opts.author);
  const pr = readPullRequest(root, { ref: opts.ref, author, env: opts.env });
  const today = opts.today ?? todayUtc();
  // An absolute path, so the scope never depends on the working directory.
  const scoped = pr.kind === 'submission' && pr.folder ? [join(root, pr.folder.path)] : undefined;
  const outcome = await validateRepo(root, { ...opts, today, ...(scoped ? { paths: scoped } : {}) });
  const prFindings = await pullRequestFindings(PR_CHECKS, { pr, today });
  const { errors, warnings, notices } = outcome.report;
  const report = toReport([...errors, ...warnings, ...notices, ...prFindings]);
  return { ...outcome, report, pr };
}
