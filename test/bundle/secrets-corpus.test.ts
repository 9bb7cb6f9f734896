// The labelled corpus (test/fixtures/secrets/corpus.yaml) holds the scanner to 100 % recall and
// no false positive: every line with a secret is found, with its kind, and neither message nor
// excerpt shows the secret; no look-alike is reported. Each kind of secret has lines of both sorts.
import { describe, expect, it } from 'vitest';
import { SECRET_KINDS, type SecretKind } from '../../scripts/lib/bundle/secret-rules.js';
import { createSecretScanner, scanForSecrets } from '../../scripts/lib/bundle/secrets.js';
import { loadSecretCorpus, type CorpusEntry } from '../fixtures/secrets/corpus.js';

const corpus = loadSecretCorpus();
const positives = corpus.filter((e) => e.secret);
const negatives = corpus.filter((e) => !e.secret);
const name = (e: CorpusEntry): string => `#${e.index} ${e.kind}: ${e.note}`;

describe('the secrets corpus', () => {
  it('holds at least 80 lines with a secret and 80 look-alikes', () => {
    expect(positives.length).toBeGreaterThanOrEqual(80);
    expect(negatives.length).toBeGreaterThanOrEqual(80);
  });

  it('has, for every kind of secret, lines that hold one and look-alikes that do not', () => {
    const kinds = Object.keys(SECRET_KINDS) as SecretKind[];
    const without = (list: CorpusEntry[]) => kinds.filter((k) => !list.some((e) => e.kind === k));
    expect(without(positives)).toEqual([]);
    expect(without(negatives)).toEqual([]);
  });
});

describe('every secret of the corpus is found', () => {
  it.each(positives.map((e) => [name(e), e] as const))('%s', (_name, e) => {
    const found = scanForSecrets(e.line);
    expect(found.length, `nothing found in: ${e.line}`).toBeGreaterThan(0);
    expect(found[0]).toMatchObject({ line: 1, kind: e.kind });
    if (!e.line.includes('\n')) expect(found).toHaveLength(1); // one finding a line
    for (const f of found)
      for (const v of e.values) {
        expect(f.message).not.toContain(v);
        expect(f.excerpt).not.toContain(v);
      }
  });
});

describe('no look-alike of the corpus is reported', () => {
  it.each(negatives.map((e) => [name(e), e] as const))('%s', (_name, e) => {
    expect(scanForSecrets(e.line)).toEqual([]);
  });
});

describe('the corpus as one log, streamed', () => {
  const lines: { text: string; entry: CorpusEntry }[] = corpus.map((entry) => ({ text: entry.line, entry }));
  const text = lines.map((l) => l.text).join('\n') + '\n';
  const expected: string[] = [];
  let at = 1;
  for (const l of lines) {
    if (l.entry.secret) expected.push(`${at} ${l.entry.kind}`);
    at += l.text.split('\n').length;
  }

  it.each([1, 7, 100, 4096, 65536])('finds the same secrets on the same lines, in chunks of %i bytes', (size) => {
    const scanner = createSecretScanner({ maxFindings: 1000 });
    const bytes = Buffer.from(text);
    for (let o = 0; o < bytes.length; o += size) scanner.write(bytes.subarray(o, o + size));
    const found = scanner.end();
    expect(found.map((f) => `${f.line} ${f.kind}`)).toEqual(expected);
    const values = positives.flatMap((e) => e.values);
    for (const f of found) for (const v of values) expect(f.excerpt).not.toContain(v);
  });
});
