// Rules on each results/<cycle>/<driver>/ folder in scope and its result.yaml, beyond the schema.
import type { Check } from './types.js';
import { RESULT_FILE, cyclesByName, driversById } from '../repo.js';

const ALLOWED = 'result.yaml, exactly one <name>.tgz bundle and an optional README.md';

export const submissionFiles: Check<'submission'> = {
  id: 'submission-files',
  name: 'a submission folder holds result.yaml, one bundle and an optional README.md',
  description: `results/<cycle>/<driver>/ contains ${ALLOWED}, as plain files.`,
  scope: 'submission',
  check(sub, report) {
    for (const e of sub.entries) {
      const at = report.at(`${sub.path}/${e.name}`);
      if (e.kind === 'symlink') {
        at.error(
          'a submission may not contain a symbolic link',
          'Replace the link with the file itself (git add the real file).',
        );
      } else if (e.kind !== 'file') {
        at.error(
          `a submission folder holds only files (${ALLOWED}), not a ${e.kind === 'dir' ? 'folder' : 'special file'}`,
          'Put logs and other material inside the bundle (`drivercert pack --attach FILE`).',
        );
      } else if (e.name !== RESULT_FILE && e.name !== 'README.md' && !e.name.endsWith('.tgz')) {
        at.error(
          `unexpected file: a submission holds ${ALLOWED}`,
          'Put extra material inside the bundle (`drivercert pack --attach FILE`), or remove it.',
        );
      }
    }
    if (!sub.entries.some((e) => e.name === RESULT_FILE && e.kind === 'file')) {
      report
        .at(`${sub.path}/${RESULT_FILE}`)
        .error(
          `the submission folder ${sub.path}/ has no ${RESULT_FILE}`,
          'Create the submission with `drivercert pack`, which writes result.yaml next to the bundle.',
        );
    }
    const bundles = sub.entries.filter((e) => e.name.endsWith('.tgz'));
    if (bundles.length === 0) {
      report
        .at(sub.path + '/')
        .error(
          'the submission has no .tgz bundle',
          'Create the submission with `drivercert pack`, which writes the bundle next to result.yaml.',
        );
    } else if (bundles.length > 1) {
      report
        .at(sub.path + '/')
        .error(
          `the submission has ${bundles.length} bundles (${bundles.map((b) => b.name).join(', ')}); ` +
            'it must have exactly one',
          'Keep the bundle result.yaml names and delete the others (`drivercert pack --force` replaces a bundle).',
        );
    }
  },
};

export const submissionFolders: Check<'submission'> = {
  id: 'submission-folders',
  name: "result.yaml's driver and cycle equal its folders",
  description: 'results/<cycle>/<driver>/result.yaml says `driver: <driver>` and `cycle: <cycle>`.',
  scope: 'submission',
  check(sub, report) {
    const file = sub.result;
    const data = file?.data;
    if (!file || !data) return;
    if (data.driver !== sub.driver) {
      report
        .at(file, '/driver')
        .error(
          `driver: "${data.driver}" does not match its folder "${sub.driver}"`,
          `A submission lives in results/<cycle>/<driver>/: set \`driver: ${sub.driver}\` ` +
            `or move the folder to results/${sub.cycle}/${data.driver}/.`,
        );
    }
    if (data.cycle !== sub.cycle) {
      report
        .at(file, '/cycle')
        .error(
          `cycle: "${data.cycle}" does not match its folder "${sub.cycle}"`,
          `Set \`cycle: "${sub.cycle}"\`, or move the folder to results/${data.cycle}/${sub.driver}/.`,
        );
    }
  },
};

export const submissionDriver: Check<'submission'> = {
  id: 'submission-driver',
  name: 'the driver is registered and, in the open cycle, not removed',
  description:
    'Every submission folder names a driver of drivers.yaml; ' +
    'a removed driver cannot take new results (its history stays).',
  scope: 'submission',
  check(sub, report, { repo }) {
    if (!repo.registry?.data) return;
    const d = driversById(repo).get(sub.driver);
    const at = sub.result?.data ? report.at(sub.result, '/driver') : report.at(sub.result?.path ?? sub.path + '/');
    if (!d) {
      at.error(
        `"${sub.driver}" is not a driver in drivers.yaml`,
        "Use the driver's id from drivers.yaml as the folder name; a new driver is added to drivers.yaml " +
          'by a core reviewer first (README: "Adding a driver").',
      );
    } else if (d.status === 'removed' && cyclesByName(repo).get(sub.cycle)?.state === 'open') {
      at.error(
        `driver "${sub.driver}" is removed and cannot take results in the open cycle ${sub.cycle}`,
        'Results are accepted for supported and unsupported drivers only; ask a core reviewer if the driver is back.',
      );
    }
  },
};

export const submissionCycle: Check<'submission'> = {
  id: 'submission-cycle',
  name: 'submitted lies within its cycle and not in the future',
  description:
    'The cycle exists, and opened ≤ submitted ≤ closed (or today); ' +
    'a withdrawal is dated after the submission and not in the future.',
  scope: 'submission',
  check(sub, report, { repo, today }) {
    const file = sub.result;
    const data = file?.data;
    if (!file || !data) return;
    const cycle = cyclesByName(repo).get(sub.cycle);
    if (data.submitted > today) {
      report
        .at(file, '/submitted')
        .error(
          `submitted: ${data.submitted} is in the future (today is ${today}, UTC)`,
          "Use the date you open the pull request (pack's default is today).",
        );
    }
    if (cycle && data.submitted < cycle.opened) {
      report
        .at(file, '/submitted')
        .error(
          `submitted: ${data.submitted} is before cycle ${cycle.name} opened (${cycle.opened})`,
          `Results for cycle ${cycle.name} are dated between ${cycle.opened} and ${cycle.closed ?? 'today'}.`,
        );
    } else if (cycle?.closed !== undefined && data.submitted > cycle.closed) {
      report
        .at(file, '/submitted')
        .error(
          `submitted: ${data.submitted} is after cycle ${cycle.name} closed (${cycle.closed})`,
          `Cycle ${cycle.name} is closed; submit to the open cycle instead.`,
        );
    }
    const w = data.withdrawn;
    if (w && (w.date < data.submitted || w.date > today)) {
      report
        .at(file, '/withdrawn/date')
        .error(
          `withdrawn.date: ${w.date} must lie between the submission (${data.submitted}) and today (${today})`,
          'Date the withdrawal on the day a core reviewer withdraws the result.',
        );
    }
  },
};

export const submissionProtocol: Check<'submission'> = {
  id: 'submission-protocol',
  name: "the protocol is one of the driver's protocols",
  description: "environment.protocol is listed in the driver's protocols in drivers.yaml.",
  scope: 'submission',
  check(sub, report, { repo }) {
    const file = sub.result;
    const data = file?.data;
    const d = data && driversById(repo).get(data.driver);
    if (!file || !data || !d) return;
    const p = data.environment.protocol;
    if (d.protocols.some((x) => x.toLowerCase() === p.toLowerCase())) return;
    report
      .at(file, '/environment/protocol')
      .error(
        `environment.protocol: "${p}" is not one of ${d.id}'s protocols (${d.protocols.join(', ')})`,
        `Use one of: ${d.protocols.join(', ')}.`,
      );
  },
};
