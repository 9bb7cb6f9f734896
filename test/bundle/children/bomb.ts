// Run in a child process by read-bomb.test.ts, so that its peak memory is its own:
// feed readBundle a gzip bomb that would inflate to 10 GiB, made lazily (never held
// in memory), and print how it was refused, how fast, and the peak RSS.
import { Readable } from 'node:stream';
import { createGzip, gzipSync } from 'node:zlib';
import { readBundle } from '../../../scripts/lib/bundle/read.js';
import { peakRssKb } from '../../helpers/peak-rss.mjs';
import { tarHeader } from '../../helpers/tar.js';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;
const mode = process.argv[2];
const header = tarHeader({ name: 'zeros.log', size: 2 * GiB - 1 });

/** One gzip stream compressing 10 GiB of zeros as they are asked for. */
function streamedBomb(): Readable {
  const zeros = Buffer.alloc(MiB);
  async function* body(): AsyncGenerator<Buffer> {
    yield header;
    for (let i = 0; i < 10 * 1024; i++) yield zeros;
  }
  return Readable.from(body()).pipe(createGzip());
}

/** Several gzip members, one of them 64 MiB of zeros repeated: a few MB that inflate to 10 GiB. */
function concatenatedBomb(): Readable {
  const block = gzipSync(Buffer.alloc(64 * MiB), { level: 9 });
  const first = gzipSync(header);
  async function* body(): AsyncGenerator<Buffer> {
    yield first;
    for (let i = 0; i < 160; i++) yield block;
  }
  return Readable.from(body());
}

const input = mode === 'concatenated' ? concatenatedBomb() : streamedBomb();
const t0 = performance.now();
let result: { code?: string; message: string };
try {
  await readBundle(input, {
    onMember: async (_m, b) => {
      for await (const _ of b);
    },
  });
  result = { message: 'read to the end' };
} catch (e) {
  result = { code: (e as { code?: string }).code, message: (e as Error).message };
}
process.stdout.write(
  JSON.stringify({
    ...result,
    ms: Math.round(performance.now() - t0),
    maxRssMiB: Math.round(peakRssKb() / 1024),
  }) + '\n',
);
