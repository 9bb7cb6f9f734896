// Each test's duration by the 53-bit hash of its normalised id, in flat typed arrays (about
// 40 bytes a test at most, nothing for the garbage collector), so a run of 400,000 tests is
// weighed in a few MB: no test id is kept.

/** Durations (ms) and the line each was read from, by id hash; the first record of an id wins. */
export class DurationTable {
  size = 0;
  private keys = new Float64Array(1024);
  private ms = new Float64Array(1024);
  private lines = new Int32Array(1024);
  private used = new Uint8Array(1024);

  /**
   * A table again from what crossed a thread: structured cloning keeps the typed arrays and the
   * size, not the class (scripts/lib/analysis/content.ts).
   */
  static revive(cloned: DurationTable): DurationTable {
    return Object.setPrototypeOf(cloned, DurationTable.prototype) as DurationTable;
  }

  /** Note a test's duration unless its id was noted already. */
  add(key: number, ms: number, line: number | undefined): void {
    if (this.size * 2 >= this.keys.length) this.grow();
    const i = this.slot(key);
    if (this.used[i]) return;
    this.put(i, key, ms, line ?? 0);
    this.size++;
  }

  /** The duration noted for `key`, if any. */
  get(key: number): number | undefined {
    const i = this.slot(key);
    return this.used[i] ? this.ms[i] : undefined;
  }

  /** Every entry: its key, duration and line (undefined when the source has none). */
  *entries(): Generator<[key: number, ms: number, line: number | undefined]> {
    for (let i = 0; i < this.keys.length; i++)
      if (this.used[i]) yield [this.keys[i]!, this.ms[i]!, this.lines[i]! || undefined];
  }

  /** The `n` lowest keys, ascending. */
  lowest(n: number): number[] {
    const all = new Float64Array(this.size);
    let k = 0;
    for (let i = 0; i < this.keys.length; i++) if (this.used[i]) all[k++] = this.keys[i]!;
    return [...all.sort().subarray(0, n)];
  }

  /** The slot holding `key`, or the empty one where it would go (linear probing). */
  private slot(key: number): number {
    const mask = this.keys.length - 1;
    let i = (key >>> 0) & mask;
    while (this.used[i] && this.keys[i] !== key) i = (i + 1) & mask;
    return i;
  }

  private put(i: number, key: number, ms: number, line: number): void {
    this.used[i] = 1;
    this.keys[i] = key;
    this.ms[i] = ms;
    this.lines[i] = line;
  }

  /**
   * Twice the room, the entries placed again in slot order (which decides the order entries()
   * lists them in: keep it), with no check for room or for a key already there.
   */
  private grow(): void {
    const { keys, ms, lines, used } = this;
    const cap = keys.length * 2;
    this.keys = new Float64Array(cap);
    this.ms = new Float64Array(cap);
    this.lines = new Int32Array(cap);
    this.used = new Uint8Array(cap);
    for (let i = 0; i < keys.length; i++) if (used[i]) this.put(this.slot(keys[i]!), keys[i]!, ms[i]!, lines[i]!);
  }
}
