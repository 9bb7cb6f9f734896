// Choosing a parser for a bundle member.
//
// By name: `*.subunit` is a subunit stream, `*.xml` JUnit XML, `cert.log` (in any folder) the
// cert script's log; anything else is not a result source. Case is ignored.
//
// Subunit v1 or v2 is decided by content, never by name (DESIGN.md "The bundle"): the stream
// is v2 when a packet — a 0xB3 byte where python-subunit would look for one, i.e. not
// inside a UTF-8 character of passthrough text — passes its CRC. The sniffing parser feeds
// the stream to a v2 parser from the first byte and keeps a copy of what it has seen (at
// most `sniffBytes`, 1 MiB by default); the first packet that passes its CRC settles it as
// v2 (that parser simply goes on), and reaching `sniffBytes` or the end without one settles
// it as v1 (a v1 parser is given the kept copy, then the rest). So a v2 stream with more
// than `sniffBytes` of passthrough text before its first packet would be read as v1; and a
// stream of v2-looking packets that all fail their CRC is read as v1, with a problem saying so.
import { CertLogParser } from './cert-log.js';
import { ConsoleParser, type ConsoleOptions } from './console.js';
import { JUnitParser, type JUnitOptions } from './junit.js';
import { SubunitV1Parser } from './subunit-v1.js';
import { SubunitV2Parser } from './subunit-v2.js';
import type { ParsedResults, ParserOptions, ResultFormat, StreamParser } from './types.js';

export * from './types.js';
export { DEFAULT_PARSER_OPTIONS } from './common.js';
export {
  CertLogParser,
  type CertLog,
  type CertLogResults,
  type CertStep,
  type CertCommit,
  type VolumeDriverSetting,
} from './cert-log.js';
export {
  ConsoleParser,
  parsePyunit,
  parseSubunitTrace,
  cleanupTestName,
  type ConsoleOptions,
  type ConsoleStyle,
} from './console.js';
export { JUnitParser, type JUnitOptions } from './junit.js';
export { SubunitV1Parser } from './subunit-v1.js';
export { SubunitV2Parser, MAX_PACKET_BYTES } from './subunit-v2.js';

/** What kind of result source a bundle member is, by its name. */
export type MemberKind = 'subunit' | 'junit' | 'cert-log';

export interface MemberParserOptions extends ParserOptions, JUnitOptions, ConsoleOptions {
  /** How much of a subunit stream is looked at to tell v2 from v1 (default 1 MiB). */
  sniffBytes?: number;
}

/** The kind of result source a member is, from its name; undefined for any other member. */
export function memberKind(name: string): MemberKind | undefined {
  const base = name.slice(name.lastIndexOf('/') + 1).toLowerCase();
  if (base === 'cert.log') return 'cert-log';
  if (base.endsWith('.subunit')) return 'subunit';
  if (base.endsWith('.xml')) return 'junit';
  return undefined;
}

/** A streaming parser for a bundle member, chosen by its name (subunit by its content); undefined when it holds no results. */
export function parserForMember(name: string, options: MemberParserOptions = {}): StreamParser | undefined {
  switch (memberKind(name)) {
    case 'cert-log':
      return new CertLogParser(options);
    case 'junit':
      return new JUnitParser(options);
    case 'subunit':
      return new SubunitParser(options);
    default:
      return undefined;
  }
}

/** A streaming parser for a format named outright. */
export function parserFor(format: ResultFormat, options: MemberParserOptions = {}): StreamParser {
  switch (format) {
    case 'subunit-v2':
      return new SubunitV2Parser(options);
    case 'subunit-v1':
      return new SubunitV1Parser(options);
    case 'junit':
      return new JUnitParser(options);
    case 'pyunit':
    case 'subunit-trace':
      return new ConsoleParser({ ...options, style: format });
  }
}

/** Tell subunit v2 from v1 by a stream's first bytes (see the file comment). */
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

  constructor(private readonly options: MemberParserOptions = {}) {
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
      this.note = `read as subunit v1: it has 0xB3 bytes where subunit v2 packets would start, but no packet passes its CRC (the first: ${first.message})`;
    this.version = 'subunit-v1';
    this.v1 = new SubunitV1Parser(this.options);
    for (const c of this.head) this.v1.write(c);
    this.head = [];
    this.v2 = undefined;
  }
}
