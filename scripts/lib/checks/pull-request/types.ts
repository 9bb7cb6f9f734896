// The shape of a pull-request rule: what `validate --changed-since` holds a pull request to.
import type { PullRequest, PullRequestKind } from '../../pr/pull-request.js';
import type { Reporter, RuleName } from '../report.js';

/** What every pull-request rule may read. */
export interface PullRequestContext {
  pr: PullRequest;
  /** Today's date (UTC, YYYY-MM-DD). */
  today: string;
}

/** One rule a pull request is held to (docs/design.md, "Rules a pull request is held to"). */
export interface PullRequestCheck extends RuleName {
  /** Stable kebab-case id, e.g. `pr-one-folder` (the README's pull-request rule table lists every one). */
  id: string;
  /** The requirement as the submitter reads it when it fails. */
  name: string;
  description: string;
  /** The kinds of pull request the rule applies to: the runner calls it only for those. */
  applies: readonly PullRequestKind[];
  check(pr: PullRequest, report: Reporter, ctx: PullRequestContext): void | Promise<void>;
}
