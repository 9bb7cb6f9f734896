// Rules on whether a bundle's run is what it claims to be: this driver's run (docs/design.md,
// "What a result proves").
import type { Check, CheckContext } from './types.js';
import type { Place, Reporter } from './report.js';
import { perBundle } from './bundles.js';
import { CERT_LOG } from '../analysis/analyse.js';
import { enabledBackends } from '../evidence/backends.js';
import {
  SAME_DURATION_MS,
  compareFingerprints,
  datedSources,
  isoSecond,
  parseFingerprint,
  type DatedSource,
} from '../evidence/run.js';
import { bundleFacts } from '../analysis/facts.js';
import type { TimePoint } from '../evidence/timing.js';

export const enabledBackendDriver: Check<'submission'> = perBundle(
  {
    id: 'enabled-backend-driver',
    name: "every backend cinder.conf enables runs one of the driver's classes",
    description:
      "Each backend in cert.log's cinder.conf `enabled_backends` is a section whose volume_driver is a class of " +
      "the driver (a section without one runs Cinder's LVM driver); a class set only in a section nothing " +
      'enables proves nothing. A warning in a closed cycle, whose history stays.',
  },
  (f, report) => {
    const d = f.driver;
    const conf = f.analysis!.cert?.cinderConf;
    if (!d || !conf) return;
    const closed = f.cycle?.state === 'closed';
    const say = (line: number, message: string, tip: string) => {
      const at = report.member(f.bundlePath, CERT_LOG, line);
      (closed ? at.warning : at.error)(message, tip);
    };
    const own =
      `Enable only backends whose section sets \`volume_driver\` to a class of "${d.id}" ` +
      `(${d.class.join(', ')}), and submit the log of that run.`;
    if (conf.enabledBackends && conf.enabledBackends.value.length === 0) {
      say(conf.enabledBackends.line, 'cinder.conf sets `enabled_backends` to nothing: the run enabled no backend', own);
      return;
    }
    for (const b of enabledBackends(f.analysis!.cert)) {
      if (d.class.includes(b.driver)) continue;
      const which =
        b.name === 'DEFAULT' ? 'cinder.conf enables no backend by name, so [DEFAULT]' : `backend [${b.name}]`;
      if (!b.hasSection)
        say(
          b.line,
          `enabled_backends names [${b.name}], but cinder.conf has no such section: ` +
            `Cinder ran its default driver (${b.driver}) for it, not a class of "${d.id}"`,
          own,
        );
      else if (b.defaulted)
        say(
          b.line,
          `${which} sets no volume_driver, so Cinder ran its default driver (${b.driver}), ` +
            `not a class of "${d.id}"`,
          own,
        );
      // An enabled section naming another class: driver-class reports it already.
    }
  },
);

const DAY = 24 * 3600 * 1000;
const HOUR = 3600 * 1000;
/** Sources may disagree on when the run happened by this much: local times without a zone are read as UTC. */
export const TIME_ZONE_SLACK_MS = 14 * HOUR;
/** Fewer timed tests than this prove nothing about a run's plausibility. */
export const MIN_TIMED_TESTS = 5;
/** A duration a source prints may differ from the stream's by this much (rounding only). */
export const DURATION_TOLERANCE_S = 0.1;
/** Findings listed per source before "…and N more". */
const SHOWN = 5;

const RUN_TIP =
  'Submit the cert script log, subunit stream and JUnit file of one run made in this cycle, as the tools ' +
  'wrote them; a run cannot be reused from another cycle, another driver or another day.';

const when = (ms: number) => isoSecond(ms).replace('T', ' ').replace('Z', ' UTC');
const testOf = (p: TimePoint) => (p.test !== undefined ? ` (${p.test})` : '');

/** Where a dated source says a time: its member, at the line when the source is text. */
function at(report: Reporter, bundle: string, s: DatedSource, p: TimePoint): Place {
  return report.member(bundle, s.member, p.line);
}

export const runInCycle: Check<'submission'> = perBundle(
  {
    id: 'run-in-cycle',
    name: 'the run happened in the cycle, before it was submitted',
    description:
      "Every time a source states (cert.log's step headers, subunit timestamps, JUnit timestamp attributes) lies " +
      "between the cycle's opening and the submission date, a day either side for time zones.",
  },
  (f, report) => {
    if (!f.cycle) return;
    const dated = datedSources(f.analysis!.sources, f.analysis!.cert);
    if (dated.length === 0) {
      report
        .member(f.bundlePath, CERT_LOG)
        .error(
          'no source in the bundle says when the run happened: cert.log has no dated step headers and no ' +
            'result file carries timestamps',
          "Submit the cert script's log unedited (its step headers are dated) and the subunit stream of the run.",
        );
      return;
    }
    const from = Date.parse(`${f.cycle.opened}T00:00:00Z`) - DAY;
    const to = Date.parse(`${f.result.submitted}T00:00:00Z`) + 2 * DAY;
    for (const s of dated) {
      if (s.first.time < from)
        at(report, f.bundlePath, s, s.first).error(
          `${s.label} date the run ${when(s.first.time)}${testOf(s.first)}, before cycle ${f.cycle.name} ` +
            `opened (${f.cycle.opened})`,
          RUN_TIP,
        );
      if (s.last.time > to)
        at(report, f.bundlePath, s, s.last).error(
          `${s.label} date the run ${when(s.last.time)}${testOf(s.last)}, after it was submitted ` +
            `(${f.result.submitted})`,
          RUN_TIP,
        );
    }
  },
);

export const runTimesAgree: Check<'submission'> = perBundle(
  {
    id: 'run-times-agree',
    name: 'the sources agree on when the run happened',
    description:
      "Each source's times overlap the most trustworthy source's (subunit, else JUnit, else cert.log), " +
      'allowing 14 hours for local times written without a zone.',
  },
  (f, report) => {
    const [ref, ...others] = datedSources(f.analysis!.sources, f.analysis!.cert);
    if (!ref) return;
    for (const s of others) {
      const apart = Math.max(s.first.time - ref.last.time, ref.first.time - s.last.time);
      if (apart <= TIME_ZONE_SLACK_MS) continue;
      const p = s.first.time > ref.last.time ? s.first : s.last;
      at(report, f.bundlePath, s, p).error(
        `${s.label} date the run ${when(s.first.time)} to ${when(s.last.time)}, but ${ref.label} date it ` +
          `${when(ref.first.time)} to ${when(ref.last.time)}: ${(apart / HOUR).toFixed(1)} hours apart`,
        'Pack the files of one run only: the cert script log, subunit stream and JUnit file must come from the ' +
          'same tempest run.',
      );
    }
  },
);

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
      const t = s.timing;
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
    const stream = f.analysis!.sources.find((s) => s.kind === 'subunit' && s.timing.durations.size > 0);
    if (!stream) return;
    const clock = stream.timing.durations;
    for (const s of f.analysis!.sources) {
      if (s.kind === 'subunit') continue;
      // The first SHOWN by line are listed, the rest counted: a run of any size is held in little memory.
      let off: { ms: number; other: number; line: number | undefined }[] = [];
      let count = 0;
      for (const [k, ms, line] of s.timing.durations.entries()) {
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

export const runRecorded: Check<'submission'> = perBundle(
  {
    id: 'run-record',
    name: "result.yaml's run block is what the bundle shows",
    description:
      'run.start, run.end and run.fingerprint equal what validate derives from the bundle; results packed ' +
      'before the block existed have none, and their bundles are checked all the same.',
  },
  (f, report) => {
    const stated = f.result.run;
    const derived = f.derivation?.fields.run;
    if (!stated) return;
    const tip = 'Do not edit the derived part of result.yaml: `drivercert pack --force` writes it from the bundle.';
    if (!derived) {
      report.at(f.sub.result!, '/run').error('run: no source in the bundle says when the run happened', tip);
      return;
    }
    for (const key of ['start', 'end', 'fingerprint'] as const) {
      if (stated[key] === derived[key]) continue;
      const say = (v: string | undefined) => (v === undefined ? 'nothing' : v.length > 40 ? `${v.slice(0, 40)}…` : v);
      report
        .at(f.sub.result!, stated[key] === undefined ? '/run' : `/run/${key}`)
        .error(`run.${key}: result.yaml says ${say(stated[key])}, the bundle shows ${say(derived[key])}`, tip);
    }
  },
);

/** Every submission's stated bundle sha256 and parsed fingerprint, read from result.yaml once per run. */
interface StatedRun {
  path: string;
  sha256: string;
  durations?: Map<string, number>;
}

const STATED_RUNS = 'stated-runs';

function statedRuns(ctx: CheckContext): StatedRun[] {
  let runs = ctx.memo.get(STATED_RUNS) as StatedRun[] | undefined;
  if (runs) return runs;
  runs = [];
  for (const sub of ctx.repo.submissions) {
    const r = sub.result?.data;
    if (!r) continue;
    const durations = r.run?.fingerprint !== undefined ? parseFingerprint(r.run.fingerprint) : undefined;
    runs.push({ path: sub.result!.path, sha256: r.bundle.sha256, ...(durations ? { durations } : {}) });
  }
  ctx.memo.set(STATED_RUNS, runs);
  return runs;
}

const COPY_TIP =
  'Each submission is its own run of the driver in its cycle: run the cert script for this driver and submit ' +
  'that run. If the other submission is yours and wrong, say so in the pull request.';

/** Compares each bundle in scope with every other submission's stated sha256 and fingerprint. */
export const runNotCopied: Check<'submission'> = {
  id: 'run-not-copied',
  name: 'the run is not a copy of another submission',
  description:
    'No other submission in the repository (any driver, any cycle) has the same bundle sha256, or a duration ' +
    'fingerprint within 5 ms on at least 90 % of the sampled tests both ran (10 at least, those taking 5 ms or ' +
    'more): read from their result.yaml, never from their bundles.',
  scope: 'submission',
  async check(sub, report, ctx) {
    const f = await bundleFacts(ctx, sub);
    if (!f?.analysis) return;
    const mine = f.derivation?.fields.run?.fingerprint;
    const durations = mine !== undefined ? parseFingerprint(mine) : undefined;
    const self = sub.result!.path;
    for (const other of statedRuns(ctx)) {
      if (other.path === self) continue;
      if (other.sha256 === f.analysis.sha256) {
        report
          .at(f.sub.result!, '/bundle/sha256')
          .error(`the bundle is byte for byte ${other.path}'s (the same sha256)`, COPY_TIP);
        continue;
      }
      if (!durations || !other.durations) continue;
      const m = compareFingerprints(durations, other.durations);
      if (!m.copied) continue;
      report
        .at(f.sub.result!, f.result.run?.fingerprint !== undefined ? '/run/fingerprint' : '/bundle/sha256')
        .error(
          `the run's test durations are ${other.path}'s: ${m.same} of ${m.shared} sampled tests that both ran took ` +
            `the same time within ${SAME_DURATION_MS} ms (two real runs never do)`,
          COPY_TIP,
        );
    }
  },
};
