// A cycle as its page and its API document show it: each capability with its test ids and the
// outcomes of the cycle's standing submissions (counted as the matrix counts the current cycle's),
// and every driver's submission in it.
import type { Cycle, Submission } from '../model.js';
import {
  capabilityList,
  standingOf,
  type MatrixCapability,
  type MatrixDriver,
  type MatrixModel,
} from '../matrix/model.js';
import { compareText } from '../matrix/order.js';
import { own } from '../own.js';

/** A capability, its tests and the outcomes in one cycle. */
export interface CapabilityOutcomes extends MatrixCapability {
  testIds: string[];
  passed: number;
  failed: number;
  missing: number;
  notReported: number;
}

/** A cycle's capabilities, required first, with the outcomes of its standing (not withdrawn) submissions. */
export function cycleOutcomes(c: Cycle, model: MatrixModel): CapabilityOutcomes[] {
  const standing = model.drivers.flatMap((d) => {
    const s = d.history.find((h) => h.cycle === c.name);
    return s && standingOf(s) !== 'withdrawn' ? [s] : [];
  });
  const caps = capabilityList(c).sort((a, b) => Number(b.required) - Number(a.required) || compareText(a.id, b.id));
  return caps.map((cap) => {
    const out: CapabilityOutcomes = {
      ...cap,
      testIds: c.capabilities[cap.id]!.tests.map((t) => t.id),
      passed: 0,
      failed: 0,
      missing: 0,
      notReported: 0,
    };
    for (const s of standing) {
      const o = own(s.capabilities, cap.id);
      if (o === 'passed' || o === 'failed' || o === 'missing') out[o]++;
      else out.notReported++;
    }
    return out;
  });
}

/** Every driver not removed, or with a submission in the cycle, beside its submission there (if any). */
export function cycleSubmissions(
  cycle: string,
  model: MatrixModel,
): { driver: MatrixDriver; submission: Submission | undefined }[] {
  return model.drivers
    .map((driver) => ({ driver, submission: driver.history.find((s) => s.cycle === cycle) }))
    .filter(({ driver, submission }) => submission !== undefined || driver.status !== 'removed');
}
