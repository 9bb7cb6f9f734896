// The body of one tar member as an async iterable of chunks, with backpressure: a
// consumer that is slow pauses the whole pipeline instead of letting chunks pile up.
// Breaking out of the loop early is fine: the rest of the member is skipped, and the
// archive is read on (tar-stream's own iterator would destroy the whole archive).

/** What a member's body is read from: tar-stream's entry stream. */
export interface ChunkSource {
  on(event: 'data', fn: (chunk: Uint8Array) => void): unknown;
  on(event: 'end', fn: () => void): unknown;
  on(event: 'error', fn: (err: Error) => void): unknown;
  on(event: 'close', fn: () => void): unknown;
  pause(): unknown;
  resume(): unknown;
}

/** Chunks queued before the source is paused; a few keep the inflater busy while the consumer works. */
const HIGH_WATER = 4;

export class MemberBody implements AsyncIterable<Uint8Array> {
  private readonly queue: Uint8Array[] = [];
  private ended = false;
  private error: Error | undefined;
  private skipping = false;
  private paused = false;
  private iterating = false;
  private wake: (() => void) | undefined;
  private readonly endWaiters: (() => void)[] = [];

  /**
   * `count` sees every chunk's size first and may throw to refuse the member; `failure`
   * says why the reader stopped, for a source closed before its end.
   */
  constructor(
    private readonly source: ChunkSource,
    count: (bytes: number) => void,
    failure: () => Error | undefined,
  ) {
    source.on('data', (chunk) => {
      try {
        count(chunk.byteLength);
      } catch (e) {
        this.settle(e as Error);
        return;
      }
      if (this.skipping) return;
      this.queue.push(chunk);
      if (this.queue.length >= HIGH_WATER && !this.paused) {
        this.paused = true;
        source.pause();
      }
      this.notify();
    });
    source.on('end', () => this.settle(undefined));
    source.on('error', (err) => this.settle(err));
    source.on('close', () => this.settle(failure() ?? new Error('the bundle was closed before this member was read')));
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array, void, undefined> {
    if (this.iterating || this.skipping) throw new Error('a member body can be read only once');
    this.iterating = true;
    try {
      for (;;) {
        const chunk = this.queue.shift();
        if (chunk) {
          if (this.paused && this.queue.length === 0) {
            this.paused = false;
            this.source.resume();
          }
          yield chunk;
          continue;
        }
        if (this.error) throw this.error;
        if (this.ended) return;
        await new Promise<void>((resolve) => (this.wake = resolve));
      }
    } finally {
      this.skip();
    }
  }

  /** Skip whatever was not read; resolves when the member has been read to its end (or failed). */
  async finish(): Promise<void> {
    this.skip();
    if (!this.ended) await new Promise<void>((resolve) => this.endWaiters.push(resolve));
    if (this.error) throw this.error;
  }

  private skip(): void {
    if (this.skipping) return;
    this.skipping = true;
    this.queue.length = 0;
    if (this.paused || !this.iterating) this.source.resume();
    this.paused = false;
  }

  private settle(err: Error | undefined): void {
    if (this.ended) return;
    this.ended = true;
    this.error ??= err;
    if (err) this.queue.length = 0;
    this.notify();
    for (const w of this.endWaiters.splice(0)) w();
  }

  private notify(): void {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }
}
