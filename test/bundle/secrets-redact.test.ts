// redactSecrets, what public outputs will pass exception lines and test details through: no
// secret of the corpus survives it, everything around a secret does, and a text without one
// comes back as it was. Hostile texts cannot make it hang.
import { describe, expect, it } from 'vitest';
import { findSecretSpans, REDACTED, redactSecrets } from '../../scripts/lib/bundle/redact.js';
import { createSecretScanner, scanForSecrets } from '../../scripts/lib/bundle/secrets.js';
import { loadSecretCorpus, type CorpusEntry } from '../fixtures/secrets/corpus.js';

const corpus = loadSecretCorpus();
const name = (e: CorpusEntry): string => `#${e.index} ${e.kind}: ${e.note}`;

/** TEXT with its spans put back: what redaction kept must be the text itself. */
function unredact(text: string, redacted: string): string {
  let out = '';
  let from = 0;
  let at = 0;
  for (const s of findSecretSpans(text)) {
    const i = redacted.indexOf(REDACTED, at);
    out += redacted.slice(at, i) + text.slice(s.start, s.end);
    at = i + REDACTED.length;
    from = s.end;
  }
  expect(from).toBeLessThanOrEqual(text.length);
  return out + redacted.slice(at);
}

describe('redactSecrets on the corpus', () => {
  it.each(corpus.filter((e) => e.secret).map((e) => [name(e), e] as const))('hides every secret: %s', (_n, e) => {
    const out = redactSecrets(e.line);
    for (const v of e.values) expect(out).not.toContain(v);
    expect(out).toContain(REDACTED);
    expect(unredact(e.line, out)).toBe(e.line);
    expect(redactSecrets(out)).toBe(out); // and what it left is clean
  });

  it.each(corpus.filter((e) => !e.secret).map((e) => [name(e), e] as const))('leaves alone: %s', (_n, e) => {
    expect(redactSecrets(e.line)).toBe(e.line);
  });

  it('hides the same secrets in the corpus as one text as line by line', () => {
    const text = corpus.map((e) => e.line).join('\n');
    expect(redactSecrets(text)).toBe(corpus.map((e) => redactSecrets(e.line)).join('\n'));
  });
});

describe('redactSecrets on other texts', () => {
  it('hides every secret of a line, not only the first', () => {
    expect(redactSecrets('--os-password s3cret-1 --os-token 0123456789abcdef and password=hunter22')).toBe(
      '--os-password [REDACTED] --os-token [REDACTED] and password=[REDACTED]',
    );
  });

  it('keeps text outside the Latin-1 range intact around a secret', () => {
    expect(redactSecrets('パスワード password = hunter2 🔑 ok')).toBe('パスワード password = [REDACTED] 🔑 ok');
  });

  it('hides the body of a PEM key and keeps its markers', () => {
    const pem = [
      '-----BEGIN RSA PRIVATE KEY-----',
      'MIIEowIBAAKCAQEAx4Ue1yO2zQ3',
      'Tk9vM0',
      '-----END RSA PRIVATE KEY-----',
    ];
    expect(redactSecrets(`key:\n${pem.join('\n')}\nnext`)).toBe(
      'key:\n-----BEGIN RSA PRIVATE KEY-----[REDACTED]\n-----END RSA PRIVATE KEY-----\nnext',
    );
  });

  it('finds what the scan finds: a text with a finding is changed, one without is not', () => {
    for (const text of ['password = hunter2', 'password = xxx', 'rabbit://u:p4ss@h/', 'rabbit://u:***@h/'])
      expect(redactSecrets(text) !== text).toBe(scanForSecrets(text).length > 0);
  });

  it.each([
    ['a trigger word repeated', 'password = x '.repeat(400_000)],
    ['mysql repeated on one line', 'mysql '.repeat(900_000)],
    ['sshpass repeated on one line', 'sshpass -p '.repeat(480_000)],
    ['token headers whose value is the next header', 'X-Auth-Token: '.repeat(350_000)],
    ['keys whose value is the next key', 'token: '.repeat(700_000)],
    ['URL openings repeated', 'a://b:c@'.repeat(600_000)],
    ['PEM markers without a key', '-----BEGIN RSA PRIVATE KEY-----\n'.repeat(160_000)],
    ['JWT middles without a JWT', 'eyJhbGciOi '.repeat(450_000)],
    ['escaped quotes that never close', '{\\"password\\": \\"'.repeat(300_000)],
    ['mysql with a -p on a 5 MB line', `mysql ${'-pX '.repeat(1_600_000)}`],
    ['Authorization headers without a value', 'Authorization: Basic '.repeat(230_000)],
    ['SAS parameters repeated', '?sv=2022-11-02&se=1&sig='.repeat(200_000)],
  ])(
    'the scan and redaction return on hostile text: %s (5 MB; a guard against a hang, not a speed target)',
    (_w, text) => {
      const t0 = performance.now();
      redactSecrets(text);
      const scanner = createSecretScanner({ maxFindings: 5 });
      const bytes = Buffer.from(text);
      for (let o = 0; o < bytes.length; o += 65536) scanner.write(bytes.subarray(o, o + 65536));
      scanner.end();
      expect(performance.now() - t0).toBeLessThan(20_000);
    },
  );
});
