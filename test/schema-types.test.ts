// The TypeScript model and the JSON schemas describe the same fields.
import { describe, expect, it } from 'vitest';
import { loadSchema } from '../scripts/lib/schema.js';
import {
  FEATURE_IDS,
  type Cycle,
  type Driver,
  type Registry,
  type Result,
  type RunRecord,
} from '../scripts/lib/model.js';

// Each list is checked against its type by the compiler (`satisfies`), and against the schema here.
const registryKeys = { core_reviewers: 1, drivers: 1 } satisfies Record<keyof Registry, 1>;
const driverKeys = {
  id: 1,
  name: 1,
  vendor: 1,
  class: 1,
  protocols: 1,
  maintainers: 1,
  status: 1,
  features: 1,
  notes: 1,
  url: 1,
} satisfies Record<keyof Driver, 1>;
const cycleKeys = {
  name: 1,
  codename: 1,
  state: 1,
  opened: 1,
  closed: 1,
  guideline: 1,
  capabilities: 1,
  waivers: 1,
} satisfies Record<keyof Cycle, 1>;
const resultKeys = {
  driver: 1,
  cycle: 1,
  submitted: 1,
  submitter: 1,
  environment: 1,
  notes: 1,
  bundle: 1,
  run: 1,
  source: 1,
  results: 1,
  failed_tests: 1,
  skipped_tests: 1,
  renamed_tests: 1,
  capabilities: 1,
  verdict: 1,
  withdrawn: 1,
} satisfies Record<keyof Result, 1>;

const runKeys = { start: 1, end: 1, fingerprint: 1 } satisfies Record<keyof RunRecord, 1>;

type Schema = {
  properties: Record<string, unknown>;
  $defs: Record<string, { properties: Record<string, unknown>; enum?: string[] }>;
};

describe('model types match the schemas', () => {
  it('drivers.yaml', () => {
    const s = loadSchema('drivers') as Schema;
    expect(Object.keys(s.properties).sort()).toEqual(Object.keys(registryKeys).sort());
    expect(Object.keys(s.$defs.driver!.properties).sort()).toEqual(Object.keys(driverKeys).sort());
    expect(Object.keys(s.$defs.features!.properties)).toEqual([...FEATURE_IDS]);
    expect((loadSchema('defs') as Schema).$defs.featureId!.enum).toEqual([...FEATURE_IDS]);
  });

  it('cycle.yaml', () => {
    expect(Object.keys((loadSchema('cycle') as Schema).properties).sort()).toEqual(Object.keys(cycleKeys).sort());
  });

  it('result.yaml', () => {
    const s = loadSchema('result') as Schema & { properties: { run: { properties: Record<string, unknown> } } };
    expect(Object.keys(s.properties).sort()).toEqual(Object.keys(resultKeys).sort());
    expect(Object.keys(s.properties.run.properties).sort()).toEqual(Object.keys(runKeys).sort());
  });
});
