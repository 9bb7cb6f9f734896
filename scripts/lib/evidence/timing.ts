// What a result source says about when its run happened and how long each test took, noted
// test by test as the source is parsed (every test, kept or not), in bounded memory apart
// from one duration per test (docs/design.md, "What a result proves").
import type { SourceStamp, TestRecord } from '../formats/types.js';
import { hashNormalisedId } from '../results/id-hash.js';
import { DurationTable } from './duration-table.js';

/** Below this a test's duration counts as zero (it rounds to 0.000 s). */
export const ZERO_MS = 0.5;
/** A worker's clock may step back this much (an NTP correction) before it counts as going backwards. */
export const BACKWARDS_TOLERANCE_MS = 1000;
/** Most workers followed (a hostile stream cannot grow the map without bound). */
const MAX_WORKERS = 1000;
/** How many tests the duration fingerprint samples (those whose id hashes lowest). */
export const FINGERPRINT_SIZE = 64;

/** A time with the test (and line) it was read from. */
export interface TimePoint {
  time: number;
  test?: string;
  line?: number;
}

/**
 * A worker whose clock went backwards: `test` started before `previous` (on the same worker) did,
 * or (`previous` being `test`) it ended before it started.
 */
export interface Backwards {
  worker: string;
  test: string;
  previous: string;
  by: number;
  line?: number;
}

/** What one source says about its run's time. */
export interface SourceTiming {
  /** The earliest and latest times the source states (test timestamps, else suite timestamps). */
  first?: TimePoint;
  last?: TimePoint;
  /** Tests that ran (skips excluded). */
  ran: number;
  /** Ran tests with a duration, and how many of those took no time. */
  timed: number;
  zero: number;
  /** Ran tests with a start time, and how many distinct start times they have (counted up to 2). */
  started: number;
  oneInstant: boolean;
  /** The first test whose worker's clock went backwards. */
  backwards?: Backwards;
  /** Each ran test's duration in ms, by the hash of its normalised id (the first record of an id). */
  durations: DurationTable;
}

interface WorkerState {
  start: number;
  test: string;
}

/** Notes each test of one source; `finish` says what the source says about its run's time. */
export class TimingNotes {
  // The earliest and latest times seen, and the test and line each was read from: kept as
  // fields, not a TimePoint per time seen, since every test is noted (two times a test).
  private firstTime = Infinity;
  private firstTest: string | undefined;
  private firstLine: number | undefined;
  private lastTime = -Infinity;
  private lastTest: string | undefined;
  private lastLine: number | undefined;
  private ran = 0;
  private timed = 0;
  private zero = 0;
  private started = 0;
  private instant: number | undefined;
  private instants = 0;
  private backwards: Backwards | undefined;
  private readonly workers = new Map<string, WorkerState>();
  private readonly durations = new DurationTable();

  /** One test, as the parser completed it; `key`: hashNormalisedId(t.id), when the caller has it already. */
  note(t: TestRecord, key?: number): void {
    if (t.start !== undefined) this.see(t.start, t.id, t.line);
    if (t.end !== undefined) this.see(t.end, t.id, t.line);
    if (t.start !== undefined && t.end !== undefined && t.end < t.start - BACKWARDS_TOLERANCE_MS)
      this.backwards ??= {
        worker: t.worker ?? 'its own',
        test: t.id,
        previous: t.id,
        by: t.start - t.end,
        ...(t.line ? { line: t.line } : {}),
      };
    if (t.status === 'skip') return;
    this.ran++;
    // A test that never finished has no duration: its last packet is whatever came last.
    const ms = t.status === 'incomplete' ? undefined : durationMs(t);
    if (ms !== undefined) {
      this.timed++;
      if (ms < ZERO_MS) this.zero++;
      this.durations.add(key ?? hashNormalisedId(t.id), ms, t.line);
    }
    if (t.start !== undefined) this.startedAt(t, t.start);
  }

  /** The source ended; `stamps`: the times it states about the whole run. */
  finish(stamps: readonly SourceStamp[] = []): SourceTiming {
    for (const s of stamps) this.see(s.time, undefined, s.line);
    const first = this.firstTime === Infinity ? undefined : point(this.firstTime, this.firstTest, this.firstLine);
    const last = this.lastTime === -Infinity ? undefined : point(this.lastTime, this.lastTest, this.lastLine);
    return {
      ...(first ? { first } : {}),
      ...(last ? { last } : {}),
      ran: this.ran,
      timed: this.timed,
      zero: this.zero,
      started: this.started,
      oneInstant: this.started > 1 && this.instants === 1,
      ...(this.backwards ? { backwards: this.backwards } : {}),
      durations: this.durations,
    };
  }

  private see(time: number, test: string | undefined, line: number | undefined): void {
    if (time < this.firstTime) {
      this.firstTime = time;
      this.firstTest = test;
      this.firstLine = line;
    }
    if (time > this.lastTime) {
      this.lastTime = time;
      this.lastTest = test;
      this.lastLine = line;
    }
  }

  private startedAt(t: TestRecord, start: number): void {
    this.started++;
    if (this.instant !== start) {
      if (this.instants < 2) this.instants++;
      this.instant ??= start;
    }
    if (t.worker === undefined || this.backwards) return;
    const prev = this.workers.get(t.worker);
    if (!prev && this.workers.size >= MAX_WORKERS) return;
    if (!prev) {
      this.workers.set(t.worker, { start, test: t.id });
      return;
    }
    if (start < prev.start - BACKWARDS_TOLERANCE_MS)
      this.backwards = {
        worker: t.worker,
        test: t.id,
        previous: prev.test,
        by: prev.start - start,
        ...(t.line ? { line: t.line } : {}),
      };
    // Updated in place: a new object a test would be garbage a test.
    prev.start = start;
    prev.test = t.id;
  }
}

function point(time: number, test: string | undefined, line: number | undefined): TimePoint {
  const p: TimePoint = { time };
  if (test !== undefined) p.test = test;
  if (line !== undefined) p.line = line;
  return p;
}

/**
 * A source's timing, which a check or the run block reads: failing loudly when the bundle was
 * analysed without it (`timed: false`, as `inspect` reads), never passing for a run without times.
 */
export function timingOf(s: { member: string; timing?: SourceTiming | undefined }): SourceTiming {
  if (!s.timing) throw new Error(`${s.member} was analysed without its timing (analyseBundle's timed: false)`);
  return s.timing;
}

/** A test's duration in ms: from its timestamps, else as the source states it. */
export function durationMs(t: TestRecord): number | undefined {
  if (t.start !== undefined && t.end !== undefined) return t.end - t.start;
  return t.seconds !== undefined ? t.seconds * 1000 : undefined;
}

/**
 * Several sources' timing as one run's (JUnit files that split one run): the earliest and latest
 * times, the counts summed, one instant only if every part started at the same one, the first
 * clock that went backwards, every duration. Lines are dropped: they belong to different files.
 */
export function mergeTimings(parts: readonly SourceTiming[]): SourceTiming {
  const durations = new DurationTable();
  for (const p of parts) for (const [key, ms] of p.durations.entries()) durations.add(key, ms, undefined);
  // A point keeps its test, not its line: the line is in one of the files.
  const point = (p: TimePoint): TimePoint => (p.test === undefined ? { time: p.time } : { time: p.time, test: p.test });
  let first: TimePoint | undefined;
  let last: TimePoint | undefined;
  for (const p of parts) {
    if (p.first && (!first || p.first.time < first.time)) first = point(p.first);
    if (p.last && (!last || p.last.time > last.time)) last = point(p.last);
  }
  const started = parts.reduce((n, p) => n + p.started, 0);
  const starters = parts.filter((p) => p.started > 0);
  const sameInstant =
    starters.every((p) => p.started === 1 || p.oneInstant) && new Set(starters.map((p) => p.first?.time)).size <= 1;
  const found = parts.find((p) => p.backwards)?.backwards;
  const backwards = found && { worker: found.worker, test: found.test, previous: found.previous, by: found.by };
  return {
    ...(first ? { first } : {}),
    ...(last ? { last } : {}),
    ran: parts.reduce((n, p) => n + p.ran, 0),
    timed: parts.reduce((n, p) => n + p.timed, 0),
    zero: parts.reduce((n, p) => n + p.zero, 0),
    started,
    oneInstant: started > 1 && sameInstant,
    ...(backwards ? { backwards } : {}),
    durations,
  };
}
