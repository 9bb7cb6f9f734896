// The rules on the run block: result.yaml records the run truly, and the run is no other
// submission's, by bundle sha256 or duration fingerprint (docs/design.md, "The run").
import type { Check, CheckContext } from '../types.js';
import { perBundle } from '../bundles.js';
import { bundleFacts, type BundleFacts } from '../../analysis/facts.js';
import { SAME_DURATION_MS, compareFingerprints, parseFingerprint, runOfAnalysis } from '../../evidence/run.js';
import type { RunRecord } from '../../model.js';

/** The run block validate derives from the bundle (undefined when no source dates the run). */
function derivedRun(f: BundleFacts): RunRecord | undefined {
  return f.derivation ? f.derivation.fields.run : f.analysis ? runOfAnalysis(f.analysis) : undefined;
}

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
    if (!stated) return;
    const derived = derivedRun(f);
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
    const mine = derivedRun(f)?.fingerprint;
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
