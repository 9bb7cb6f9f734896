// pack's inputs for an lvm run: the cert log and subunit stream of test/fixtures/formats/ (a run
// of 2025-06-01) and the fields a vendor states. The tests and benches that pack share them.
import { fileURLToPath } from 'node:url';

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
