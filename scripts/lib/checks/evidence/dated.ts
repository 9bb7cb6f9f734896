// The rules that the run happened in its cycle, by every source that dates it, and that the
// sources agree on when (docs/design.md, "What a result proves").
import type { Check } from '../types.js';
import type { Place, Reporter } from '../report.js';
import { perBundle } from '../bundles.js';
import { CERT_LOG } from '../../analysis/analyse.js';
import { datedSources, isoSecond, type DatedSource } from '../../evidence/run.js';
import type { TimePoint } from '../../evidence/timing.js';

const DAY = 24 * 3600 * 1000;
const HOUR = 3600 * 1000;
/** Sources may disagree on when the run happened by this much: local times without a zone are read as UTC. */
export const TIME_ZONE_SLACK_MS = 14 * HOUR;

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
