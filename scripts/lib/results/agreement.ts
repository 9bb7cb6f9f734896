// Several sources of results in one bundle must tell the same story (DESIGN.md "Sources agree").
import { outcomeClass, type ParsedResults } from '../formats/types.js';
import { normaliseTestId } from './test-ids.js';

export interface Disagreement {
  test: string;
  /** Outcome class per source label, or 'absent'. */
  outcomes: Record<string, 'passed' | 'failed' | 'skipped' | 'absent'>;
}

/** Each test's outcome class by normalised id (the last record of a test wins). */
function classes(r: ParsedResults): Map<string, 'passed' | 'failed' | 'skipped'> {
  const m = new Map<string, 'passed' | 'failed' | 'skipped'>();
  for (const t of r.tests) m.set(normaliseTestId(t.id), outcomeClass(t.status));
  return m;
}

/** The tests on which labelled sources disagree (held by some and not others, or with different outcomes). */
export function compareSources(sources: { label: string; results: ParsedResults }[]): Disagreement[] {
  if (sources.length < 2) return [];
  const maps = sources.map((s) => ({ label: s.label, map: classes(s.results) }));
  const ids = new Set<string>();
  for (const m of maps) for (const id of m.map.keys()) ids.add(id);
  const out: Disagreement[] = [];
  for (const id of [...ids].sort()) {
    const outcomes: Disagreement['outcomes'] = {};
    for (const m of maps) outcomes[m.label] = m.map.get(id) ?? 'absent';
    if (new Set(Object.values(outcomes)).size > 1) out.push({ test: id, outcomes });
  }
  return out;
}
