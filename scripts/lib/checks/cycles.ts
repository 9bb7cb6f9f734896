// Rules on results/ and its results/<cycle>/cycle.yaml files beyond their schema.
import type { Check } from './types.js';
import type { Reporter } from './report.js';
import { CYCLE_FILE, driversById, type CycleDir } from '../repo.js';
import { toPointer } from '../yaml-source.js';
import { testKeys } from '../results/test-ids.js';
import { cycleRoles } from '../cycles/roles.js';

/** What one cycle folder may hold: its cycle.yaml, named after it, and driver folders. */
function checkCycleFolder(dir: CycleDir, report: Reporter): void {
  for (const s of dir.strays) {
    report
      .at(`${dir.path}/${s.name}`)
      .error(
        s.kind === 'symlink'
          ? 'a symbolic link has no place in a cycle folder'
          : `a cycle folder holds only ${CYCLE_FILE} and driver folders`,
        'Submission files go in results/<cycle>/<driver>/; delete or move this entry.',
      );
  }
  if (!dir.cycle) {
    report
      .at(`${dir.path}/${CYCLE_FILE}`)
      .error(
        `the cycle folder ${dir.path}/ has no ${CYCLE_FILE}`,
        'Open a cycle with `drivercert cycle open NAME`; results can only be submitted to an existing cycle.',
      );
    return;
  }
  const data = dir.cycle.data;
  if (data && data.name !== dir.name) {
    report
      .at(dir.cycle, '/name')
      .error(
        `name: "${data.name}" does not match its folder "${dir.name}"`,
        `Set \`name: "${dir.name}"\`, or rename the folder.`,
      );
  }
}

/** The layout of results/ as a whole (it is a folder, holding only cycle folders), so its scope is the repository. */
export const cycleFolders: Check<'repository'> = {
  id: 'cycle-folders',
  name: 'every cycle folder holds its cycle.yaml, named after the folder',
  description:
    'results/<cycle>/cycle.yaml exists and its `name` equals the folder name; nothing else lies loose in results/.',
  scope: 'repository',
  check(repo, report) {
    if (repo.resultsLink !== undefined) {
      report
        .at('results')
        .error(
          `results is a symbolic link (to "${repo.resultsLink}"), not a folder; it is not read`,
          'results/ is the folder of the cycles itself: restore it (`git checkout origin/main -- results`).',
        );
    }
    for (const s of repo.strays) {
      report
        .at(`results/${s.name}`)
        .error(
          s.kind === 'symlink' ? 'a symbolic link has no place in results/' : 'results/ holds only cycle folders',
          'Move or delete it: results/<cycle>/cycle.yaml and results/<cycle>/<driver>/ are the only entries allowed.',
        );
    }
    for (const dir of repo.cycles) checkCycleFolder(dir, report);
  },
};

/** Compares the cycles with each other, so its scope is the repository. */
export const oneOpenCycle: Check<'repository'> = {
  id: 'one-open-cycle',
  name: 'at most one cycle is open',
  description: 'The open cycle is the current one; `drivercert cycle open` closes the old one.',
  scope: 'repository',
  check(repo, report) {
    const open = cycleRoles(
      repo.cycles.flatMap((c) => (c.cycle?.data ? [{ ...c.cycle.data, name: c.name, dir: c }] : [])),
    ).open.map((o) => o.dir);
    const names = open.map((c) => c.name).join(', ');
    for (const c of open.slice(1)) {
      report
        .at(c.cycle!, '/state')
        .error(
          `state: ${open.length} cycles are open (${names}); only one can be current`,
          'Close all but the newest with `state: closed` and a `closed` date, or run `drivercert cycle close`.',
        );
    }
  },
};

export const cycleDates: Check<'cycle'> = {
  id: 'cycle-dates',
  name: "a cycle's dates are in order and not in the future",
  description: 'opened ≤ closed ≤ today.',
  scope: 'cycle',
  check({ cycle: f }, report, { today }) {
    const c = f?.data;
    if (!f || !c) return;
    if (c.opened > today) {
      report
        .at(f, '/opened')
        .error(
          `opened: ${c.opened} is in the future (today is ${today}, UTC)`,
          'Open a cycle on or before the day it starts taking results.',
        );
    }
    if (c.closed === undefined) return;
    if (c.closed < c.opened) {
      report
        .at(f, '/closed')
        .error(
          `closed: ${c.closed} is before opened (${c.opened})`,
          'A cycle closes after it opens: fix one of the two dates.',
        );
    }
    if (c.closed > today) {
      report
        .at(f, '/closed')
        .error(
          `closed: ${c.closed} is in the future (today is ${today}, UTC)`,
          'Close a cycle on the day it closes (`drivercert cycle close`).',
        );
    }
  },
};

export const uniqueCycleTests: Check<'cycle'> = {
  id: 'unique-cycle-tests',
  name: 'a test is listed once per capability',
  description: 'Within a capability, no two tests share an id, alias or idempotent id.',
  scope: 'cycle',
  check({ cycle: f }, report) {
    if (!f?.data) return;
    for (const [capId, cap] of Object.entries(f.data.capabilities)) {
      const seen = new Map<string, number>();
      cap.tests.forEach((t, i) => {
        for (const k of new Set(testKeys(t))) {
          const prev = seen.get(k);
          if (prev !== undefined && prev !== i) {
            report
              .at(f, toPointer(['capabilities', capId, 'tests', i]))
              .error(
                `capabilities.${capId}.tests[${i}]: ${k} is already listed as tests[${prev}]`,
                'List each test once; put its other names under `aliases`.',
              );
            return;
          }
          seen.set(k, i);
        }
      });
    }
  },
};

export const waiversResolve: Check<'cycle'> = {
  id: 'waivers-resolve',
  name: 'every waiver names a registered driver and a test of its cycle',
  description:
    'A stale waiver (unknown driver, or a test the cycle does not list) is an error, ' +
    'so waivers never outlive their reason silently.',
  scope: 'cycle',
  check({ cycle: f }, report, { repo }) {
    if (!f?.data?.waivers) return;
    const drivers = driversById(repo);
    const keys = new Set(Object.values(f.data.capabilities).flatMap((c) => c.tests.flatMap(testKeys)));
    for (const [driver, list] of Object.entries(f.data.waivers)) {
      if (repo.registry?.data && !drivers.has(driver)) {
        report
          .at(f, toPointer(['waivers', driver]), { key: true })
          .error(
            `waivers: "${driver}" is not a driver in drivers.yaml`,
            'Use the driver id from drivers.yaml, or delete the stale waiver.',
          );
      }
      list.forEach((w, i) => {
        if (keys.has(w.test) || keys.has(w.test.toLowerCase())) return;
        report
          .at(f, toPointer(['waivers', driver, i, 'test']))
          .error(
            `waivers.${driver}[${i}].test: ${w.test} is not a test of this cycle's capabilities`,
            'Name the test by an id, alias or idempotent id listed under capabilities, or delete the stale waiver.',
          );
      });
    }
  },
};
