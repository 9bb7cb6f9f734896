// Which records of a run stand for which cycle tests (docs/design.md, "Verdict"): RefStack's
// rule — a test is known by its idempotent id across renames — made honest. One record stands
// for at most one cycle test; a record whose id carries several idempotent ids, or whose name
// is one cycle test's while its idempotent id is another's, satisfies none (its failure still
// fails them); every record that matches a cycle test counts for it; and a cycle test matched
// only by idempotent id under another name is listed, so a reviewer sees every rename.
import type { Cycle, CycleTest } from '../model.js';
import type { TestRecord, TestStatus } from '../formats/types.js';
import { idempotentIdsOf, normaliseTestId, scopesOf, setUpScopeOf } from './test-ids.js';

/** A cycle test matched only by idempotent id, under a name that is neither its id nor an alias. */
export interface RenamedMatch {
  /** The cycle test's id. */
  test: string;
  /** The name the run gave it (without its `[...]` attributes). */
  as: string;
}

/** A record that matched cycle tests it cannot honestly stand for. */
export interface RefusedMatch {
  /** The record's id, as the source wrote it. */
  record: string;
  /** The cycle tests it pointed at. */
  tests: string[];
  why: 'several-idempotent-ids' | 'name-and-idempotent-id-differ' | 'several-cycle-tests';
  /** The record's line, in a text source. */
  line?: number;
}

export interface RunMatch {
  /** What the run recorded for a cycle test (its own records, then its class's or module's set-up). */
  statusesOf(t: CycleTest): TestStatus[];
  renamed: RenamedMatch[];
  refused: RefusedMatch[];
}

/** A cycle test as matching sees it: its id, and every key it is known by. */
interface Known {
  id: string;
  names: Set<string>;
}

/** Match the records of a run to the tests of a cycle. */
export function matchRun(tests: readonly TestRecord[], cycle: Cycle): RunMatch {
  const { byIdem, byName } = indexCycle(cycle);
  const statuses = new Map<string, TestStatus[]>();
  const bySetUp = new Map<string, TestStatus[]>();
  const byNameMatched = new Set<string>();
  const viaIdem = new Map<string, string>();
  const refused: RefusedMatch[] = [];
  const add = (m: Map<string, TestStatus[]>, k: string, s: TestStatus) => m.set(k, [...(m.get(k) ?? []), s]);
  for (const r of tests) {
    const scope = setUpScopeOf(r.id);
    if (scope !== undefined) {
      if (r.status !== 'success') add(bySetUp, scope, r.status);
      continue;
    }
    const name = normaliseTestId(r.id);
    const idems = idempotentIdsOf(r.id);
    const named = byName.get(name) ?? [];
    const idemed = [...new Set(idems.flatMap((i) => byIdem.get(i) ?? []))];
    const all = [...new Set([...named, ...idemed])];
    if (all.length === 0) continue;
    const t = targetOf(idems, named, idemed, name);
    if ('why' in t) {
      refused.push({
        record: r.id,
        tests: all.map((k) => k.id).sort(),
        why: t.why,
        ...(r.line !== undefined ? { line: r.line } : {}),
      });
      // It satisfies none of them; a failure of it still fails each.
      if (r.status !== 'success') for (const k of all) add(statuses, k.id, r.status);
      continue;
    }
    add(statuses, t.target.id, r.status);
    if (named.length) byNameMatched.add(t.target.id);
    else if (!viaIdem.has(t.target.id)) viaIdem.set(t.target.id, name);
  }
  const renamed = [...viaIdem]
    .filter(([id]) => !byNameMatched.has(id))
    .map(([test, as]) => ({ test, as }))
    .sort((a, b) => (a.test < b.test ? -1 : a.test > b.test ? 1 : 0));
  return {
    statusesOf: (t) => {
      const own = statuses.get(t.id) ?? [];
      const scopes = new Set([t.id, ...(t.aliases ?? [])].flatMap(scopesOf));
      const fixtures = [...scopes].flatMap((s) => bySetUp.get(s) ?? []);
      return fixtures.length ? [...own, ...fixtures] : own;
    },
    renamed,
    refused,
  };
}

/**
 * The one cycle test a record stands for, or why it stands for none: several idempotent ids; an
 * idempotent id several cycle tests share; a name of one cycle test with another's idempotent
 * id; or a name several cycle tests answer to, none as its id.
 */
function targetOf(
  idems: string[],
  named: Known[],
  idemed: Known[],
  name: string,
): { target: Known } | { why: RefusedMatch['why'] } {
  if (idems.length > 1) return { why: 'several-idempotent-ids' };
  if (idemed.length > 1) return { why: 'several-cycle-tests' };
  if (idemed.length === 1)
    return named.length === 0 || named.includes(idemed[0]!)
      ? { target: idemed[0]! }
      : { why: 'name-and-idempotent-id-differ' };
  return named.length > 1 && named[0]!.id !== name ? { why: 'several-cycle-tests' } : { target: named[0]! };
}

/** Every distinct cycle test (one id listed in several capabilities is one test), by idempotent id and by name. */
function indexCycle(cycle: Cycle): { byIdem: Map<string, Known[]>; byName: Map<string, Known[]> } {
  const known = new Map<string, Known>();
  const byIdem = new Map<string, Known[]>();
  const byName = new Map<string, Known[]>();
  const put = (m: Map<string, Known[]>, key: string, k: Known) => {
    const list = m.get(key);
    if (!list) m.set(key, [k]);
    else if (!list.includes(k)) list.push(k);
  };
  for (const cap of Object.values(cycle.capabilities))
    for (const t of cap.tests) {
      let k = known.get(t.id);
      if (!k) known.set(t.id, (k = { id: t.id, names: new Set() }));
      for (const n of [t.id, ...(t.aliases ?? [])]) {
        k.names.add(n);
        put(byName, n, k);
      }
      if (t.idempotent_id) put(byIdem, t.idempotent_id.toLowerCase(), k);
    }
  // A name several tests answer to is kept for the one whose id it is, first in the list.
  for (const [name, list] of byName) list.sort((a, b) => (a.id === name ? -1 : b.id === name ? 1 : 0));
  return { byIdem, byName };
}
