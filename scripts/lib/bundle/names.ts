// Member names: decoded strictly, checked for everything that could escape a folder or
// fool a reader, normalised the way ordinary `tar` writes them, and kept unique.
import { BundleError, quoteName } from './errors.js';
import type { BundleLimits } from './limits.js';

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The member name as text. tar-stream is run with latin1 names so that header and GNU
 * long names arrive as raw bytes (one char per byte) and are decoded strictly here; a
 * pax `path` record arrives already decoded as UTF-8, where a bad byte shows up as U+FFFD.
 */
export function decodeMemberName(raw: string, fromPax: boolean): string {
  if (fromPax) {
    if (raw.includes('\ufffd')) throw notUtf8(quoteName(raw));
    return raw;
  }
  if (!/[\u0080-\u00ff]/.test(raw)) return raw; // plain ASCII: nothing to decode
  try {
    return UTF8.decode(Buffer.from(raw, 'latin1'));
  } catch {
    throw notUtf8(`"${escapeBytes(raw)}"`);
  }
}

/** Raw name bytes (one char per byte) as printable ASCII, anything else as `\xNN`. */
function escapeBytes(raw: string): string {
  return raw.replace(/[^\x20-\x7e]|["\\]/g, (c) =>
    c === '"' || c === '\\' ? `\\${c}` : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}

function notUtf8(shown: string): BundleError {
  return new BundleError('name-not-utf8', `member name ${shown} is not valid UTF-8`, { member: shown.slice(1, -1) });
}

// C0 and C1 controls, DEL, and the bidirectional overrides that can make a name read
// differently from what it is ("Trojan Source").
// eslint-disable-next-line no-control-regex
const BAD_CHARS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/**
 * Check a decoded member name and return it normalised: a leading `./` (any number)
 * dropped, `//` and `/./` collapsed, a trailing `/` removed. `.` is the archive's root
 * folder. Refused: empty, absolute (`/x` or `C:x`), any `..` segment, a backslash, a
 * control or bidirectional-override character, too long or too deep.
 */
export function normaliseMemberName(name: string, limits: Pick<BundleLimits, 'maxNameBytes' | 'maxNameDepth'>): string {
  const q = quoteName(name);
  if (name === '') throw new BundleError('bad-name', 'a member has an empty name', { member: name });
  if (Buffer.byteLength(name) > limits.maxNameBytes) {
    throw new BundleError(
      'name-too-long',
      `member name ${quoteName(name.slice(0, 80))}… is ${Buffer.byteLength(name)} bytes long ` +
        `(the limit is ${limits.maxNameBytes})`,
      { member: name },
    );
  }
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) {
    throw new BundleError('absolute-path', `member ${q} has an absolute path`, { member: name });
  }
  if (BAD_CHARS.test(name))
    throw new BundleError('bad-name', `member name ${q} contains a control or text-direction character`, {
      member: name,
    });
  if (name.includes('\\')) throw new BundleError('bad-name', `member name ${q} contains a backslash`, { member: name });
  const parts = name.split('/');
  if (parts.includes('..'))
    throw new BundleError('dot-dot-path', `member ${q} has a ".." segment in its path`, { member: name });
  const kept = parts.filter((p) => p !== '' && p !== '.');
  if (kept.length > limits.maxNameDepth) {
    throw new BundleError(
      'name-too-long',
      `member ${q} is ${kept.length} folders deep (the limit is ${limits.maxNameDepth})`,
      { member: name },
    );
  }
  return kept.length === 0 ? '.' : kept.join('/');
}

/**
 * A name as macOS (APFS, HFS+) and Windows (NTFS) compare names by default: Unicode NFC, then
 * lower case. Two names with one key are one file there, whichever a reviewer's tar wrote last.
 */
export function foldedName(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/** The names seen so far, to refuse a second member of the same name (or a file used as a folder). */
export class MemberIndex {
  private readonly files = new Set<string>();
  private readonly dirs = new Set<string>();
  /** Each file's and folder's folded name (foldedName), with the name it was first seen as. */
  private readonly foldedFiles = new Map<string, string>();
  private readonly foldedDirs = new Map<string, string>();

  /** Record NAME (normalised); throws `duplicate-member` on a clash. Repeated folder entries are fine. */
  add(name: string, type: 'file' | 'directory'): void {
    if (name === '.') return;
    const q = quoteName(name);
    if (this.files.has(name))
      throw new BundleError('duplicate-member', `member ${q} appears twice in the bundle`, { member: name });
    if (type === 'file' && this.dirs.has(name)) {
      throw new BundleError('duplicate-member', `member ${q} is both a folder and a file`, { member: name });
    }
    for (let i = name.indexOf('/'); i !== -1; i = name.indexOf('/', i + 1)) {
      const parent = name.slice(0, i);
      if (this.files.has(parent)) {
        throw new BundleError('duplicate-member', `member ${q} lies inside ${quoteName(parent)}, which is a file`, {
          member: name,
        });
      }
      this.dirs.add(parent);
    }
    (type === 'file' ? this.files : this.dirs).add(name);
    this.checkFolded(name, type);
  }

  /** Refuse NAME when it is another member's name up to case or Unicode normalisation (two folders may merge). */
  private checkFolded(name: string, type: 'file' | 'directory'): void {
    const dirs = [...parentsOf(name), ...(type === 'directory' ? [name] : [])];
    for (const dir of dirs) {
      const key = foldedName(dir);
      const file = this.foldedFiles.get(key);
      if (file !== undefined) throw collision(dir === name ? name : dir, file, name);
      if (!this.foldedDirs.has(key)) this.foldedDirs.set(key, dir);
    }
    if (type !== 'file') return;
    const key = foldedName(name);
    const other = this.foldedFiles.get(key) ?? this.foldedDirs.get(key);
    if (other !== undefined && other !== name) throw collision(name, other, name);
    this.foldedFiles.set(key, name);
  }
}

/** The folders NAME lies in: `a`, `a/b` for `a/b/c`. */
function parentsOf(name: string): string[] {
  const out: string[] = [];
  for (let i = name.indexOf('/'); i !== -1; i = name.indexOf('/', i + 1)) out.push(name.slice(0, i));
  return out;
}

function collision(name: string, other: string, member: string): BundleError {
  return new BundleError(
    'name-collision',
    `member ${quoteName(name)} and member ${quoteName(other)} differ only in case or Unicode normalisation:` +
      ' on macOS and Windows they are one file, and a reviewer there reads only one of them',
    { member },
  );
}
