// A subunit stream of either version, told apart by its content (docs/result-formats.md,
// "Choosing a parser"): never by its name.
import { SubunitV1Parser } from './subunit-v1.js';
import { SubunitV2Parser } from './subunit-v2.js';
import type { ParsedResults, ParserOptions, StreamParser } from './types.js';

export interface SubunitOptions extends ParserOptions {
  /** How much of a subunit stream is looked at to tell v2 from v1 (default 1 MiB). */
  sniffBytes?: number;
}

/** The subunit version of a stream, from its first bytes: v2 when a packet there passes its CRC. */
export function sniffSubunit(head: Uint8Array): 'subunit-v2' | 'subunit-v1' {
  const probe = new SubunitV2Parser({ maxProblems: 0 });
  probe.write(head);
  return probe.goodPackets > 0 ? 'subunit-v2' : 'subunit-v1';
}

/** A subunit stream of either version, told apart by its content as it streams. */
export class SubunitParser implements StreamParser {
  private v2: SubunitV2Parser | undefined;
  private v1: SubunitV1Parser | undefined;
  /** A copy of what was read before the version was settled. */
  private head: Uint8Array[] = [];
  private headBytes = 0;
  private readonly sniffBytes: number;
  /** Why v1 was chosen though the stream had v2-looking packets. */
  private note: string | undefined;
  /** The version, once the content has settled it. */
  version: 'subunit-v2' | 'subunit-v1' | undefined;

  constructor(private readonly options: SubunitOptions = {}) {
    this.v2 = new SubunitV2Parser(options);
    this.sniffBytes = options.sniffBytes ?? 1024 * 1024;
  }

  /** Feed the next chunk. */
  write(chunk: Uint8Array): void {
    if (this.v1) {
      this.v1.write(chunk);
      return;
    }
    const v2 = this.v2!;
    v2.write(chunk);
    if (this.version === 'subunit-v2') return;
    if (v2.goodPackets > 0) {
      this.version = 'subunit-v2';
      this.head = [];
      return;
    }
    this.head.push(Uint8Array.prototype.slice.call(chunk));
    this.headBytes += chunk.length;
    if (this.headBytes >= this.sniffBytes) this.settleV1();
  }

  /** The stream ended: the results of whichever version it is. */
  end(): ParsedResults {
    if (this.version === undefined) this.settleV1();
    if (this.v2) return this.v2.end();
    const r = this.v1!.end();
    if (this.note) r.problems.unshift({ message: this.note });
    return r;
  }

  private settleV1(): void {
    const looked = this.v2!.end();
    const first = looked.problems[0];
    if (first)
      this.note =
        'read as subunit v1: it has 0xB3 bytes where subunit v2 packets would start, ' +
        `but no packet passes its CRC (the first: ${first.message})`;
    this.version = 'subunit-v1';
    this.v1 = new SubunitV1Parser(this.options);
    for (const c of this.head) this.v1.write(c);
    this.head = [];
    this.v2 = undefined;
  }
}
