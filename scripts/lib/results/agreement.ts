// Several sources of results in one bundle must tell the same story (docs/design.md, "Sources
// agree"). Each source is digested as it is parsed: every test's outcome class under a 53-bit
// hash of its normalised id, in a flat table of typed arrays (about 20 bytes a test, nothing for
// the garbage collector), so runs of any size compare in little memory and time; names come
// from the records a source keeps (every test that did not pass, at least).
import { outcomeClass, type ParsedResults, type TestRecord } from '../formats/types.js';
import { hashNormalisedId } from './id-hash.js';
import { normaliseTestId } from './test-ids.js';

export { hashId, hashNormalisedId } from './id-hash.js';

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

/** Outcome classes as table codes (0: absent). */
const CLASSES: readonly (OutcomeClass | 'absent')[] = ['absent', 'passed', 'failed', 'skipped'];
const CODE: Record<OutcomeClass, number> = { passed: 1, failed: 2, skipped: 3 };

/**
 * Outcome codes by id hash, in the order the hashes were first noted (as a Map would keep
 * them): entries in typed arrays, found through an open-addressing index.
 */
class OutcomeTable {
  size = 0;
  private keys = new Float64Array(1024);
  private codes = new Uint8Array(1024);
  /** Entry number + 1 per slot (0: empty); always at most half full. */
  private index = new Int32Array(2048);
  /** 32 - log2(index.length): the product bits a slot is taken from. */
  private shift = 21;

  /** Set the code of `key`, keeping the entry's place when it is already there. */
  set(key: number, code: number): void {
    const slot = this.slotOf(key);
    const at = this.index[slot]!;
    if (at !== 0) {
      this.codes[at - 1] = code;
      return;
    }
    if (this.size === this.keys.length) this.grow();
    this.keys[this.size] = key;
    this.codes[this.size] = code;
    this.size++;
    if (this.size * 2 > this.index.length) this.reindex(this.index.length * 2);
    else this.index[slot] = this.size;
  }

  /** The code of `key` (0 when absent). */
  get(key: number): number {
    const at = this.index[this.slotOf(key)]!;
    return at === 0 ? 0 : this.codes[at - 1]!;
  }

  /** The key of the n-th entry. */
  keyAt(entry: number): number {
    return this.keys[entry]!;
  }

  /** The code of the n-th entry. */
  codeAt(entry: number): number {
    return this.codes[entry]!;
  }

  /** The slot holding `key`, or the empty slot where it would go. */
  private slotOf(key: number): number {
    const mask = this.index.length - 1;
    // FNV's low bits are weak (a product's low bits depend only on its factors' low bits):
    // mix both halves of the key and take the high bits of a Fibonacci product.
    let slot = Math.imul(((key / 0x200000) >>> 0) ^ (key >>> 0), 0x9e3779b1) >>> this.shift;
    for (;;) {
      const at = this.index[slot]!;
      if (at === 0 || this.keys[at - 1] === key) return slot;
      slot = (slot + 1) & mask;
    }
  }

  private grow(): void {
    const keys = new Float64Array(this.keys.length * 2);
    keys.set(this.keys);
    const codes = new Uint8Array(this.codes.length * 2);
    codes.set(this.codes);
    this.keys = keys;
    this.codes = codes;
  }

  private reindex(slots: number): void {
    this.index = new Int32Array(slots);
    this.shift = 32 - Math.log2(slots);
    for (let e = 0; e < this.size; e++) this.index[this.slotOf(this.keys[e]!)] = e + 1;
  }
}

/** Every test of one source: its outcome class by id hash (the last record of a test wins), and the names it knows. */
export class SourceDigest {
  private readonly table = new OutcomeTable();
  readonly names = new Map<number, string>();

  /** Note a test as the parser reads it. */
  note(t: TestRecord): void {
    this.table.set(hashNormalisedId(t.id), CODE[outcomeClass(t.status)]);
  }

  /** Learn the names of the records a source kept. */
  name(tests: readonly TestRecord[]): void {
    for (const t of tests) this.names.set(hashNormalisedId(t.id), normaliseTestId(t.id));
  }

  /** How many distinct tests were noted. */
  get size(): number {
    return this.table.size;
  }

  /** The outcome class of the test with this id hash, or 'absent'. */
  outcome(key: number): OutcomeClass | 'absent' {
    return CLASSES[this.table.get(key)]!;
  }

  /** The id hash of the n-th distinct test noted. */
  keyAt(n: number): number {
    return this.table.keyAt(n);
  }

  /** The outcome code of the n-th distinct test noted. */
  codeAt(n: number): number {
    return this.table.codeAt(n);
  }

  /** The outcome code of the test with this id hash (0: absent). */
  code(key: number): number {
    return this.table.get(key);
  }

  /** A digest of fully parsed results. */
  static of(r: Pick<ParsedResults, 'tests'>): SourceDigest {
    const d = new SourceDigest();
    for (const t of r.tests) d.note(t);
    d.name(r.tests);
    return d;
  }
}

type Labelled = { label: string; digest: SourceDigest };

/** The tests on which labelled sources disagree (held by some and not others, or with different outcomes). */
export function compareDigests(sources: Labelled[], max = MAX_DISAGREEMENTS): Comparison {
  if (sources.length < 2) return { disagreements: [], count: 0 };
  const digests = sources.map((s) => s.digest);
  const found: Disagreement[] = [];
  let count = 0;
  // Every test once, in the order a union of the sources' tests would list them: a test is
  // looked at with the first source that holds it.
  for (let i = 0; i < digests.length; i++) {
    const d = digests[i]!;
    for (let n = 0; n < d.size; n++) {
      const key = d.keyAt(n);
      // A test first held by a later source is absent from the first one: a disagreement.
      if (i === 0 ? !differs(digests, d.codeAt(n), key) : heldBefore(digests, i, key)) continue;
      count++;
      keepFirst(found, describe(sources, key), max);
    }
  }
  return { disagreements: found, count };
}

/** Whether a source before the i-th holds the test. */
function heldBefore(digests: SourceDigest[], i: number, key: number): boolean {
  for (let j = 0; j < i; j++) if (digests[j]!.code(key) !== 0) return true;
  return false;
}

/** Whether a source after the first has another outcome code for the test than `code`, the first's. */
function differs(digests: SourceDigest[], code: number, key: number): boolean {
  for (let j = 1; j < digests.length; j++) if (digests[j]!.code(key) !== code) return true;
  return false;
}

function describe(sources: Labelled[], key: number): Disagreement {
  const outcomes: Disagreement['outcomes'] = {};
  for (const s of sources) outcomes[s.label] = s.digest.outcome(key);
  const name = sources.map((s) => s.digest.names.get(key)).find((n) => n !== undefined);
  if (name !== undefined) return { test: name, outcomes };
  const holder = sources.find((s) => s.digest.code(key) !== 0)!;
  return { test: `(a test that ${holder.digest.outcome(key)} in ${holder.label}; its name is not kept)`, outcomes };
}

/** Keep the `max` first disagreements by name (equal names in the order found), as a stable sort would. */
function keepFirst(found: Disagreement[], d: Disagreement, max: number): void {
  let lo = 0;
  let hi = found.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (found[mid]!.test <= d.test) lo = mid + 1;
    else hi = mid;
  }
  if (lo >= max) return;
  found.splice(lo, 0, d);
  if (found.length > max) found.pop();
}

/** Compare fully parsed sources (every test kept). */
export function compareSources(
  sources: { label: string; results: Pick<ParsedResults, 'tests'> }[],
  max = MAX_DISAGREEMENTS,
): Comparison {
  return compareDigests(
    sources.map((s) => ({ label: s.label, digest: SourceDigest.of(s.results) })),
    max,
  );
}
