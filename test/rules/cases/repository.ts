// Cases of the rules on drivers.yaml, the cycles and the layout of results/.
import { mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckTests } from '../../helpers/rule-tester.js';
import { lineOf, replaceIn, writeIn } from '../../helpers/edit.js';
import { schemaValid, yamlSyntax } from '../../../scripts/lib/checks/yaml-files.js';
import { uniqueDriverIds } from '../../../scripts/lib/checks/registry.js';
import {
  cycleDates,
  cycleFolders,
  oneOpenCycle,
  uniqueCycleTests,
  waiversResolve,
} from '../../../scripts/lib/checks/cycles.js';
import { staleTempFiles } from '../../../scripts/lib/checks/temp-files.js';
import { CLOSED_CYCLE, LVM, LVM_RESULT, OPEN_CYCLE, baseRepo } from '../fixture.js';

const base = { name: 'the base repository' };

/** A waivers block for the open cycle. */
const waivers = (driver: string, test: string) =>
  `waivers:\n  ${driver}:\n    - test: ${test}\n      reason: "The backend does not support QoS specs at all"\n`;

export const REPOSITORY_RULES: CheckTests[] = [
  {
    rule: yamlSyntax,
    base: baseRepo,
    cases: {
      valid: [
        base,
        {
          name: 'a broken result.yaml outside the PATH given is not read',
          paths: ['results/2025.1'],
          arrange: (root) => replaceIn(root, LVM_RESULT, 'driver: lvm', 'driver: lvm\ndriver: lvm'),
        },
      ],
      invalid: [
        {
          name: 'a key written twice in cycle.yaml',
          arrange: (root) => replaceIn(root, OPEN_CYCLE, 'state: open', 'state: open\nstate: closed'),
          findings: [
            {
              file: OPEN_CYCLE,
              line: (root) => lineOf(root, OPEN_CYCLE, 'state: closed'),
              message: 'duplicate key: the key "state" appears twice',
            },
          ],
        },
        {
          name: 'drivers.yaml as a symbolic link, never followed',
          arrange: (root) => {
            rmSync(join(root, 'drivers.yaml'));
            symlinkSync('/etc/passwd', join(root, 'drivers.yaml'));
          },
          findings: [{ file: 'drivers.yaml', message: 'is a symbolic link (to "/etc/passwd"), not a file' }],
        },
      ],
    },
  },
  {
    rule: schemaValid,
    base: baseRepo,
    cases: {
      valid: [base],
      invalid: [
        {
          name: 'an unknown field in cycle.yaml',
          arrange: (root) => replaceIn(root, OPEN_CYCLE, 'opened: 2025-10-01', 'opened: 2025-10-01\nopend: 2025-10-02'),
          findings: [{ file: OPEN_CYCLE, pointer: '/opend', message: 'unknown field `opend`' }],
        },
        {
          name: 'a submission date that is not a date',
          arrange: (root) => replaceIn(root, LVM_RESULT, 'submitted: "2025-10-20"', 'submitted: "last week"'),
          findings: [
            { file: LVM_RESULT, pointer: '/submitted', message: 'submitted: "last week" is not a calendar date' },
          ],
        },
        {
          name: 'no drivers.yaml',
          arrange: (root) => rmSync(join(root, 'drivers.yaml')),
          findings: [{ file: 'drivers.yaml', message: 'drivers.yaml is missing' }],
        },
      ],
    },
  },
  {
    rule: uniqueDriverIds,
    base: baseRepo,
    cases: {
      valid: [base],
      invalid: [
        {
          name: 'two drivers with one id',
          arrange: (root) => replaceIn(root, 'drivers.yaml', '- id: nfs', '- id: lvm'),
          findings: [
            {
              file: 'drivers.yaml',
              pointer: '/drivers/1/id',
              message: 'id: the driver id "lvm" is already used by drivers[0] (line 4)',
            },
          ],
        },
      ],
    },
  },
  {
    rule: cycleFolders,
    base: baseRepo,
    cases: {
      valid: [base],
      invalid: [
        {
          name: 'a cycle folder without cycle.yaml',
          arrange: (root) => mkdirSync(join(root, 'results/2026.1')),
          findings: [
            { file: 'results/2026.1/cycle.yaml', message: 'the cycle folder results/2026.1/ has no cycle.yaml' },
          ],
        },
        {
          name: 'a cycle named other than its folder',
          arrange: (root) => replaceIn(root, OPEN_CYCLE, 'name: "2025.2"', 'name: "2025.3"'),
          findings: [
            { file: OPEN_CYCLE, pointer: '/name', message: 'name: "2025.3" does not match its folder "2025.2"' },
          ],
        },
        {
          name: 'stray files in results/ and in a cycle folder',
          arrange: (root) => {
            writeIn(root, 'results/notes.txt', 'x');
            writeIn(root, 'results/2025.2/notes.txt', 'x');
          },
          findings: [
            { file: 'results/2025.2/notes.txt', message: 'a cycle folder holds only cycle.yaml and driver folders' },
            { file: 'results/notes.txt', message: 'results/ holds only cycle folders' },
          ],
        },
        {
          name: 'results/ as a symbolic link, never followed',
          arrange: (root) => {
            rmSync(join(root, 'results'), { recursive: true });
            symlinkSync('/', join(root, 'results'));
          },
          findings: [{ file: 'results', message: 'results is a symbolic link (to "/"), not a folder' }],
        },
      ],
    },
  },
  {
    rule: oneOpenCycle,
    base: baseRepo,
    cases: {
      valid: [base],
      invalid: [
        {
          name: 'two open cycles',
          arrange: (root) => {
            replaceIn(root, CLOSED_CYCLE, 'state: closed', 'state: open');
            replaceIn(root, CLOSED_CYCLE, /closed: .*\n/, '');
          },
          findings: [{ file: OPEN_CYCLE, pointer: '/state', message: 'state: 2 cycles are open (2025.1, 2025.2)' }],
        },
      ],
    },
  },
  {
    rule: cycleDates,
    base: baseRepo,
    cases: {
      valid: [
        base,
        {
          name: 'a cycle opened today',
          arrange: (root) => replaceIn(root, OPEN_CYCLE, 'opened: 2025-10-01', 'opened: 2025-11-20'),
        },
      ],
      invalid: [
        {
          name: 'a cycle opened in the future',
          arrange: (root) => replaceIn(root, OPEN_CYCLE, 'opened: 2025-10-01', 'opened: 2026-01-01'),
          findings: [
            {
              file: OPEN_CYCLE,
              pointer: '/opened',
              message: 'opened: 2026-01-01 is in the future (today is 2025-11-20, UTC)',
            },
          ],
        },
        {
          name: 'a cycle closed before it opened',
          arrange: (root) => replaceIn(root, CLOSED_CYCLE, 'closed: 2025-10-01', 'closed: 2025-03-01'),
          findings: [{ file: CLOSED_CYCLE, pointer: '/closed', message: 'closed: 2025-03-01 is before opened' }],
        },
      ],
    },
  },
  {
    rule: uniqueCycleTests,
    base: baseRepo,
    cases: {
      valid: [
        base,
        {
          name: 'one test in two capabilities',
          arrange: (root) =>
            replaceIn(
              root,
              OPEN_CYCLE,
              '        idempotent_id: id-7aa214cc-ac1a-4397-931f-3bb2e83bb0fd\n',
              '        idempotent_id: id-7aa214cc-ac1a-4397-931f-3bb2e83bb0fd\n' +
                '      - id: tempest.api.volume.test_volumes_get.VolumesGetTest.test_volume_create_get_update_delete\n',
            ),
        },
      ],
      invalid: [
        {
          name: 'two tests of a capability sharing an idempotent id',
          arrange: (root) =>
            replaceIn(
              root,
              OPEN_CYCLE,
              '        idempotent_id: id-27fb0e9f-fb64-41dd-8bdb-1ffa762f0d51\n',
              '        idempotent_id: id-27fb0e9f-fb64-41dd-8bdb-1ffa762f0d51\n' +
                '      - id: tempest.api.volume.test_renamed.RenamedTest.test_create\n' +
                '        idempotent_id: id-27fb0e9f-fb64-41dd-8bdb-1ffa762f0d51\n',
            ),
          findings: [
            {
              file: OPEN_CYCLE,
              pointer: '/capabilities/volumes-create/tests/1',
              message:
                'capabilities.volumes-create.tests[1]: id-27fb0e9f-fb64-41dd-8bdb-1ffa762f0d51 is already listed',
            },
          ],
        },
      ],
    },
  },
  {
    rule: waiversResolve,
    base: baseRepo,
    cases: {
      valid: [
        base,
        {
          name: 'a waiver for a registered driver, naming a test by its idempotent id',
          arrange: (root) =>
            writeIn(root, OPEN_CYCLE, readCycle(root) + waivers('lvm', 'id-7aa214cc-ac1a-4397-931f-3bb2e83bb0fd')),
        },
      ],
      invalid: [
        {
          name: 'a waiver for an unknown driver, naming a test the cycle does not list',
          arrange: (root) =>
            writeIn(
              root,
              OPEN_CYCLE,
              readCycle(root) + waivers('ghost', 'tempest.api.volume.test_gone.GoneTest.test_x'),
            ),
          findings: [
            {
              file: OPEN_CYCLE,
              pointer: '/waivers/ghost',
              message: 'waivers: "ghost" is not a driver in drivers.yaml',
            },
            {
              file: OPEN_CYCLE,
              pointer: '/waivers/ghost/0/test',
              message:
                "waivers.ghost[0].test: tempest.api.volume.test_gone.GoneTest.test_x is not a test of this cycle's",
            },
          ],
        },
      ],
    },
  },
  {
    rule: staleTempFiles,
    base: baseRepo,
    cases: {
      valid: [base],
      invalid: [
        {
          name: 'the temporary file of an interrupted write',
          arrange: (root) => writeIn(root, `${LVM}/.result.yaml.4242.0123abcd.tmp`, 'driver: lv'),
          findings: [
            {
              level: 'warning',
              file: `${LVM}/.result.yaml.4242.0123abcd.tmp`,
              message: `a temporary file left by an interrupted write of ${LVM_RESULT}`,
            },
          ],
        },
      ],
    },
  },
];

function readCycle(root: string): string {
  return readFileSync(join(root, OPEN_CYCLE), 'utf8');
}
