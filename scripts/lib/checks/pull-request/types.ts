// The shape of a pull-request rule: what `validate --changed-since` holds a pull request to.
import type { Finding } from '../../findings.js';
import type { PullRequest, PullRequestKind } from '../../pr/pull-request.js';

/** What every pull-request rule may read. */
export interface PullRequestContext {
  pr: PullRequest;
  /** Today's date (UTC, YYYY-MM-DD). */
  today: string;
}

/** One rule a pull request is held to (DESIGN.md, "Rules a pull request is held to"). */
export interface PullRequestCheck {
  /** Short stable id, e.g. `pr-one-folder`. */
  id: string;
  /** The requirement as the submitter reads it when it fails. */
  name: string;
  description: string;
  /** The kinds of pull request the rule applies to. */
  applies: readonly PullRequestKind[];
  check(ctx: PullRequestContext): Finding[] | Promise<Finding[]>;
}
