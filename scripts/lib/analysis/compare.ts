// Comparing result.yaml's derived part with what the bundle proves, field by field,
// in words that say what the bundle really shows.
import type { RenamedTest, Result } from '../model.js';
import type { DerivedFields } from './derive.js';
import { toPointer } from '../yaml-source.js';
import { own } from '../own.js';

export interface FieldMismatch {
  pointer: string;
  message: string;
}

function list(ids: readonly string[], max = 5): string {
  if (ids.length === 0) return 'none';
  return ids.slice(0, max).join(', ') + (ids.length > max ? ` and ${ids.length - max} more` : '');
}

/** Every way result.yaml's derived fields differ from the bundle's (empty when they agree). */
export function describeComparison(stated: Result, derived: DerivedFields, member: string): FieldMismatch[] {
  const out: FieldMismatch[] = [];
  if (stated.source !== derived.source)
    out.push({
      pointer: '/source',
      message: `source: result.yaml says ${stated.source}, but the counts come from ${member} (${derived.source})`,
    });
  for (const k of Object.keys(derived.results) as (keyof typeof derived.results)[]) {
    if (stated.results[k] !== derived.results[k])
      out.push({
        pointer: `/results/${k}`,
        message:
          `results.${k}: result.yaml says ${stated.results[k]}, ` +
          `the bundle shows ${derived.results[k]} (${member})`,
      });
  }
  for (const key of ['failed_tests', 'skipped_tests'] as const) {
    const s = new Set(stated[key]);
    const d = new Set(derived[key]);
    const extra = [...s].filter((x) => !d.has(x));
    const missing = [...d].filter((x) => !s.has(x));
    if (extra.length || missing.length) {
      const parts = [
        ...(missing.length ? [`the bundle also shows ${list(missing)}`] : []),
        ...(extra.length ? [`the bundle does not show ${list(extra)}`] : []),
      ];
      out.push({ pointer: `/${key}`, message: `${key}: ${parts.join('; ')}` });
    }
  }
  // A derived field added later is compared only where result.yaml states it (docs/design.md).
  const renamed = stated.renamed_tests && renamedMismatch(stated.renamed_tests, derived.renamed_tests ?? []);
  if (renamed) out.push({ pointer: '/renamed_tests', message: renamed });
  const ids = new Set([...Object.keys(stated.capabilities), ...Object.keys(derived.capabilities)]);
  for (const id of [...ids].sort()) {
    const s = own(stated.capabilities, id);
    const d = own(derived.capabilities, id);
    if (s === d) continue;
    if (d === undefined)
      out.push({
        pointer: toPointer(['capabilities', id]),
        message: `capabilities.${id}: the cycle has no such capability`,
      });
    else
      out.push({
        pointer: s === undefined ? '/capabilities' : toPointer(['capabilities', id]),
        message: `capabilities.${id}: result.yaml says ${s ?? 'nothing'}, the bundle shows ${d}`,
      });
  }
  if (stated.verdict !== derived.verdict)
    out.push({
      pointer: '/verdict',
      message: `verdict: result.yaml says ${stated.verdict}, the bundle shows ${derived.verdict}`,
    });
  return out;
}

/** How result.yaml's renamed tests differ from the bundle's, or undefined when they do not. */
function renamedMismatch(stated: RenamedTest[], derived: RenamedTest[]): string | undefined {
  const show = (t: RenamedTest) => `${t.test} matched by idempotent id as ${t.as}`;
  const s = new Set(stated.map(show));
  const d = new Set(derived.map(show));
  const missing = [...d].filter((x) => !s.has(x));
  const extra = [...s].filter((x) => !d.has(x));
  if (!missing.length && !extra.length) return undefined;
  const parts = [
    ...(missing.length ? [`the bundle also shows ${list(missing)}`] : []),
    ...(extra.length ? [`the bundle does not show ${list(extra)}`] : []),
  ];
  return `renamed_tests: ${parts.join('; ')}`;
}
