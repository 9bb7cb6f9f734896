// README.md's "What we reject and why" is generated from the corpus and must be current,
// as `matrix --check` holds MATRIX.md to its data.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { CASES } from './corpus/index.js';
import { COMMAND, END, START, renderRejections, withRejections } from './rejections.js';

describe('README.md: What we reject and why', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

  it(`is what \`${COMMAND}\` writes from the corpus`, () => {
    expect(readme.split(START)).toHaveLength(2);
    expect(readme.split(END)).toHaveLength(2);
    expect(withRejections(readme) === readme, `README.md's section is stale: run \`${COMMAND}\``).toBe(true);
  });

  it('has one line per case, grouped by kind', () => {
    const section = renderRejections();
    expect(section.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(CASES.length);
    for (const c of CASES) expect(section).toContain(`- ${c.title}`);
  });
});
