// The shape of a hostile-input case: a readable description of one bad input, how to build
// it, which command meets it, and exactly what that command must answer. The runner is
// test/hostile/corpus.test.ts; the README's "What we reject and why" is generated from
// these descriptions (test/hostile/rejections.ts), so this file must not import vitest.
import type { BundleErrorCode } from '../../../scripts/lib/bundle/errors.js';
import type { BundleLimits } from '../../../scripts/lib/bundle/limits.js';

/** The groups of the corpus, in the order the README lists them. */
export type Kind = 'yaml' | 'registry' | 'markdown' | 'git' | 'bundle' | 'subunit' | 'junit' | 'console' | 'run';

/** A finding the command must print: the file (a bundle member as `path.tgz!member`), its line when there is one, and words of its message. */
export interface Finding {
  file: string;
  /** The line, when the finding has one (then `file:line` must be printed): a number, or the line where text first (or `nth`) occurs in the built file. */
  line?: number | { of: string; nth?: number };
  /** Words the message must contain, verbatim (this is what the README quotes). */
  says: string;
  /** Words its tip (the line after it) must contain. */
  tip?: string;
}

/** Lazily produced bytes: a generator, so a 100 MB input is never held in memory. */
export type Bytes = () => Iterable<Uint8Array>;

/** What a case may do to a scratch copy of the shipped repository (implemented by the runner). */
export interface RepoBuilder {
  /** Write a file (folders created). */
  write(path: string, content: string | Uint8Array): void;
  /** Write a file from lazily produced bytes. */
  writeStream(path: string, bytes: Bytes): void;
  read(path: string): string;
  /** Replace the first `from` (which must be there) in a file. */
  replace(path: string, from: string | RegExp, to: string): void;
  /** A symbolic link at `path` pointing to `target`. */
  symlink(target: string, path: string): void;
  /** Delete a file or a folder. */
  remove(path: string): void;
  /** Make a submission folder (result.yaml and its bundle) as `drivercert pack` would. */
  submit(spec: SubmissionSpec): void;
}

/** A submission of the open cycle (2025.2) for `driver`, with contributor text to taste. */
export interface SubmissionSpec {
  driver: string;
  cycle?: string;
  notes?: string;
  backendModel?: string;
  backendVersion?: string;
  failed?: string[];
  skipped?: string[];
}

/** What a case may do in a pull-request branch of a scratch origin (see test/pr/fixture.ts for its base). */
export interface PullRequestBuilder extends RepoBuilder {
  git(...args: string[]): string;
  /** Make a file executable (git records mode 100755). */
  chmod(path: string, mode: number): void;
  /** Commit what is staged only (entries made with `git update-index`); otherwise the runner commits everything. */
  commitStaged(): void;
}

/** A bundle member: its name inside the tar, and its bytes. */
export interface Member {
  name: string;
  bytes: Bytes;
}

interface Base {
  /** Unique, kebab-case: `<kind>-<what>`. */
  id: string;
  kind: Kind;
  /** The bad input in a few words, as the README lists it ("an alias bomb"). */
  title: string;
  /** Why it is hostile, or what it tries (optional, one or two sentences). */
  what?: string;
}

/** The command refuses the input: exit 1 and this finding. */
export interface Rejects {
  rejects: Finding;
}

/** The schema allows the text: `validate` accepts it, and MATRIX.md renders it with every table row intact and nothing injected. */
export interface Renders {
  renders: {
    /** The text as a reader of MATRIX.md sees it; undefined when MATRIX.md does not show this field. */
    shows?: string;
  };
}

/** An input in the repository (drivers.yaml, a cycle, a result.yaml…), met by a command. */
export interface RepoCase extends Base {
  via: 'repo';
  build(repo: RepoBuilder): void;
  /** The command (default `validate`); the runner adds `--repo`. */
  command?: string[];
  expect: Rejects | Renders;
}

/** A pull request, met by `validate --changed-since origin/main --author AUTHOR`. */
export interface PullRequestCase extends Base {
  via: 'pull-request';
  /** Who opens it (test/pr/fixture.ts: alice maintains lvm, nina nfs, core-carol is a core reviewer). */
  author: string;
  build(pr: PullRequestBuilder): void;
  expect: Rejects;
}

/** What `inspect --format json` reports for the member's source (for a cert.log without test results, for the log): a problem it lists, and/or the counts it gives. */
export interface ParserOutcome {
  /** A problem of the source (words of its message, and its line for text formats). */
  problem?: { says: string; line?: number };
  /** Counts it gives (only those named are checked). */
  counts?: Partial<Record<'total' | 'passed' | 'failed' | 'skipped' | 'incomplete', number>>;
}

/**
 * A member inside a submission's bundle, beside a complete cert.log (the member is the
 * cert.log when it is named so), in a submission whose result.yaml says what the bundle
 * proves. `inspect --format json` reports the member's source (exit 0: what sources say is
 * reported, not failed on); `validate` on the submission rejects it, naming
 * `path.tgz!member[:line]`, or accepts it.
 */
export interface BundleCase extends Base {
  via: 'bundle';
  member: Member;
  /** The other members (default: a complete cert.log for lvm, unless the member is the cert.log). */
  beside?: Member[];
  /** Whose submission it is (default: dell_emc_powermax, whose run the reference cert.log is, when the member is cert.log; else lvm). */
  driver?: string;
  inspect: ParserOutcome;
  expect: { rejects: { says: string; line?: number; tip?: string } } | { accepts: true };
}

/**
 * A whole bundle file (tar and gzip level), as lvm's bundle in a submission: `inspect`
 * refuses it (exit 1, with its stable code, the member and the message) and `validate`
 * rejects the submission with the same message naming `path.tgz[!member]`; or both accept
 * it. The bytes are produced lazily: a 10 GiB member is never held in memory.
 */
export interface TarCase extends Base {
  via: 'tar';
  /** The .tgz's bytes; `honest` are the members of a complete, valid run (cert.log and tempest.subunit), for a case that adds to them. */
  bytes: (honest: readonly Member[]) => Bytes;
  /** Given to both commands as `--limit NAME=VALUE`. */
  limits?: Partial<BundleLimits>;
  expect: { refuses: { code: BundleErrorCode; member?: string; says: string } } | { accepts: { members: string[] } };
}

export type Case = RepoCase | PullRequestCase | BundleCase | TarCase;
