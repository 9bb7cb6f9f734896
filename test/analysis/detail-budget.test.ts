// The details kept of a run's tests are bounded in total: past the budget a test keeps its
// error line, which is what the reviewer's report shows (bench/details.ts measures the memory
// on 60,000 failing tests with 4 KiB tracebacks).
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { analyseBundle } from '../../scripts/lib/analysis/analyse.js';
import {
  DetailBudget,
  ERROR_LINE_CHARS,
  MAX_DETAIL_TOTAL,
  errorLine,
} from '../../scripts/lib/analysis/detail-budget.js';
import { testPackets } from '../../scripts/lib/formats/subunit-v2-writer.js';
import type { TestRecord } from '../../scripts/lib/formats/types.js';
import { gzip, tar } from '../helpers/tar.js';

const traceback = (i: number) =>
  `Traceback (most recent call last):\n${'  File "x.py", line 1, in f\n'.repeat(140)}AssertionError: ${i} != 0\n`;

describe('DetailBudget', () => {
  it('keeps details whole within the budget, then only their error line', () => {
    const budget = new DetailBudget(10_000);
    const tests: TestRecord[] = Array.from({ length: 5 }, (_, i) => ({
      id: `t${i}`,
      status: 'fail',
      detail: traceback(i),
      reason: 'r'.repeat(1000),
    }));
    for (const t of tests) budget.fit(t);
    expect(tests[0]!.detail).toBe(traceback(0));
    expect(tests[4]!.detail).toBe('AssertionError: 4 != 0');
    expect(tests[4]!.reason).toHaveLength(ERROR_LINE_CHARS);
    expect(errorLine(traceback(4))).toBe('AssertionError: 4 != 0');
  });

  it('bounds what analyseBundle keeps of a run whose tracebacks pass the budget', async () => {
    const n = 5000; // ~20 MB of tracebacks, past the 16 MiB budget
    const stream = Buffer.concat(
      Array.from({ length: n }, (_, i) =>
        Buffer.concat(
          testPackets({
            id: `tempest.api.volume.T.test_${i}`,
            status: 'fail',
            start: 1e9 + i,
            seconds: 1,
            traceback: traceback(i),
          }),
        ),
      ),
    );
    const a = await analyseBundle(
      Readable.from([
        gzip(
          tar([
            { name: 'cert.log', data: 'log\n' },
            { name: 'tempest.subunit', data: stream },
          ]),
        ),
      ]),
    );
    const tests = a.primary!.results.tests;
    expect(tests).toHaveLength(n);
    const kept = tests.reduce((sum, t) => sum + (t.detail?.length ?? 0), 0);
    expect(kept).toBeLessThanOrEqual(MAX_DETAIL_TOTAL + n * ERROR_LINE_CHARS);
    expect(kept).toBeLessThan(n * traceback(0).length * 0.9);
    expect(tests[0]!.detail).toContain('Traceback (most recent call last):');
    expect(tests[n - 1]!.detail).toBe(`AssertionError: ${n - 1} != 0`);
  });
});
