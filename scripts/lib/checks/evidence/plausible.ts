// The rules that the run took time as a real run does, and that the durations its sources
// print are the stream's (docs/design.md, "What a result proves").
import type { Check } from '../types.js';
import { perBundle } from '../bundles.js';
import { timingOf } from '../../evidence/timing.js';

/** Fewer timed tests than this prove nothing about a run's plausibility. */
export const MIN_TIMED_TESTS = 5;
/** A duration a source prints may differ from the stream's by this much (rounding only). */
export const DURATION_TOLERANCE_S = 0.1;
/** Findings listed per source before "…and N more". */
const SHOWN = 5;

const PLAUSIBLE_TIP =
  'Submit the stream the run wrote (`stestr last --subunit`), unedited: a stream whose times were made up ' +
  'or rewritten cannot be told from a fabricated run.';

export const runPlausible: Check<'submission'> = perBundle(
  {
    id: 'run-plausible',
    name: 'the run took time as a real run does',
    description:
      'In each source: at most half the tests that ran (skips excluded) took no time (under 0.5 ms), the tests ' +
      'did not all start at one instant, and no worker went back in time by more than a second.',
  },
  (f, report) => {
    for (const s of f.analysis!.sources) {
      const t = timingOf(s);
      const place = report.member(f.bundlePath, s.member, t.backwards?.line);
      if (t.timed >= MIN_TIMED_TESTS && t.zero * 2 > t.timed)
        report
          .member(f.bundlePath, s.member)
          .error(
            `${t.zero} of the ${t.timed} tests that ran took no time (0.000 s): no real run is that fast`,
            PLAUSIBLE_TIP,
          );
      if (t.oneInstant && t.started >= MIN_TIMED_TESTS)
        report
          .member(f.bundlePath, s.member)
          .error(`all ${t.started} tests that ran started at the same instant`, PLAUSIBLE_TIP);
      const b = t.backwards;
      if (!b) continue;
      place.error(
        b.previous === b.test
          ? `${b.test} ended ${(b.by / 1000).toFixed(3)} s before it started`
          : `${b.worker}'s clock went backwards: ${b.test} started ${(b.by / 1000).toFixed(3)} s before ` +
              `${b.previous}, which ${b.worker} ran before it`,
        PLAUSIBLE_TIP,
      );
    }
  },
);

export const durationsAgree: Check<'submission'> = perBundle(
  {
    id: 'durations-agree',
    name: 'the durations the sources print agree with the stream',
    description:
      "A test's duration in cert.log's subunit-trace output (`[1.23s]`) or a JUnit `time` equals the subunit " +
      "stream's (its end less its start) within 0.1 s: both are printed from the same run's timestamps.",
  },
  (f, report) => {
    const stream = f.analysis!.sources.find((s) => s.kind === 'subunit' && timingOf(s).durations.size > 0);
    if (!stream) return;
    const clock = timingOf(stream).durations;
    for (const s of f.analysis!.sources) {
      if (s.kind === 'subunit') continue;
      // The first SHOWN by line are listed, the rest counted: a run of any size is held in little memory.
      let off: { ms: number; other: number; line: number | undefined }[] = [];
      let count = 0;
      for (const [k, ms, line] of timingOf(s).durations.entries()) {
        const other = clock.get(k);
        if (other === undefined || Math.abs(other - ms) <= DURATION_TOLERANCE_S * 1000) continue;
        count++;
        off.push({ ms, other, line });
        if (off.length > SHOWN) off = off.sort((x, y) => (x.line ?? 0) - (y.line ?? 0)).slice(0, SHOWN);
      }
      off.sort((x, y) => (x.line ?? 0) - (y.line ?? 0));
      for (const d of off)
        report
          .member(f.bundlePath, s.member, d.line)
          .error(
            `the test ${d.line !== undefined ? 'on this line' : 'here'}: ${s.member} says it took ` +
              `${(d.ms / 1000).toFixed(3)} s, ${stream.member} ${(d.other / 1000).toFixed(3)} s`,
            'Pack the files of one run only, as the tools wrote them.',
          );
      if (count > SHOWN)
        report
          .member(f.bundlePath, s.member)
          .error(`…and ${count - SHOWN} more tests whose durations disagree with ${stream.member}`);
    }
  },
);
