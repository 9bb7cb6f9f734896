// Runs every registered check; a check that crashes becomes an error and the others still run.
import type { Check, CheckContext } from './types.js';
import { compareFindings, type Finding } from '../findings.js';

/** The findings of one validation run, sorted, with what was looked at. */
export interface Report {
  ok: boolean;
  errors: Finding[];
  warnings: Finding[];
  notices: Finding[];
}

/** Run checks against a context and collect their findings. */
export async function runChecks(checks: readonly Check[], ctx: CheckContext): Promise<Report> {
  return toReport(await collectFindings(checks, ctx));
}

/** Anything with a name that turns a context into findings (repository and pull-request checks alike). */
export interface Rule<C> {
  id: string;
  name: string;
  check(ctx: C): Finding[] | Promise<Finding[]>;
}

/** Run rules in order; a rule that crashes becomes one error and the others still run. */
export async function collectFindings<C>(rules: readonly Rule<C>[], ctx: C): Promise<Finding[]> {
  const all: Finding[] = [];
  for (const c of rules) {
    try {
      all.push(...(await c.check(ctx)));
    } catch (e) {
      all.push({
        level: 'error',
        check: c.name,
        file: '(drivercert)',
        message: `the check "${c.id}" failed to run: ${(e as Error).message}`,
        tip: 'This is a bug in drivercert, not in your files: please report it with this message.',
      });
    }
  }
  return all;
}

/** Split findings by level and sort them. */
export function toReport(all: Finding[]): Report {
  const sorted = [...all].sort(compareFindings);
  const errors = sorted.filter((f) => f.level === 'error');
  return {
    ok: errors.length === 0,
    errors,
    warnings: sorted.filter((f) => f.level === 'warning'),
    notices: sorted.filter((f) => f.level === 'notice'),
  };
}
