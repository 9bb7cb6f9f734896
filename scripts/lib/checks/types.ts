// The shape of a check: data in, findings out through a reporter (docs/design.md).
import type { CycleDir, LoadedFile, Repo, SubmissionDir } from '../repo.js';
import type { Registry } from '../model.js';
import type { BundleLimits } from '../bundle/limits.js';
import type { Reporter, RuleName } from './report.js';
import type { ContentReader } from '../analysis/facts.js';

/** What every check may read. */
export interface CheckContext {
  repo: Repo;
  /** Today's date (UTC, YYYY-MM-DD). */
  today: string;
  /** Whether a submission folder is among those being validated (PATH arguments). */
  inScope(sub: SubmissionDir): boolean;
  /**
   * True when particular submissions were named (PATH arguments, a pull request's folder):
   * per-submission notices are then worth reporting.
   */
  focused: boolean;
  /** Limits for reading bundles. */
  limits: BundleLimits;
  /** Set when bundles are not to be read (metadata only). */
  skipBundles: boolean;
  /** How bundle content is read (default: in this thread; `--jobs` reads in worker threads). */
  readContent?: ContentReader;
  /** Memo shared by checks in one run (e.g. each bundle is read once). */
  memo: Map<string, unknown>;
}

/**
 * What the runner calls a check with, by its scope: the whole repository once, drivers.yaml
 * once (when it exists), each results/<cycle>/ folder, and each submission folder in scope.
 */
export interface ScopeSubjects {
  repository: Repo;
  registry: LoadedFile<Registry>;
  cycle: CycleDir;
  submission: SubmissionDir;
}

export type Scope = keyof ScopeSubjects;

/** One rule the repository is held to. */
export interface Check<S extends Scope = Scope> extends RuleName {
  /** Stable kebab-case id, e.g. `unique-driver-ids` (the README's rule table lists every one). */
  id: string;
  /** The requirement as a submitter reads it, e.g. "driver ids are unique". */
  name: string;
  description: string;
  scope: S;
  check(subject: ScopeSubjects[S], report: Reporter, ctx: CheckContext): void | Promise<void>;
}
