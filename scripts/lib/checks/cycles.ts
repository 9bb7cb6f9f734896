// Rules on results/<cycle>/cycle.yaml files beyond their schema.
import type { Check } from './types.js';
import type { Finding } from '../findings.js';
import { CYCLE_FILE, driversById } from '../repo.js';
import { toPointer } from '../yaml-source.js';
import { testKeys } from '../results/test-ids.js';
import { cycleRoles } from '../cycles/roles.js';

export const cycleFolders: Check = {
  id: 'cycle-folders',
  name: 'every cycle folder holds its cycle.yaml, named after the folder',
  description:
    'results/<cycle>/cycle.yaml exists and its `name` equals the folder name; nothing else lies loose in results/.',
  scope: 'cycle',
  check(ctx) {
    const out: Finding[] = [];
    if (ctx.repo.resultsLink !== undefined) {
      out.push({
        level: 'error',
        check: this.name,
        file: 'results',
        message: `results is a symbolic link (to "${ctx.repo.resultsLink}"), not a folder; it is not read`,
        tip: 'results/ is the folder of the cycles itself: restore it (`git checkout origin/main -- results`).',
      });
    }
    for (const s of ctx.repo.strays) {
      out.push({
        level: 'error',
        check: this.name,
        file: `results/${s.name}`,
        message:
          s.kind === 'symlink' ? 'a symbolic link has no place in results/' : 'results/ holds only cycle folders',
        tip: 'Move or delete it: results/<cycle>/cycle.yaml and results/<cycle>/<driver>/ are the only entries allowed.',
      });
    }
    for (const dir of ctx.repo.cycles) {
      for (const s of dir.strays) {
        out.push({
          level: 'error',
          check: this.name,
          file: `${dir.path}/${s.name}`,
          message:
            s.kind === 'symlink'
              ? 'a symbolic link has no place in a cycle folder'
              : `a cycle folder holds only ${CYCLE_FILE} and driver folders`,
          tip: 'Submission files go in results/<cycle>/<driver>/; delete or move this entry.',
        });
      }
      if (!dir.cycle) {
        out.push({
          level: 'error',
          check: this.name,
          file: `${dir.path}/${CYCLE_FILE}`,
          message: `the cycle folder ${dir.path}/ has no ${CYCLE_FILE}`,
          tip: 'Open a cycle with `drivercert cycle open NAME`; results can only be submitted to an existing cycle.',
        });
        continue;
      }
      const data = dir.cycle.data;
      if (data && data.name !== dir.name) {
        out.push({
          level: 'error',
          check: this.name,
          file: dir.cycle.path,
          ...dir.cycle.source.locate('/name'),
          message: `name: "${data.name}" does not match its folder "${dir.name}"`,
          tip: `Set \`name: "${dir.name}"\`, or rename the folder.`,
        });
      }
    }
    return out;
  },
};

export const oneOpenCycle: Check = {
  id: 'one-open-cycle',
  name: 'at most one cycle is open',
  description: 'The open cycle is the current one; `drivercert cycle open` closes the old one.',
  scope: 'cycle',
  check(ctx) {
    const open = cycleRoles(
      ctx.repo.cycles.flatMap((c) => (c.cycle?.data ? [{ ...c.cycle.data, name: c.name, dir: c }] : [])),
    ).open.map((o) => o.dir);
    if (open.length <= 1) return [];
    const names = open.map((c) => c.name).join(', ');
    return open.slice(1).map((c) => ({
      level: 'error' as const,
      check: this.name,
      file: c.cycle!.path,
      ...c.cycle!.source.locate('/state'),
      message: `state: ${open.length} cycles are open (${names}); only one can be current`,
      tip: `Close all but the newest with \`state: closed\` and a \`closed\` date, or run \`drivercert cycle close\`.`,
    }));
  },
};

export const cycleDates: Check = {
  id: 'cycle-dates',
  name: "a cycle's dates are in order and not in the future",
  description: 'opened ≤ closed ≤ today.',
  scope: 'cycle',
  check(ctx) {
    const out: Finding[] = [];
    for (const dir of ctx.repo.cycles) {
      const f = dir.cycle;
      const c = f?.data;
      if (!f || !c) continue;
      if (c.opened > ctx.today) {
        out.push({
          level: 'error',
          check: this.name,
          file: f.path,
          ...f.source.locate('/opened'),
          message: `opened: ${c.opened} is in the future (today is ${ctx.today}, UTC)`,
          tip: 'Open a cycle on or before the day it starts taking results.',
        });
      }
      if (c.closed !== undefined) {
        if (c.closed < c.opened) {
          out.push({
            level: 'error',
            check: this.name,
            file: f.path,
            ...f.source.locate('/closed'),
            message: `closed: ${c.closed} is before opened (${c.opened})`,
            tip: 'A cycle closes after it opens: fix one of the two dates.',
          });
        }
        if (c.closed > ctx.today) {
          out.push({
            level: 'error',
            check: this.name,
            file: f.path,
            ...f.source.locate('/closed'),
            message: `closed: ${c.closed} is in the future (today is ${ctx.today}, UTC)`,
            tip: 'Close a cycle on the day it closes (`drivercert cycle close`).',
          });
        }
      }
    }
    return out;
  },
};

export const uniqueCycleTests: Check = {
  id: 'unique-cycle-tests',
  name: 'a test is listed once per capability',
  description: 'Within a capability, no two tests share an id, alias or idempotent id.',
  scope: 'cycle',
  check(ctx) {
    const out: Finding[] = [];
    for (const dir of ctx.repo.cycles) {
      const f = dir.cycle;
      if (!f?.data) continue;
      for (const [capId, cap] of Object.entries(f.data.capabilities)) {
        const seen = new Map<string, number>();
        cap.tests.forEach((t, i) => {
          for (const k of new Set(testKeys(t))) {
            const prev = seen.get(k);
            if (prev !== undefined && prev !== i) {
              out.push({
                level: 'error',
                check: this.name,
                file: f.path,
                ...f.source.locate(toPointer(['capabilities', capId, 'tests', i])),
                message: `capabilities.${capId}.tests[${i}]: ${k} is already listed as tests[${prev}]`,
                tip: 'List each test once; put its other names under `aliases`.',
              });
              return;
            }
            seen.set(k, i);
          }
        });
      }
    }
    return out;
  },
};

export const waiversResolve: Check = {
  id: 'waivers-resolve',
  name: 'every waiver names a registered driver and a test of its cycle',
  description:
    'A stale waiver (unknown driver, or a test the cycle does not list) is an error, so waivers never outlive their reason silently.',
  scope: 'cycle',
  check(ctx) {
    const out: Finding[] = [];
    const drivers = driversById(ctx.repo);
    for (const dir of ctx.repo.cycles) {
      const f = dir.cycle;
      if (!f?.data?.waivers) continue;
      const keys = new Set(Object.values(f.data.capabilities).flatMap((c) => c.tests.flatMap(testKeys)));
      for (const [driver, list] of Object.entries(f.data.waivers)) {
        if (ctx.repo.registry?.data && !drivers.has(driver)) {
          out.push({
            level: 'error',
            check: this.name,
            file: f.path,
            ...f.source.locate(toPointer(['waivers', driver]), { key: true }),
            message: `waivers: "${driver}" is not a driver in drivers.yaml`,
            tip: 'Use the driver id from drivers.yaml, or delete the stale waiver.',
          });
        }
        list.forEach((w, i) => {
          if (!keys.has(w.test) && !keys.has(w.test.toLowerCase())) {
            out.push({
              level: 'error',
              check: this.name,
              file: f.path,
              ...f.source.locate(toPointer(['waivers', driver, i, 'test'])),
              message: `waivers.${driver}[${i}].test: ${w.test} is not a test of this cycle's capabilities`,
              tip: 'Name the test by an id, alias or idempotent id listed under capabilities, or delete the stale waiver.',
            });
          }
        });
      }
    }
    return out;
  },
};
