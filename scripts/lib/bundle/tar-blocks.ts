// Watches the inflated tar stream block by block, beside tar-stream, for what
// tar-stream does not tell: where the end-of-archive marker (a zero block where a
// header should be) lies, and how many bytes of extended headers precede a member.
// GNU tar stops at the first zero block; tar-stream reads on. A member after the
// marker would be read by us but never extracted by a reviewer's `tar`, so it is refused.

export const BLOCK = 512;
const ZEROS = Buffer.alloc(BLOCK);

/** Round SIZE up to whole tar blocks. */
export function blocks(size: number): number {
  return Math.ceil(size / BLOCK) * BLOCK;
}

export class TarBlocks {
  /** Offset of the next inflated byte. */
  private pos = 0;
  /** Whether the block holding `pos` has been all zeros so far. */
  private zeroSoFar = true;
  /** Runs of zero blocks [start, end) not inside a known member's data. */
  private runs: [number, number][] = [];
  /** End (block aligned) of the data of the last member seen. */
  private known = 0;

  /** Look at the next CHUNK of the tar stream. Cheap: member data already known is skipped. */
  scan(chunk: Uint8Array): void {
    const base = this.pos;
    const end = base + chunk.byteLength;
    let p = base;
    while (p < end) {
      if (p < this.known) {
        p = Math.min(end, this.known);
        continue;
      }
      const start = p - (p % BLOCK);
      const stop = Math.min(end, start + BLOCK);
      if (p === start) this.zeroSoFar = true;
      if (this.zeroSoFar && !isZero(chunk, p - base, stop - base)) this.zeroSoFar = false;
      if (stop === start + BLOCK && this.zeroSoFar) this.record(start);
      p = stop;
    }
    this.pos = end;
  }

  /** Bytes after the last member's data that are not zero blocks: extended headers, and the next header. */
  pendingHeaderBytes(): number {
    let zeros = 0;
    for (const [s, e] of this.runs) zeros += e - s;
    return Math.max(0, this.pos - this.known - zeros);
  }

  /** Is there a zero block between the last member's data and a header at OFFSET? */
  endBefore(offset: number): boolean {
    return this.runs.some(([s]) => s < offset);
  }

  /** Bytes between the last member's data and a header at OFFSET (its extended headers). */
  headerBytesBefore(offset: number): number {
    return Math.max(0, offset - this.known);
  }

  /** A member's header lies at OFFSET and SIZE bytes of data follow it. */
  admit(offset: number, size: number): void {
    this.known = offset + BLOCK + blocks(size);
    this.runs = this.runs.filter(([, e]) => e > this.known).map(([s, e]) => [Math.max(s, this.known), e]);
  }

  /**
   * Is the end-of-archive marker where the next header would be, right after the last
   * member? (The watcher runs ahead of tar-stream, so zero blocks further on prove nothing.)
   */
  endSeen(): boolean {
    return this.runs[0]?.[0] === this.known;
  }

  private record(start: number): void {
    const last = this.runs[this.runs.length - 1];
    if (last && last[1] === start) last[1] = start + BLOCK;
    else this.runs.push([start, start + BLOCK]);
  }
}

function isZero(chunk: Uint8Array, from: number, to: number): boolean {
  if (chunk[from] !== 0) return false;
  return Buffer.from(chunk.buffer, chunk.byteOffset + from, to - from).equals(ZEROS.subarray(0, to - from));
}
