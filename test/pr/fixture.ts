// The base branch the pull-request tests start from: the shipped data, with maintainers,
// a login core reviewer, a removed driver and some merged results in both cycles.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { editRegistry } from '../helpers/pr-repo.js';
import { writeSubmission } from '../helpers/submission.js';

export const TEST_A = 'tempest.api.volume.test_versions.VersionsTest.test_list_versions';
export const TEST_B =
  'tempest.api.volume.test_volumes_get.VolumesGetTest.test_volume_create_get_update_delete_as_clone';

export const CORE = 'core-carol';
export const LVM_MAINTAINER = 'alice';
export const NFS_MAINTAINER = 'nina';

/** Set up drivers.yaml and the merged results of the base branch. */
export function baseBranch(dir: string, opts: { coreReviewers?: string[] } = {}): void {
  editRegistry(dir, (doc, index) => {
    doc.set('core_reviewers', opts.coreReviewers ?? [CORE]);
    doc.setIn(['drivers', index('lvm'), 'maintainers'], [LVM_MAINTAINER]);
    doc.setIn(['drivers', index('nfs'), 'maintainers'], [NFS_MAINTAINER]);
    doc.setIn(['drivers', index('datera'), 'status'], 'removed');
  });
  writeSubmission(dir, {
    driver: 'lvm',
    cycle: '2025.1',
    submitter: LVM_MAINTAINER,
    submitted: '2025-05-01',
    failed: [TEST_A],
  });
  writeSubmission(dir, { driver: 'nfs', cycle: '2025.1', submitter: NFS_MAINTAINER, submitted: '2025-05-02' });
  writeSubmission(dir, { driver: 'nfs', cycle: '2025.2', submitter: NFS_MAINTAINER, submitted: '2025-10-20' });
  writeFileSync(join(dir, 'results/2025.2/nfs/README.md'), '# Reproducing\n\nA two-node NFS server.\n');
}
