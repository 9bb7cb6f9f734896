// Seeded random logs built from the corpus (its lines whole, cut, spliced and mutated, with
// noise between) hold the scanner's promises on text nobody wrote by hand: streamed in any
// chunks it finds what a whole-text scan finds; a secret of the corpus never shows in an
// excerpt nor survives redaction; redaction leaves nothing the scan would report; nothing
// throws. A longer search: DRIVERCERT_FUZZ_ITERATIONS=20000 npx vitest run <this file>.
import { describe, expect, it } from 'vitest';
import { Random } from '../../bench/lib/random.js';
import { redactSecrets } from '../../scripts/lib/bundle/redact.js';
import { createSecretScanner, scanForSecrets, type SecretFinding } from '../../scripts/lib/bundle/secrets.js';
import { loadSecretCorpus } from '../fixtures/secrets/corpus.js';

const corpus = loadSecretCorpus();
const ITERATIONS = Number(process.env.DRIVERCERT_FUZZ_ITERATIONS ?? 400);
const NOISE = [
  '',
  ' ',
  '\t',
  '\n',
  '\r\n',
  '"',
  "'",
  ':',
  '=',
  ' = ',
  ': ',
  '\\',
  '\\n',
  '&',
  ',',
  '}',
  '{',
  '#',
  'é',
  '\u0000',
];
const PIECES = [
  'password',
  'token',
  '_key',
  'secret',
  '://',
  'Authorization: Basic ',
  '-----BEGIN RSA PRIVATE KEY-----',
];

/** A random log: corpus lines whole or mutated, pieces of others, noise; WHOLE: the secrets of whole lines. */
function randomLog(rnd: Random): { text: string; whole: string[] } {
  const parts: string[] = [];
  const whole: string[] = [];
  for (let n = 1 + rnd.int(8); n > 0; n--) {
    const e = rnd.pick(corpus);
    const r = rnd.next();
    if (r < 0.4) {
      parts.push('\n', e.line, '\n');
      if (e.secret) whole.push(...e.values);
    } else if (r < 0.6) parts.push('\n', mutated(e.line, rnd), '\n');
    else if (r < 0.85) {
      const a = rnd.int(e.line.length);
      parts.push(e.line.slice(a, a + 1 + rnd.int(80)));
    } else parts.push(rnd.pick(PIECES));
    parts.push(rnd.pick(NOISE));
  }
  const text = parts.join('');
  return { text, whole: whole.filter((v) => text.indexOf(v) === text.lastIndexOf(v)) }; // not also in a fragment
}

function mutated(line: string, rnd: Random): string {
  let text = line;
  for (let m = 1 + rnd.int(3); m > 0; m--) {
    const at = rnd.int(text.length);
    text = text.slice(0, at) + rnd.pick(NOISE) + text.slice(at + 1);
  }
  return text;
}

function streamed(text: string, rnd: Random): SecretFinding[] {
  const bytes = Buffer.from(text);
  const scanner = createSecretScanner({ maxFindings: 1000 });
  for (let o = 0; o < bytes.length;) {
    const size = 1 + rnd.int(rnd.next() < 0.5 ? 16 : 4096);
    scanner.write(bytes.subarray(o, o + size));
    o += size;
  }
  return scanner.end();
}

describe(`the scanner on ${ITERATIONS} seeded random logs built from the corpus`, () => {
  it('finds the same streamed as whole, shows no secret, and redacts to a clean text', () => {
    const rnd = new Random(20251120);
    for (let i = 0; i < ITERATIONS; i++) {
      const { text, whole } = randomLog(rnd);
      const found = scanForSecrets(text, { maxFindings: 1000 });
      const ctx = `input ${i}: ${JSON.stringify(text.slice(0, 300))}`;
      expect(streamed(text, rnd), ctx).toEqual(found);
      const redacted = redactSecrets(text);
      for (const v of whole) {
        expect(redacted, ctx).not.toContain(v);
        for (const f of found) expect(f.excerpt, ctx).not.toContain(v);
      }
      // a PEM marker whose key is cut off is still reported, though redaction has nothing to hide
      const left = scanForSecrets(redacted).filter(
        (f) => !(f.kind === 'private-key' && /PRIVATE KEY-+$/.test(f.excerpt)),
      );
      expect(left, `${ctx}\nredacted: ${JSON.stringify(redacted.slice(0, 300))}`).toEqual([]);
    }
  });
});
