// The result formats' public face: the parsers, the registry that chooses among them
// (registry.ts) and the shapes they share (types.ts). See docs/result-formats.md.
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
export { SubunitParser, sniffSubunit, type SubunitOptions } from './subunit.js';
export { SubunitV1Parser } from './subunit-v1.js';
export { SubunitV2Parser, MAX_PACKET_BYTES } from './subunit-v2.js';
export {
  SOURCE_FORMATS,
  memberKind,
  parserFor,
  parserForMember,
  sourceFormatFor,
  sourceFormatOf,
  sourceKindOf,
  sourceRank,
  type MemberKind,
  type MemberParserOptions,
  type SourceFormat,
} from './registry.js';
