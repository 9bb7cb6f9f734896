// What runs after the cycles change: the matrix is regenerated so it never goes stale.
import type { Io } from '../command.js';
import { regenerate } from '../../lib/generated-file.js';
import { MATRIX_FILE, MATRIX_PATH } from '../../lib/matrix/matrix-file.js';
import { withMatrixErrors } from './matrix.js';

/** Regenerate what depends on the cycles; returns the exit status. */
export async function afterCycleChange(root: string, io: Io): Promise<number> {
  const status = await withMatrixErrors(io, async () => {
    const changed = await regenerate(root, MATRIX_FILE);
    io.err(changed ? `regenerated ${MATRIX_PATH}\n` : `${MATRIX_PATH} unchanged\n`);
    return 0;
  });
  if (status !== 0)
    io.err(
      `The cycle change was made, but ${MATRIX_PATH} is stale: ` +
        `fix the problems above, then run \`${MATRIX_FILE.command}\`.\n`,
    );
  return status;
}
