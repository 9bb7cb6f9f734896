// Several sources of results in one bundle must tell the same story (docs/design.md, "Sources
// agree"). Each source is digested as it is parsed: every test's outcome class under a 53-bit
// hash of its normalised id, in a flat table of typed arrays (about 20 bytes a test, nothing for
// the garbage collector), so runs of any size compare in little memory and time; names come
// from the records a source keeps (every test that did not pass, at least).
import type { ParsedResults, TestRecord, TestStatus } from '../formats/types.js';
import { hashNormalisedId, hashNormalisedIdInto, idHash, joinHash } from './id-hash.js';
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

/** The table code of a status's outcome class (outcomeClass's, by a switch: a keyed lookup costs more per test). */
function codeOf(status: TestStatus): number {
  switch (status) {
    case 'success':
    case 'xfail':
      return 1;
    case 'skip':
      return 3;
    default:
      return 2;
  }
}

/**
 * Outcome codes by id hash (two int32 halves), in the order the hashes were first noted (as a
 * Map would keep them): entries in typed arrays, found through an open-addressing index.
 */
class OutcomeTable {
  size = 0;
  private his = new Int32Array(1024);
  private los = new Int32Array(1024);
  private codes = new Uint8Array(1024);
  /** Entry number + 1 per slot (0: empty); always at most half full. */
  private index = new Int32Array(2048);
  /** 32 - log2(index.length): the product bits a slot is taken from. */
  private shift = 21;

  /** Set the code of the hash (hi, lo), keeping the entry's place when it is already there. */
  set(hi: number, lo: number, code: number): void {
    const slot = this.slotOf(hi, lo);
    const at = this.index[slot]!;
    if (at !== 0) {
      this.codes[at - 1] = code;
      return;
    }
    if (this.size === this.codes.length) this.grow();
    this.his[this.size] = hi;
    this.los[this.size] = lo;
    this.codes[this.size] = code;
    this.size++;
    if (this.size * 2 > this.index.length) this.reindex(this.index.length * 2);
    else this.index[slot] = this.size;
  }

  /** get(), looking at the n-th entry first: sources usually list their tests in the same order. */
  getNear(n: number, hi: number, lo: number): number {
    if (n < this.size && this.his[n] === hi && this.los[n] === lo) return this.codes[n]!;
    return this.get(hi, lo);
  }

  /** The code of the hash (hi, lo) (0 when absent). */
  get(hi: number, lo: number): number {
    const at = this.index[this.slotOf(hi, lo)]!;
    return at === 0 ? 0 : this.codes[at - 1]!;
  }

  /** The halves and the code of the n-th entry. */
  hiAt(entry: number): number {
    return this.his[entry]!;
  }

  loAt(entry: number): number {
    return this.los[entry]!;
  }

  codeAt(entry: number): number {
    return this.codes[entry]!;
  }

  /** The slot holding the hash, or the empty slot where it would go. */
  private slotOf(hi: number, lo: number): number {
    const mask = this.index.length - 1;
    // FNV's low bits are weak (a product's low bits depend only on its factors' low bits):
    // mix both halves and take the high bits of a Fibonacci product.
    let slot = Math.imul(hi ^ lo, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const at = this.index[slot]!;
      if (at === 0 || (this.his[at - 1] === hi && this.los[at - 1] === lo)) return slot;
      slot = (slot + 1) & mask;
    }
  }

  private grow(): void {
    const n = this.codes.length * 2;
    const his = new Int32Array(n);
    his.set(this.his);
    const los = new Int32Array(n);
    los.set(this.los);
    const codes = new Uint8Array(n);
    codes.set(this.codes);
    this.his = his;
    this.los = los;
    this.codes = codes;
  }

  private reindex(slots: number): void {
    this.index = new Int32Array(slots);
    this.shift = 32 - Math.log2(slots);
    for (let e = 0; e < this.size; e++) this.index[this.slotOf(this.his[e]!, this.los[e]!)] = e + 1;
  }
}

/** Every test of one source: its outcome class by id hash (the last record of a test wins), and the names it knows. */
export class SourceDigest {
  private readonly table = new OutcomeTable();
  readonly names = new Map<number, string>();

  /** Note a test as the parser reads it. */
  note(t: TestRecord): void {
    hashNormalisedIdInto(t.id);
    this.table.set(idHash.hi, idHash.lo, codeOf(t.status));
  }

  /** note(t), the test's normalised id already hashed into `hi` and `lo` (hashNormalisedIdInto). */
  noteHashed(hi: number, lo: number, status: TestStatus): void {
    this.table.set(hi, lo, codeOf(status));
  }

  /** Learn the names of the records a source kept. */
  name(tests: readonly TestRecord[]): void {
    for (const t of tests) this.names.set(hashNormalisedId(t.id), normaliseTestId(t.id));
  }

  /** How many distinct tests were noted. */
  get size(): number {
    return this.table.size;
  }

  /** The outcome class of the test with this (53-bit) id hash, or 'absent'. */
  outcome(key: number): OutcomeClass | 'absent' {
    return CLASSES[this.table.get(hiOf(key), loOf(key))]!;
  }

  /** The (53-bit) id hash of the n-th distinct test noted. */
  keyAt(n: number): number {
    return joinHash(this.table.hiAt(n), this.table.loAt(n));
  }

  /** The halves of the n-th distinct test's id hash, and its outcome code. */
  hiAt(n: number): number {
    return this.table.hiAt(n);
  }

  loAt(n: number): number {
    return this.table.loAt(n);
  }

  codeAt(n: number): number {
    return this.table.codeAt(n);
  }

  /** The outcome code of the test with this id hash (0: absent), looking at the n-th test first. */
  codeNear(n: number, hi: number, lo: number): number {
    return this.table.getNear(n, hi, lo);
  }

  /** Add another digest's tests and names (a test this one holds takes the other's outcome). */
  absorb(other: SourceDigest): void {
    for (let n = 0; n < other.size; n++) this.table.set(other.hiAt(n), other.loAt(n), other.codeAt(n));
    for (const [k, v] of other.names) this.names.set(k, v);
  }

  /** Whether this digest holds the n-th distinct test of `other`. */
  holds(other: SourceDigest, n: number): boolean {
    return this.table.getNear(n, other.hiAt(n), other.loAt(n)) !== 0;
  }

  /** A digest of fully parsed results. */
  static of(r: Pick<ParsedResults, 'tests'>): SourceDigest {
    const d = new SourceDigest();
    for (const t of r.tests) d.note(t);
    d.name(r.tests);
    return d;
  }
}

/** The halves of a 53-bit id hash. */
function hiOf(key: number): number {
  return Math.floor(key / 0x200000) | 0;
}

function loOf(key: number): number {
  return key % 0x200000;
}

type Labelled = {
  label: string;
  digest: SourceDigest;
  /** The source's format never shows `process-returncode` (subunit-trace): its absence there is no disagreement. */
  hidesReturnCode?: boolean;
};

/** The id a test runner reports its worker's non-zero exit under (python-subunit, testrepository, stestr). */
const RETURN_CODE = hashNormalisedId('process-returncode');
const RETURN_CODE_HI = hiOf(RETURN_CODE);
const RETURN_CODE_LO = loOf(RETURN_CODE);

/** The tests on which labelled sources disagree (held by some and not others, or with different outcomes). */
export function compareDigests(sources: Labelled[], max = MAX_DISAGREEMENTS): Comparison {
  if (sources.length < 2) return { disagreements: [], count: 0 };
  const digests = sources.map((s) => s.digest);
  const hides = sources.map((s) => s.hidesReturnCode === true);
  const found: Disagreement[] = [];
  let count = 0;
  // Every test once, in the order a union of the sources' tests would list them: a test is
  // looked at with the first source that holds it. Nothing is allocated per test (a run is
  // compared once, cold: a closure a test cost more than the comparison itself).
  for (let i = 0; i < digests.length; i++) {
    const d = digests[i]!;
    for (let n = 0; n < d.size; n++) {
      const hi = d.hiAt(n);
      const lo = d.loAt(n);
      if (i > 0 && heldBefore(digests, i, hi, lo, n)) continue;
      // A test first held by a later source is absent from the earlier ones: a disagreement,
      // unless each of them hides it.
      const returnCode = hi === RETURN_CODE_HI && lo === RETURN_CODE_LO;
      if (!hiddenBefore(hides, i, returnCode) || differs(digests, hides, i, d.codeAt(n), hi, lo, n, returnCode)) {
        count++;
        keepFirst(found, describe(sources, d.keyAt(n)), max);
      }
    }
  }
  return { disagreements: found, count };
}

/** Whether a source before the i-th holds the test. */
function heldBefore(digests: SourceDigest[], i: number, hi: number, lo: number, n: number): boolean {
  for (let j = 0; j < i; j++) if (digests[j]!.codeNear(n, hi, lo) !== 0) return true;
  return false;
}

/**
 * Whether every source before the i-th hides the test: it is `process-returncode` (`returnCode`) and
 * each of them hides that id (true for the first source).
 */
function hiddenBefore(hides: boolean[], i: number, returnCode: boolean): boolean {
  for (let j = 0; j < i; j++) if (!(returnCode && hides[j])) return false;
  return true;
}

/** Whether a source after the i-th has another outcome code for the test than `code`, the i-th's. */
function differs(
  digests: SourceDigest[],
  hides: boolean[],
  i: number,
  code: number,
  hi: number,
  lo: number,
  n: number,
  returnCode: boolean,
): boolean {
  for (let j = i + 1; j < digests.length; j++) {
    const c = digests[j]!.codeNear(n, hi, lo);
    if (c !== code && !(c === 0 && returnCode && hides[j])) return true;
  }
  return false;
}

/**
 * The tests of `part` whose outcome in `whole` differs (`part` holds no test `whole` lacks: a
 * JUnit file beside the aggregate that repeats it).
 */
export function compareWithin(part: Labelled, whole: Labelled, max = MAX_DISAGREEMENTS): Comparison {
  const found: Disagreement[] = [];
  let count = 0;
  const d = part.digest;
  for (let n = 0; n < d.size; n++) {
    if (whole.digest.codeNear(n, d.hiAt(n), d.loAt(n)) === d.codeAt(n)) continue;
    count++;
    keepFirst(found, describe([part, whole], d.keyAt(n)), max);
  }
  return { disagreements: found, count };
}

function describe(sources: Labelled[], key: number): Disagreement {
  const outcomes: Disagreement['outcomes'] = {};
  for (const s of sources) outcomes[s.label] = s.digest.outcome(key);
  const name = sources.map((s) => s.digest.names.get(key)).find((n) => n !== undefined);
  if (name !== undefined) return { test: name, outcomes };
  const holder = sources.find((s) => s.digest.outcome(key) !== 'absent')!;
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
