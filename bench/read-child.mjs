// The read path the bench measures, as compiled JavaScript (run `npm run build` first):
// one pass over a bundle — gunzip, tar, a secret scan of every text member, sha256 —
// then one JSON line with the figures, peak RSS included. Kept as plain .mjs so that
// process start costs what the `drivercert` binary's does (no TypeScript loader).
import { readBundle } from '../dist/lib/bundle/read.js';
import { createSecretScanner } from '../dist/lib/bundle/secrets.js';

const path = process.argv[2];
const t0 = performance.now();
let findings = 0;
let scanned = 0;
const summary = await readBundle(path, {
  onMember: async (member, body) => {
    const scanner = createSecretScanner({ name: member.name });
    for await (const chunk of body) {
      scanner.write(chunk);
      if (scanner.binary) break; // the reader skips the rest of the member
    }
    findings += scanner.end().length;
    if (!scanner.binary) scanned += member.size;
  },
});
const ms = performance.now() - t0;
process.stdout.write(
  JSON.stringify({
    ms: Math.round(ms),
    maxRssKiB: process.resourceUsage().maxRSS,
    cpuMs: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000),
    members: summary.members.length,
    compressedBytes: summary.compressedBytes,
    uncompressedBytes: summary.uncompressedBytes,
    scannedBytes: scanned,
    sha256: summary.sha256,
    findings,
  }) + '\n',
);
