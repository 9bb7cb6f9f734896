// The result formats drivercert reads, one descriptor each (docs/result-formats.md, "Choosing
// a parser"): how a bundle member of the kind is named, which formats it may turn out to be,
// how each is parsed, and what result.yaml's `source` calls it. Adding a format is adding a
// descriptor here (and its name to ResultFormat, and a new source kind to the result schema).
import type { ResultSourceKind } from '../model.js';
import { CertLogParser } from './cert-log.js';
import { ConsoleParser, type ConsoleOptions } from './console.js';
import { JUnitParser, type JUnitOptions } from './junit.js';
import { SubunitParser, type SubunitOptions } from './subunit.js';
import { SubunitV1Parser } from './subunit-v1.js';
import { SubunitV2Parser } from './subunit-v2.js';
import { countsOf, type ParsedResults, type ResultFormat, type StreamParser } from './types.js';

/** What kind of result source a bundle member is, by its name. */
export type MemberKind = 'subunit' | 'junit' | 'cert-log';

/** Every option any parser takes: each parser reads the ones that are its own. */
export interface MemberParserOptions extends SubunitOptions, JUnitOptions, ConsoleOptions {}

type Create = (options: MemberParserOptions) => StreamParser;

/** One kind of result source: a descriptor of the registry. */
export interface SourceFormat {
  /** What the member is. */
  kind: MemberKind;
  /** What result.yaml's `source` says when the counts come from such a member. */
  source: ResultSourceKind;
  /** Whether a member is of this kind, by its file name (lowercased, without folders). */
  matches(base: string): boolean;
  /** Whether a member of this kind at this path is one of the bundle's result sources. */
  inBundle(name: string): boolean;
  /** A streaming parser for a member of this kind (deciding by content between its formats, if it must). */
  create: Create;
  /** The formats such a member may turn out to be, each with a parser told the format outright. */
  formats: Partial<Record<ResultFormat, Create>>;
  /** Whether what was read makes the member a result source (default: always). */
  holdsResults?(results: ParsedResults): boolean;
}

const notUnderLogs = (name: string): boolean => !name.startsWith('logs/');

/** The registry, in order of preference: the counts come from the first kind a bundle holds. */
export const SOURCE_FORMATS: readonly SourceFormat[] = [
  {
    kind: 'subunit',
    source: 'subunit',
    matches: (base) => base.endsWith('.subunit'),
    inBundle: notUnderLogs,
    create: (o) => new SubunitParser(o),
    formats: { 'subunit-v2': (o) => new SubunitV2Parser(o), 'subunit-v1': (o) => new SubunitV1Parser(o) },
  },
  {
    kind: 'junit',
    source: 'junit',
    matches: (base) => base.endsWith('.xml'),
    inBundle: notUnderLogs,
    create: (o) => new JUnitParser(o),
    formats: { junit: (o) => new JUnitParser(o) },
  },
  {
    kind: 'cert-log',
    source: 'console',
    matches: (base) => base === 'cert.log',
    // The cert script writes its log at the bundle's root (`drivercert pack` puts it there).
    inBundle: (name) => name === 'cert.log',
    create: (o) => new CertLogParser(o),
    formats: {
      pyunit: (o) => new ConsoleParser({ ...o, style: 'pyunit' }),
      'subunit-trace': (o) => new ConsoleParser({ ...o, style: 'subunit-trace' }),
    },
    // A cert log whose tempest section is missing or empty holds no results of its own.
    holdsResults: (r) => countsOf(r).total > 0,
  },
];

/** The descriptor of a member, from its name; undefined for a member that holds no results. */
export function sourceFormatOf(name: string): SourceFormat | undefined {
  const base = name.slice(name.lastIndexOf('/') + 1).toLowerCase();
  return SOURCE_FORMATS.find((f) => f.matches(base));
}

/** The descriptor whose members may turn out to be `format`. */
export function sourceFormatFor(format: ResultFormat): SourceFormat {
  const found = SOURCE_FORMATS.find((f) => f.formats[format] !== undefined);
  if (!found) throw new Error(`no result source format reads ${format}`);
  return found;
}

/** The kind of result source a member is, from its name; undefined for any other member. */
export function memberKind(name: string): MemberKind | undefined {
  return sourceFormatOf(name)?.kind;
}

/**
 * A streaming parser for a bundle member, chosen by its name (subunit's version by its
 * content); undefined when it holds no results.
 */
export function parserForMember(name: string, options: MemberParserOptions = {}): StreamParser | undefined {
  return sourceFormatOf(name)?.create(options);
}

/** A streaming parser for a format named outright. */
export function parserFor(format: ResultFormat, options: MemberParserOptions = {}): StreamParser {
  return sourceFormatFor(format).formats[format]!(options);
}

/** What result.yaml's `source` calls results of this format. */
export function sourceKindOf(format: ResultFormat): ResultSourceKind {
  return sourceFormatFor(format).source;
}

/** Where a source kind stands in the order of preference (lower is preferred). */
export function sourceRank(kind: ResultSourceKind): number {
  return SOURCE_FORMATS.findIndex((f) => f.source === kind);
}
