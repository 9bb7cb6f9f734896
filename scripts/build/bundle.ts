// Bundles the compiled bin (run by `npm run build`, after tsc): dist/cli/main.js and the worker
// of `validate --jobs` become a few files under dist/bin/, and dist/cli/main.js a one-line
// entry into them. A command then starts by reading those few files instead of resolving
// and loading ~150 modules one by one: 35-45 ms less for every run of the bin (~140 ms to
// ~105 ms for `inspect` on a small bundle; BENCHMARKS.md). The code is tsc's output, only
// joined: the tests run the bin through the same entry.
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { packageRoot } from '../lib/package-root.js';

const root = packageRoot();
const dist = join(root, 'dist');
const entry = join(dist, 'cli/main.js');

// Chunks are named by their content: last build's would linger.
rmSync(join(dist, 'bin'), { recursive: true, force: true });
await build({
  entryPoints: {
    drivercert: entry,
    // pool.ts starts its workers from `./content-worker.js` beside itself: beside the chunks here.
    'content-worker': join(dist, 'lib/analysis/content-worker.js'),
  },
  outdir: join(dist, 'bin'),
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // The CommonJS packages bundled (tar-stream and its streams) call require() for node's own
  // modules, which an ES module has not got.
  banner: {
    js: "import { createRequire as __drivercertRequire } from 'node:module';\nconst require = __drivercertRequire(import.meta.url);",
  },
  logLevel: 'warning',
});

writeFileSync(
  entry,
  "#!/usr/bin/env node\n// The bin, bundled by scripts/build/bundle.ts.\nimport '../bin/drivercert.js';\n",
);
chmodSync(entry, 0o755);
