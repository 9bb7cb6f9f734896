// pack's inputs for an lvm run: the cert log and subunit stream of test/fixtures/formats/ (a run
// of 2025-06-01) and the fields a vendor states. The tests and benches that pack share them.
import { fileURLToPath } from 'node:url';
import { replaceIn } from './edit.js';

const FORMATS = fileURLToPath(new URL('../fixtures/formats/', import.meta.url));
export const RUN_LOG = `${FORMATS}run.cert.log`;
export const RUN_SUBUNIT = `${FORMATS}run.subunit`;

/** The fields a vendor states, as pack's options. */
export function statedArgs(submitter = 'octocat'): string[] {
  return [
    '--submitter',
    submitter,
    '--backend-model',
    'LVM on a loop device',
    '--backend-version',
    'lvm2 2.03.16',
    '--submitted',
    '2025-11-02',
  ];
}

/** `pack` of lvm's run from the log and the stream, stated by `submitter` (add --repo and more after). */
export function packLvmArgs(submitter = 'octocat'): string[] {
  return ['pack', '--driver', 'lvm', '--log', RUN_LOG, '--subunit', RUN_SUBUNIT, ...statedArgs(submitter)];
}

/**
 * Open cycle 2025.2 (shipped as opened 2025-10-01) on 2025-05-31 in the repository at `root`, so
 * that the fixtures' run of 2025-06-01 lies in it (validate's run-in-cycle rule) without
 * regenerating the golden fixture files.
 */
export function openCycleForRunFixtures(root: string): void {
  replaceIn(root, 'results/2025.2/cycle.yaml', 'opened: 2025-10-01', 'opened: 2025-05-31');
}
