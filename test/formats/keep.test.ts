// A parser given `keep` holds only the records chosen, but counts every test it read.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parserFor } from '../../scripts/lib/formats/index.js';
import { countResults, countsOf, type ResultFormat, type TestRecord } from '../../scripts/lib/formats/types.js';
import { ROOT } from '../helpers/cli.js';

const FORMATS = join(ROOT, 'test/fixtures/formats');

describe.each<[ResultFormat, string]>([
  ['subunit-v2', 'run.subunit'],
  ['subunit-v1', 'run.v1.subunit'],
  ['junit', 'run.junit.xml'],
  ['pyunit', 'run.pyunit.txt'],
  ['subunit-trace', 'run.subunit-trace-f.txt'],
])('%s with keep', (format, file) => {
  const bytes = readFileSync(join(FORMATS, file));
  const parse = (keep?: (t: TestRecord) => boolean) => {
    const p = parserFor(format, keep ? { keep } : {});
    p.write(bytes);
    return p.end();
  };

  it('counts every test whether kept or not, and sees each one', () => {
    const all = parse();
    const seenIds: string[] = [];
    const none = parse((t) => {
      seenIds.push(t.id);
      return false;
    });
    expect(none.tests).toEqual([]);
    expect(countsOf(none)).toEqual(countsOf(all));
    expect(countsOf({ seen: none.seen })).toEqual(countResults(all.tests));
    expect(seenIds).toEqual(all.tests.map((t) => t.id));
    expect(none.problems).toEqual(all.problems);
  });

  it('keeps exactly the records chosen, in order', () => {
    const all = parse();
    const kept = parse((t) => t.status !== 'success');
    expect(kept.tests).toEqual(all.tests.filter((t) => t.status !== 'success'));
  });
});
