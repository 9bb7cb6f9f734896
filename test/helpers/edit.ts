// Small, explicit edits to files of a scratch repository.
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Replace the first occurrence of `from` (which must exist) in a file. */
export function replaceIn(root: string, file: string, from: string | RegExp, to: string): void {
  const path = join(root, file);
  const text = readFileSync(path, 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`${file}: ${String(from)} not found`);
  writeFileSync(path, next);
}

/** The 1-based line number of the first line containing `needle`. */
export function lineOf(root: string, file: string, needle: string): number {
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  const i = lines.findIndex((l) => l.includes(needle));
  if (i === -1) throw new Error(`${file}: ${needle} not found`);
  return i + 1;
}

/** Write a file (its folders created). */
export function writeIn(root: string, file: string, content: string | Buffer): void {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), content);
}

/** Add text at the end of a file (which must exist). */
export function appendIn(root: string, file: string, text: string): void {
  readFileSync(join(root, file));
  appendFileSync(join(root, file), text);
}
