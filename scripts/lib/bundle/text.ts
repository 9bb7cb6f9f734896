// Which bundle members are text, and so scanned for secrets. By name first: a log or
// config is always text, even with a stray NUL in it (a NUL must not hide a password);
// an archive or image is never. Anything else is text unless its first 8 KiB hold a NUL.

export type MemberClass = 'text' | 'binary' | 'sniff';

/** Bytes looked at to decide that an unknown member is binary. */
export const SNIFF_BYTES = 8 * 1024;

const TEXT =
  /\.(?:log|txt|text|out|err|conf|cfg|ini|ya?ml|json|xml|html?|csv|tsv|md|rst|sh|py|sql|diff|patch|trace)$|\.log\.\d+$/i;
const BINARY = /\.(?:gz|tgz|bz2|xz|zst|lz4|zip|7z|tar|rar|png|jpe?g|gif|webp|pdf|qcow2|img|iso|bin|so|pyc|whl|jar)$/i;

/** Decide by NAME alone when the name says; `sniff` means: look at the first bytes. */
export function classifyMember(name: string): MemberClass {
  if (TEXT.test(name)) return 'text';
  if (BINARY.test(name)) return 'binary';
  return 'sniff';
}

/** Does HEAD (the first bytes of a member) look binary? A NUL byte says so. */
export function looksBinary(head: Uint8Array): boolean {
  return head.subarray(0, SNIFF_BYTES).includes(0);
}
