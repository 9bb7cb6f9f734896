// Secrets in what a submitter writes by hand: result.yaml's free text (notes, the backend's
// model and version) and the submission's README.md. Both are shown to every reader (the PR
// comment, MATRIX.md, the site), so a password there is public the moment it is merged.
import { closeSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { SECRET_TIP, createSecretScanner, scanForSecrets, type SecretFinding } from '../bundle/secrets.js';
import type { Check } from './types.js';

/** result.yaml's fields of free text, by JSON pointer. */
const FREE_TEXT: readonly { pointer: string; of: (r: Record<string, unknown>) => unknown }[] = [
  { pointer: '/notes', of: (r) => r.notes },
  { pointer: '/environment/backend/model', of: (r) => backendOf(r)?.model },
  { pointer: '/environment/backend/version', of: (r) => backendOf(r)?.version },
];

function backendOf(r: Record<string, unknown>): Record<string, unknown> | undefined {
  const env = r.environment as Record<string, unknown> | undefined;
  const backend = env?.backend;
  return backend && typeof backend === 'object' ? (backend as Record<string, unknown>) : undefined;
}

const README = 'README.md';

export const noSecretsInText: Check<'submission'> = {
  id: 'no-secrets-in-text',
  name: "no secrets in the submission's notes and README.md",
  description:
    "result.yaml's notes and backend model and version, and the submission's README.md, are scanned for " +
    'unscrubbed passwords, private keys and tokens as bundle members are.',
  scope: 'submission',
  check(sub, report, ctx) {
    const data = sub.result?.data as Record<string, unknown> | undefined;
    if (sub.result && data) {
      for (const { pointer, of } of FREE_TEXT) {
        const text = of(data);
        if (typeof text !== 'string') continue;
        for (const s of scanForSecrets(text))
          report.at(sub.result, pointer).error(`${s.message}: ${s.excerpt}`, SECRET_TIP);
      }
    }
    if (!sub.entries.some((e) => e.name === README && e.kind === 'file')) return;
    const path = `${sub.path}/${README}`;
    for (const s of scanFile(join(ctx.repo.root, path)))
      report.at(path, s.line).error(`${s.message}: ${s.excerpt}`, SECRET_TIP);
  },
};

/** Scan a file in pieces (a README may be any size); an unreadable one is the submission-files rule's to report. */
function scanFile(path: string): SecretFinding[] {
  const scanner = createSecretScanner();
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return [];
  }
  try {
    const buf = Buffer.alloc(64 * 1024);
    for (let n = readSync(fd, buf); n > 0; n = readSync(fd, buf)) scanner.write(buf.subarray(0, n));
  } catch {
    return [];
  } finally {
    closeSync(fd);
  }
  return scanner.end();
}
