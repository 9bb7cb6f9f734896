// A realistic stestr stream for the bench: per test an `inprogress` packet and a final
// one (success, skip with a reason attachment, or fail with a traceback), with timestamps
// and worker tags, written with the project's own subunit v2 writer.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { testPackets } from '../../scripts/lib/formats/subunit-v2-writer.js';
import { Random } from './random.js';

const CLASSES = [
  'tempest.api.volume.test_volumes_actions.VolumesActionsTest',
  'tempest.api.volume.test_volumes_get.VolumesGetTest',
  'tempest.api.volume.test_volumes_snapshots.VolumesSnapshotTestJSON',
  'tempest.api.volume.test_volumes_extend.VolumesExtendTest',
  'tempest.api.volume.admin.test_volume_types.VolumeTypesTest',
  'tempest.api.volume.test_volumes_list.VolumesListTestJSON',
];

/** Write a stream of TESTS tests (about 1% skipped, 0.5% failed) to PATH. Deterministic. */
export async function writeSubunitRun(
  path: string,
  tests: number,
  seed = 7,
): Promise<{ success: number; skip: number; fail: number }> {
  const rnd = new Random(seed);
  const out = createWriteStream(path);
  const counts = { success: 0, skip: 0, fail: 0 };
  let seconds = Math.floor(Date.UTC(2025, 5, 1, 11, 59, 2) / 1000);
  let batch: Buffer[] = [];
  for (let i = 0; i < tests; i++) {
    const id = `${rnd.pick(CLASSES)}.test_case_${i}[id-${rnd.uuid()},smoke]`;
    const worker = `worker-${rnd.int(2)}`;
    const start = seconds + rnd.int(1e9) / 1e9;
    seconds += rnd.int(3);
    const took = seconds - start + rnd.int(1e9) / 1e9;
    const r = rnd.next();
    if (r < 0.01) {
      counts.skip++;
      batch.push(...testPackets({ id, status: 'skip', start, seconds: took, worker, reason: 'Feature not enabled' }));
    } else if (r < 0.015) {
      counts.fail++;
      batch.push(
        ...testPackets({
          id,
          status: 'fail',
          start,
          seconds: took,
          worker,
          traceback:
            'Traceback (most recent call last):\n  File "tempest/api/volume/base.py", line 91, in wait\nAssertionError: volume did not become available\n',
        }),
      );
    } else {
      counts.success++;
      batch.push(...testPackets({ id, status: 'success', start, seconds: took, worker }));
    }
    if (batch.length >= 4096) {
      if (!out.write(Buffer.concat(batch))) await once(out, 'drain');
      batch = [];
    }
  }
  out.end(Buffer.concat(batch));
  await once(out, 'finish');
  return counts;
}
