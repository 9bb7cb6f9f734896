// Several sources of results in one bundle must tell the same story (DESIGN.md "Sources agree").
// Each source is digested as it is parsed: every test's outcome class under a 53-bit hash of
// its normalised id, so runs of any size compare in little memory; names come from the
// records a source keeps (every test that did not pass, at least).
import { outcomeClass, type ParsedResults, type TestRecord } from '../formats/types.js';
import { normaliseTestId } from './test-ids.js';

export type OutcomeClass = 'passed' | 'failed' | 'skipped';

export interface Disagreement {
  test: string;
  /** Outcome class per source label, or 'absent'. */
  outcomes: Record<string, OutcomeClass | 'absent'>;
}

/** How many disagreements are listed; past it they are only counted. */
export const MAX_DISAGREEMENTS = 100;

export interface Comparison {
  /** The first MAX_DISAGREEMENTS tests on which the sources disagree. */
  disagreements: Disagreement[];
  /** How many tests they disagree on in all. */
  count: number;
}

/** Every test of one source: its outcome class by id hash (the last record of a test wins), and the names it knows. */
export class SourceDigest {
  readonly classes = new Map<number, OutcomeClass>();
  readonly names = new Map<number, string>();

  /** Note a test as the parser reads it. */
  note(t: TestRecord): void {
    this.classes.set(hashId(normaliseTestId(t.id)), outcomeClass(t.status));
  }

  /** Learn the names of the records a source kept. */
  name(tests: readonly TestRecord[]): void {
    for (const t of tests) {
      const id = normaliseTestId(t.id);
      this.names.set(hashId(id), id);
    }
  }

  /** A digest of fully parsed results. */
  static of(r: Pick<ParsedResults, 'tests'>): SourceDigest {
    const d = new SourceDigest();
    for (const t of r.tests) d.note(t);
    d.name(r.tests);
    return d;
  }
}

/** A 53-bit hash of a test id (two FNV-1a passes): collisions are negligible for any real run. */
export function hashId(id: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ id.length;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff);
}

/** The tests on which labelled sources disagree (held by some and not others, or with different outcomes). */
export function compareDigests(sources: { label: string; digest: SourceDigest }[], max = MAX_DISAGREEMENTS): Comparison {
  if (sources.length < 2) return { disagreements: [], count: 0 };
  const hashes = new Set<number>();
  for (const s of sources) for (const h of s.digest.classes.keys()) hashes.add(h);
  const found: Disagreement[] = [];
  let count = 0;
  for (const h of hashes) {
    const outcomes: Disagreement['outcomes'] = {};
    let first: OutcomeClass | 'absent' | undefined;
    let differ = false;
    for (const s of sources) {
      const o = s.digest.classes.get(h) ?? 'absent';
      outcomes[s.label] = o;
      if (first === undefined) first = o;
      else if (o !== first) differ = true;
    }
    if (!differ) continue;
    count++;
    const name = sources.map((s) => s.digest.names.get(h)).find((n) => n !== undefined);
    const holder = sources.find((s) => s.digest.classes.has(h))!;
    found.push({ test: name ?? `(a test that ${holder.digest.classes.get(h)} in ${holder.label}; its name is not kept)`, outcomes });
  }
  found.sort((x, y) => (x.test < y.test ? -1 : x.test > y.test ? 1 : 0));
  return { disagreements: found.slice(0, max), count };
}

/** Compare fully parsed sources (every test kept). */
export function compareSources(sources: { label: string; results: Pick<ParsedResults, 'tests'> }[], max = MAX_DISAGREEMENTS): Comparison {
  return compareDigests(sources.map((s) => ({ label: s.label, digest: SourceDigest.of(s.results) })), max);
}
