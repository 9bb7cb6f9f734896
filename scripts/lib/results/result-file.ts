// Writing result.yaml: the one canonical writer (`drivercert pack` and the test fixtures use it).
// Keys in the documented order, capabilities sorted, and every string that a YAML 1.2 or
// YAML 1.1 reader (PyYAML, many editors) would read as something else is double-quoted,
// so "2025.2" stays a cycle name and "2025-10-20" stays a date string everywhere.
import { Document, parse, visit } from 'yaml';
import type { Result } from '../model.js';
import { documentToString } from '../yaml-write.js';

export const RESULT_SCHEMA_COMMENT = '# yaml-language-server: $schema=../../../schemas/result.schema.json';

/** The text of a result.yaml for `result`, byte-for-byte the same for the same result. */
export function renderResult(result: Result): string {
  const doc = new Document(orderResult(result));
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && misreadable(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return `${RESULT_SCHEMA_COMMENT}\n${documentToString(doc)}`;
}

/** A result with its keys in the documented order (absent optional keys omitted). */
function orderResult(r: Result): Record<string, unknown> {
  const out: Record<string, unknown> = {
    driver: r.driver,
    cycle: r.cycle,
    submitted: r.submitted,
    submitter: r.submitter,
    environment: {
      cinder_commit: r.environment.cinder_commit,
      tempest_commit: r.environment.tempest_commit,
      backend: { model: r.environment.backend.model, version: r.environment.backend.version },
      protocol: r.environment.protocol,
    },
  };
  if (r.notes !== undefined) out.notes = r.notes;
  out.bundle = { file: r.bundle.file, sha256: r.bundle.sha256, size: r.bundle.size };
  if (r.run !== undefined)
    out.run = { start: r.run.start, end: r.run.end, ...(r.run.fingerprint ? { fingerprint: r.run.fingerprint } : {}) };
  out.source = r.source;
  const c = r.results;
  out.results = {
    total: c.total,
    passed: c.passed,
    failed: c.failed,
    skipped: c.skipped,
    xfail: c.xfail,
    uxsuccess: c.uxsuccess,
    incomplete: c.incomplete,
  };
  out.failed_tests = [...r.failed_tests];
  out.skipped_tests = [...r.skipped_tests];
  if (r.renamed_tests?.length) out.renamed_tests = r.renamed_tests.map((t) => ({ test: t.test, as: t.as }));
  // Sorted by UTF-16 code unit (the default sort, never locale); a Map keeps that order even
  // for ids that look like integers (an object would not).
  out.capabilities = new Map(
    Object.keys(r.capabilities)
      .sort()
      .map((id) => [id, r.capabilities[id]!]),
  );
  out.verdict = r.verdict;
  if (r.withdrawn !== undefined) out.withdrawn = { date: r.withdrawn.date, reason: r.withdrawn.reason };
  return out;
}

// Plain scalars that may resolve to something other than a string: numbers, dates,
// sexagesimals and octals start with these; booleans and nulls are these words (YAML 1.1 too).
const MAYBE_TYPED_START = /^[-+.0-9~]/;
const TYPED_WORDS = /^(?:y|n|yes|no|on|off|true|false|null)$/i;

/** Whether a string written plain would be read back as another type by YAML 1.2 or 1.1. */
function misreadable(s: string): boolean {
  if (s === '' || s === '=' || s === '<<') return true;
  if (!MAYBE_TYPED_START.test(s) && !TYPED_WORDS.test(s)) return false;
  if (s.includes('\n')) return false;
  for (const version of ['1.2', '1.1'] as const) {
    let back: unknown;
    try {
      back = parse(s, { version });
    } catch {
      return true;
    }
    if (back !== s) return true;
  }
  return false;
}
