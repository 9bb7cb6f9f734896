// `drivercert matrix [--check] [--json FILE]`
import { redactDeep } from '../../lib/bundle/redact.js';
import { resolve } from 'node:path';
import type { Command, Io } from '../command.js';
import { repoRoot, str } from '../command.js';
import { UsageError, formatPlace, type Finding } from '../../lib/findings.js';
import { writeFileAtomic } from '../../lib/atomic.js';
import { isFresh, regenerate } from '../../lib/generated-file.js';
import { MATRIX_PATH, MatrixInputError, matrixFile } from '../../lib/matrix/matrix-file.js';
import type { MatrixModel } from '../../lib/matrix/model.js';
import { printableLine } from '../../lib/inert/index.js';

/** What `matrix --check` calls a MATRIX.md that differs from what the data gives. */
const STALE = 'out of date (edited by hand, or the data changed since it was generated)';

/** Print findings as `level: path:line:col /pointer message`, each with its tip. */
export function printFindings(io: Io, findings: Finding[]): void {
  for (const f of findings) {
    const line = printableLine(`${formatPlace(f)}${f.pointer ? ` ${f.pointer}` : ''} ${f.message}`);
    io.err(`${f.level === 'error' ? 'error' : 'warning'}: ${line}\n${f.tip ? `  tip: ${printableLine(f.tip)}\n` : ''}`);
  }
}

/** Run `body`; unreadable inputs are listed one per line with a closing count (exit 1). */
export async function withMatrixErrors(io: Io, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (e) {
    if (!(e instanceof MatrixInputError)) throw e;
    printFindings(io, e.findings);
    io.err(
      `${e.findings.length} ${e.findings.length === 1 ? 'problem' : 'problems'} in drivers.yaml or results/; ` +
        `${MATRIX_PATH} was not written. \`npx drivercert validate\` explains each.\n`,
    );
    return 1;
  }
}

export const matrixCommand: Command = {
  name: 'matrix',
  help: `Usage: drivercert matrix [--check] [--json FILE] [options]

Writes MATRIX.md from drivers.yaml, every results/<cycle>/cycle.yaml and every
results/<cycle>/<driver>/result.yaml (never the bundles). The output is a pure function
of those files: the same input gives the same bytes.

Options:
  --check       write nothing; exit 1 if the committed MATRIX.md is not what
                regeneration gives (then run \`npx drivercert matrix\`)
  --json FILE   also write the matrix model as JSON to FILE, for other tools
  --repo DIR    the repository (default: the current directory)
  -h, --help    show this help

Exit status: 0 written or up to date, 1 stale (--check) or unreadable input, 2 usage error.`,
  options: { check: { type: 'boolean' }, json: { type: 'string' } },
  positionals: { min: 0, max: 0, name: '' },
  async run(args, io) {
    const root = repoRoot(args, io);
    const jsonFile = str(args, 'json');
    if (args.values.check && jsonFile !== undefined)
      throw new UsageError('--check writes nothing, so it cannot be combined with --json');
    let model: MatrixModel | undefined;
    const file = matrixFile((m, warnings) => {
      model = m;
      printFindings(io, warnings);
    });
    return withMatrixErrors(io, async () => {
      if (args.values.check) {
        const { fresh, actual } = await isFresh(root, file);
        if (fresh) {
          io.err(`${MATRIX_PATH} is up to date\n`);
          return 0;
        }
        io.err(`${MATRIX_PATH} is ${actual === undefined ? 'missing' : STALE}; run \`${file.command}\`\n`);
        return 1;
      }
      const changed = await regenerate(root, file);
      io.err(changed ? `wrote ${MATRIX_PATH}\n` : `${MATRIX_PATH} unchanged\n`);
      if (jsonFile !== undefined && model) {
        // Public (the site reads it): every string redacted, as in every output.
        writeFileAtomic(resolve(io.cwd, jsonFile), JSON.stringify(redactDeep(model), null, 2) + '\n');
        io.err(`wrote ${jsonFile}\n`);
      }
      return 0;
    });
  },
};
