// Git LFS pointer files (https://github.com/git-lfs/git-lfs/blob/main/docs/spec.md): what a
// bundle stored in LFS is in a clone that did not fetch its content. The pointer carries the
// content's sha256 and size, exactly what result.yaml states about the bundle.

/** The largest pointer git-lfs writes or reads; anything larger is content. */
export const POINTER_MAX_BYTES = 1024;

const VERSION_LINE = 'version https://git-lfs.github.com/spec/v1';
/** Versions git-lfs still accepts (the pre-release one is read as v1). */
const VERSIONS = new Set([VERSION_LINE, 'version https://hawser.github.com/spec/v1']);

/** What a pointer says about the content it stands for. */
export interface LfsPointer {
  /** The content's sha256 (lowercase hex). */
  oid: string;
  /** The content's size in bytes. */
  size: number;
}

/** A pointer, or why text that starts like one is not. */
export type PointerRead = { pointer: LfsPointer } | { problem: string; line: number } | undefined;

/** Whether the first bytes of a file are a pointer's first line (so it is read as one). */
export function startsLikePointer(head: Buffer | string): boolean {
  const text = typeof head === 'string' ? head : head.toString('latin1');
  return text.startsWith('version https://git-lfs.github.com/spec/') || text.startsWith('version https://hawser.');
}

/**
 * Read a file's bytes as a pointer: undefined when it does not start like one, else the
 * pointer or the first thing that makes it invalid (strictly as the spec says: `key value`
 * lines, sorted keys after `version`, a sha256 oid, a decimal size, a final newline).
 */
export function readPointer(buf: Buffer): PointerRead {
  if (buf.length > POINTER_MAX_BYTES || !startsLikePointer(buf)) return undefined;
  const text = buf.toString('utf8');
  if (!text.endsWith('\n')) return { problem: 'it does not end with a line break', line: text.split('\n').length };
  const lines = text.slice(0, -1).split('\n');
  if (!VERSIONS.has(lines[0]!)) return { problem: `unknown version line ${JSON.stringify(lines[0])}`, line: 1 };
  const values = new Map<string, string>();
  let previous = '';
  for (let i = 1; i < lines.length; i++) {
    const m = /^([a-z0-9.-]+) ([^\r\n]*)$/.exec(lines[i]!);
    if (!m) return { problem: `line ${i + 1} is not "key value"`, line: i + 1 };
    const [, key, value] = m as unknown as [string, string, string];
    if (key <= previous) return { problem: `key "${key}" is out of order or repeated`, line: i + 1 };
    previous = key;
    values.set(key, value);
  }
  const oid = /^sha256:([0-9a-f]{64})$/.exec(values.get('oid') ?? '');
  if (!oid) return { problem: 'it has no "oid sha256:<64 lowercase hex digits>" line', line: lines.length };
  const size = values.get('size') ?? '';
  if (!/^(0|[1-9][0-9]{0,15})$/.test(size) || !Number.isSafeInteger(Number(size)))
    return { problem: 'it has no "size <bytes>" line with a decimal byte count', line: lines.length };
  return { pointer: { oid: oid[1]!, size: Number(size) } };
}

/** The text of a pointer to `content`'s sha256 and size, as git-lfs writes it. */
export function pointerText(pointer: LfsPointer): string {
  return `${VERSION_LINE}\noid sha256:${pointer.oid}\nsize ${pointer.size}\n`;
}
