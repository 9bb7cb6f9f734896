// Rules on results/<cycle>/<driver>/ folders and their result.yaml, beyond the schema.
import type { Check, CheckContext } from './types.js';
import type { Finding } from '../findings.js';
import { RESULT_FILE, cyclesByName, driversById, type SubmissionDir } from '../repo.js';
import type { Result } from '../model.js';

/** The submissions in scope whose result.yaml is valid, with their data. */
function validResults(ctx: CheckContext): { sub: SubmissionDir; data: Result }[] {
  return ctx.repo.submissions
    .filter((s) => ctx.inScope(s) && s.result?.data)
    .map((s) => ({ sub: s, data: s.result!.data! }));
}

const ALLOWED = 'result.yaml, exactly one <name>.tgz bundle and an optional README.md';

export const submissionFiles: Check = {
  id: 'submission-files',
  name: 'a submission folder holds result.yaml, one bundle and an optional README.md',
  description: `results/<cycle>/<driver>/ contains ${ALLOWED}, as plain files.`,
  scope: 'submission',
  check(ctx) {
    const out: Finding[] = [];
    for (const sub of ctx.repo.submissions) {
      if (!ctx.inScope(sub)) continue;
      const bundles = sub.entries.filter((e) => e.name.endsWith('.tgz'));
      for (const e of sub.entries) {
        const file = `${sub.path}/${e.name}`;
        if (e.kind === 'symlink') {
          out.push({
            level: 'error',
            check: this.name,
            file,
            message: 'a submission may not contain a symbolic link',
            tip: 'Replace the link with the file itself (git add the real file).',
          });
        } else if (e.kind !== 'file') {
          out.push({
            level: 'error',
            check: this.name,
            file,
            message: `a submission folder holds only files (${ALLOWED}), not a ${e.kind === 'dir' ? 'folder' : 'special file'}`,
            tip: 'Put logs and other material inside the bundle (`drivercert pack --attach FILE`).',
          });
        } else if (e.name !== RESULT_FILE && e.name !== 'README.md' && !e.name.endsWith('.tgz')) {
          out.push({
            level: 'error',
            check: this.name,
            file,
            message: `unexpected file: a submission holds ${ALLOWED}`,
            tip: 'Put extra material inside the bundle (`drivercert pack --attach FILE`), or remove it.',
          });
        }
      }
      if (!sub.entries.some((e) => e.name === RESULT_FILE && e.kind === 'file')) {
        out.push({
          level: 'error',
          check: this.name,
          file: `${sub.path}/${RESULT_FILE}`,
          message: `the submission folder ${sub.path}/ has no ${RESULT_FILE}`,
          tip: 'Create the submission with `drivercert pack`, which writes result.yaml next to the bundle.',
        });
      }
      if (bundles.length === 0) {
        out.push({
          level: 'error',
          check: this.name,
          file: sub.path + '/',
          message: 'the submission has no .tgz bundle',
          tip: 'Create the submission with `drivercert pack`, which writes the bundle next to result.yaml.',
        });
      } else if (bundles.length > 1) {
        out.push({
          level: 'error',
          check: this.name,
          file: sub.path + '/',
          message: `the submission has ${bundles.length} bundles (${bundles.map((b) => b.name).join(', ')}); it must have exactly one`,
          tip: 'Keep the bundle result.yaml names and delete the others (`drivercert pack --force` replaces a bundle).',
        });
      }
    }
    return out;
  },
};

export const submissionFolders: Check = {
  id: 'submission-folders',
  name: "result.yaml's driver and cycle equal its folders",
  description: 'results/<cycle>/<driver>/result.yaml says `driver: <driver>` and `cycle: <cycle>`.',
  scope: 'submission',
  check(ctx) {
    const out: Finding[] = [];
    for (const { sub, data } of validResults(ctx)) {
      const src = sub.result!.source;
      if (data.driver !== sub.driver) {
        out.push({
          level: 'error',
          check: this.name,
          file: sub.result!.path,
          ...src.locate('/driver'),
          message: `driver: "${data.driver}" does not match its folder "${sub.driver}"`,
          tip: `A submission lives in results/<cycle>/<driver>/: set \`driver: ${sub.driver}\` or move the folder to results/${sub.cycle}/${data.driver}/.`,
        });
      }
      if (data.cycle !== sub.cycle) {
        out.push({
          level: 'error',
          check: this.name,
          file: sub.result!.path,
          ...src.locate('/cycle'),
          message: `cycle: "${data.cycle}" does not match its folder "${sub.cycle}"`,
          tip: `Set \`cycle: "${sub.cycle}"\`, or move the folder to results/${data.cycle}/${sub.driver}/.`,
        });
      }
    }
    return out;
  },
};

export const submissionDriver: Check = {
  id: 'submission-driver',
  name: 'the driver is registered and, in the open cycle, not removed',
  description:
    'Every submission folder names a driver of drivers.yaml; a removed driver cannot take new results (its history stays).',
  scope: 'submission',
  check(ctx) {
    if (!ctx.repo.registry?.data) return [];
    const out: Finding[] = [];
    const drivers = driversById(ctx.repo);
    const cycles = cyclesByName(ctx.repo);
    for (const sub of ctx.repo.submissions) {
      if (!ctx.inScope(sub)) continue;
      const d = drivers.get(sub.driver);
      const file = sub.result ? sub.result.path : sub.path + '/';
      const at = sub.result?.data ? sub.result.source.locate('/driver') : {};
      if (!d) {
        out.push({
          level: 'error',
          check: this.name,
          file,
          ...at,
          message: `"${sub.driver}" is not a driver in drivers.yaml`,
          tip: 'Use the driver\'s id from drivers.yaml as the folder name; a new driver is added to drivers.yaml by a core reviewer first (README: "Adding a driver").',
        });
      } else if (d.status === 'removed' && cycles.get(sub.cycle)?.state === 'open') {
        out.push({
          level: 'error',
          check: this.name,
          file,
          ...at,
          message: `driver "${sub.driver}" is removed and cannot take results in the open cycle ${sub.cycle}`,
          tip: 'Results are accepted for supported and unsupported drivers only; ask a core reviewer if the driver is back.',
        });
      }
    }
    return out;
  },
};

export const submissionCycle: Check = {
  id: 'submission-cycle',
  name: 'submitted lies within its cycle and not in the future',
  description:
    'The cycle exists, and opened ≤ submitted ≤ closed (or today); a withdrawal is dated after the submission and not in the future.',
  scope: 'submission',
  check(ctx) {
    const out: Finding[] = [];
    const cycles = cyclesByName(ctx.repo);
    for (const { sub, data } of validResults(ctx)) {
      const file = sub.result!.path;
      const src = sub.result!.source;
      const cycle = cycles.get(sub.cycle);
      if (data.submitted > ctx.today) {
        out.push({
          level: 'error',
          check: this.name,
          file,
          ...src.locate('/submitted'),
          message: `submitted: ${data.submitted} is in the future (today is ${ctx.today}, UTC)`,
          tip: "Use the date you open the pull request (pack's default is today).",
        });
      }
      if (cycle) {
        if (data.submitted < cycle.opened) {
          out.push({
            level: 'error',
            check: this.name,
            file,
            ...src.locate('/submitted'),
            message: `submitted: ${data.submitted} is before cycle ${cycle.name} opened (${cycle.opened})`,
            tip: `Results for cycle ${cycle.name} are dated between ${cycle.opened} and ${cycle.closed ?? 'today'}.`,
          });
        } else if (cycle.closed !== undefined && data.submitted > cycle.closed) {
          out.push({
            level: 'error',
            check: this.name,
            file,
            ...src.locate('/submitted'),
            message: `submitted: ${data.submitted} is after cycle ${cycle.name} closed (${cycle.closed})`,
            tip: `Cycle ${cycle.name} is closed; submit to the open cycle instead.`,
          });
        }
      }
      if (data.withdrawn) {
        if (data.withdrawn.date < data.submitted || data.withdrawn.date > ctx.today) {
          out.push({
            level: 'error',
            check: this.name,
            file,
            ...src.locate('/withdrawn/date'),
            message: `withdrawn.date: ${data.withdrawn.date} must lie between the submission (${data.submitted}) and today (${ctx.today})`,
            tip: 'Date the withdrawal on the day a core reviewer withdraws the result.',
          });
        }
      }
    }
    return out;
  },
};

export const submissionProtocol: Check = {
  id: 'submission-protocol',
  name: "the protocol is one of the driver's protocols",
  description: "environment.protocol is listed in the driver's protocols in drivers.yaml.",
  scope: 'submission',
  check(ctx) {
    const out: Finding[] = [];
    const drivers = driversById(ctx.repo);
    for (const { sub, data } of validResults(ctx)) {
      const d = drivers.get(data.driver);
      if (!d) continue;
      const p = data.environment.protocol;
      if (!d.protocols.some((x) => x.toLowerCase() === p.toLowerCase())) {
        out.push({
          level: 'error',
          check: this.name,
          file: sub.result!.path,
          ...sub.result!.source.locate('/environment/protocol'),
          message: `environment.protocol: "${p}" is not one of ${d.id}'s protocols (${d.protocols.join(', ')})`,
          tip: `Use one of: ${d.protocols.join(', ')}.`,
        });
      }
    }
    return out;
  },
};
