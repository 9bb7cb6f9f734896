// The data model of the repository: the three YAML files of docs/design.md, and the record
// they make together (RepoModel). schemas/*.schema.json describe the files;
// test/schema-types.test.ts keeps them in step.

/** The support-matrix operations a driver may claim, as Cinder's support matrix names them. */
export const FEATURE_IDS = [
  'online_extend_support',
  'qos',
  'volume_replication',
  'consistency_groups',
  'thin_provisioning',
  'volume_migration_storage_assisted',
  'multi-attach',
  'revert_to_snapshot_assisted',
  'active_active_ha',
] as const;
export type FeatureId = (typeof FEATURE_IDS)[number];

export const DRIVER_STATUSES = ['supported', 'unsupported', 'removed'] as const;
export type DriverStatus = (typeof DRIVER_STATUSES)[number];

/** One entry of drivers.yaml. */
export interface Driver {
  id: string;
  name: string;
  vendor: string;
  class: string[];
  protocols: string[];
  maintainers: string[];
  status: DriverStatus;
  features: Record<FeatureId, boolean>;
  notes?: string;
  url?: string;
}

/** drivers.yaml. */
export interface Registry {
  core_reviewers: string[];
  drivers: Driver[];
}

/** A flag on a guideline test: reported, but not required. */
export interface TestFlag {
  reason: string;
  date?: string;
  action?: string;
}

/** One tempest test a capability lists. */
export interface CycleTest {
  id: string;
  idempotent_id?: string;
  aliases?: string[];
  flagged?: TestFlag;
}

/** A group of tests: required for every driver, or evidence for a claimed feature. */
export interface Capability {
  description: string;
  required: boolean;
  feature?: FeatureId;
  tests: CycleTest[];
}

export interface Waiver {
  test: string;
  reason: string;
}

/** Where a cycle's capabilities were imported from. */
export interface GuidelineRef {
  id: string;
  schema: string;
}

/** results/<cycle>/cycle.yaml. */
export interface Cycle {
  name: string;
  codename?: string;
  state: 'open' | 'closed';
  opened: string;
  closed?: string;
  guideline?: GuidelineRef;
  capabilities: Record<string, Capability>;
  waivers?: Record<string, Waiver[]>;
}

export const VERDICTS = ['passed', 'failed'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const CAPABILITY_OUTCOMES = ['passed', 'failed', 'missing'] as const;
export type CapabilityOutcome = (typeof CAPABILITY_OUTCOMES)[number];

export type ResultSourceKind = 'subunit' | 'junit' | 'console';

/** The counts of docs/design.md "Counting", as subunit-stats reports them. */
export interface Counts {
  total: number;
  passed: number;
  failed: number;
  skipped: number;
  xfail: number;
  uxsuccess: number;
  incomplete: number;
}

export interface Environment {
  cinder_commit: string;
  tempest_commit: string;
  backend: { model: string; version: string };
  protocol: string;
}

export interface BundleRef {
  file: string;
  sha256: string;
  size: number;
}

/** When the bundle's run happened, and its duration fingerprint (derived; docs/design.md, "The run"). */
export interface RunRecord {
  /** UTC, to the second, by the most trustworthy source that dates the run. */
  start: string;
  end: string;
  /** `v1 <hash>:<ms> …`: the durations of a sample of its tests (absent when no source states durations). */
  fingerprint?: string;
}

/** A cycle test the run holds under another name, matched by its idempotent id. */
export interface RenamedTest {
  /** The cycle test's id. */
  test: string;
  /** The run's name for it, without its `[...]` attributes. */
  as: string;
}

/** results/<cycle>/<driver>/result.yaml. */
export interface Result {
  // What the vendor states.
  driver: string;
  cycle: string;
  submitted: string;
  submitter: string;
  environment: Environment;
  notes?: string;
  // What `drivercert pack` derives from the bundle and `validate` re-derives.
  bundle: BundleRef;
  /** Absent in results packed before it was derived (validate derives it from the bundle anyway). */
  run?: RunRecord;
  source: ResultSourceKind;
  results: Counts;
  failed_tests: string[];
  skipped_tests: string[];
  /** Cycle tests matched only by idempotent id under another name (absent when none). */
  renamed_tests?: RenamedTest[];
  capabilities: Record<string, CapabilityOutcome>;
  verdict: Verdict;
  // Added by a core reviewer after merge.
  withdrawn?: { date: string; reason: string };
}

/** A submission in the record: its result.yaml (valid) and its folder; `cycle` and `driver` are the folder's names. */
export interface Submission extends Result {
  /** The submission folder, repository-relative, ending in `/` (`results/<cycle>/<driver>/`). */
  path: string;
}

/**
 * The record as data: every valid file of the repository, read once by `loadRepo` and taken
 * out of it by `repoModel` (scripts/lib/repo-model.ts). MATRIX.md, `missing`, the reviewer's
 * report and the site are pure functions of it.
 */
export interface RepoModel {
  /** drivers.yaml's core reviewers. */
  coreReviewers: string[];
  /** The registry's drivers, the first of each id (validate reports duplicates). */
  drivers: Driver[];
  /** Every cycle whose cycle.yaml is valid, named after its folder, in folder order. */
  cycles: Cycle[];
  /** Every submission whose result.yaml is valid and whose cycle is in `cycles`, in folder order. */
  submissions: Submission[];
}
