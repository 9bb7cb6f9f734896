// `inspect` analyses a bundle without the run's timing (AnalyseOptions.timed: false): everything
// else it shows must be what the timed analysis of validate and pack shows, and code that needs
// the timing must fail loudly on such an analysis, never pass as if the run had no times.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { analyseBundle, type BundleAnalysis } from '../../scripts/lib/analysis/analyse.js';
import { runOfAnalysis } from '../../scripts/lib/evidence/run.js';
import { timingOf } from '../../scripts/lib/evidence/timing.js';
import { RUN_LOG, RUN_SUBUNIT } from '../helpers/pack-inputs.js';
import { packBundle } from '../helpers/tar.js';

const ROOT = join(import.meta.dirname, '../..');

/** The analysis without what `timed` adds: each source's timing, its records' times and its stamps. */
function untimed(a: BundleAnalysis): unknown {
  const strip = ({ timing: _, results, ...s }: BundleAnalysis['sources'][number]) => {
    const { stamps: _stamps, tests, ...rest } = results;
    const bare = tests.map(({ start: _s, end: _e, worker: _w, seconds: _d, ...t }) => t);
    return { ...s, results: { ...rest, tests: bare } };
  };
  return { ...a, sources: a.sources.map(strip), primary: a.primary && strip(a.primary) };
}

describe('an analysis without the run timing', () => {
  it('shows everything else the timed analysis shows, on every example bundle and a split JUnit run', async () => {
    const bundles: (string | Buffer)[] = [];
    for (const cycle of ['2025.1', '2025.2']) {
      const dir = join(ROOT, 'results', cycle);
      for (const d of readdirSync(dir, { withFileTypes: true }))
        if (d.isDirectory()) bundles.push(join(dir, d.name, `${d.name}-${cycle}.tgz`));
    }
    expect(bundles).toHaveLength(6);
    const junit = (test: string) =>
      `<testsuite tests="1" timestamp="2025-06-01T12:00:00"><testcase classname="a" name="${test}" time="1.5"/></testsuite>\n`;
    bundles.push(
      await packBundle([
        { name: 'cert.log', content: readFileSync(RUN_LOG) },
        { name: 'tempest.subunit', content: readFileSync(RUN_SUBUNIT) },
        { name: 'junit/part1.xml', content: junit('test_one') },
        { name: 'junit/part2.xml', content: junit('test_two') },
      ]),
    );
    for (const b of bundles) {
      const read = (timed: boolean) =>
        analyseBundle(typeof b === 'string' ? b : Readable.from([b]), { label: 'b.tgz', timed, keepAll: true });
      const [timed, without] = [await read(true), await read(false)];
      expect(without.sources.every((s) => s.timing === undefined)).toBe(true);
      // The control: the timed analysis has the times (every example's stream is timed).
      expect(timed.sources.some((s) => (s.timing?.timed ?? 0) > 0)).toBe(true);
      expect(untimed(without)).toEqual(untimed(timed));
      // The records themselves carry no times either: nothing timed leaks into what inspect prints.
      expect(without.sources.flatMap((s) => s.results.tests).some((t) => t.start !== undefined)).toBe(false);
    }
  });

  it('fails loudly where the timing is read, naming the member', async () => {
    const path = join(ROOT, 'results/2025.2/lvm/lvm-2025.2.tgz');
    const a = await analyseBundle(path, { timed: false });
    expect(() => runOfAnalysis(a)).toThrow(/tempest\.subunit was analysed without its timing/);
    expect(() => timingOf(a.sources[0]!)).toThrow(/analysed without its timing/);
    expect(runOfAnalysis(await analyseBundle(path))).toMatchObject({ start: expect.any(String) });
  });
});
