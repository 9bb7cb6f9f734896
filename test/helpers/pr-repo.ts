// A scratch GitHub: a bare "origin" whose main holds the shipped data, clones that play
// the contributor, and a runner that does what the workflows do — check out the pull
// request's merge commit (as actions/checkout does for pull_request) and run the very
// scripts under .github/scripts/ with the environment the workflow gives them.
import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { parseDocument } from 'yaml';
import { GENERATED, regenerate } from '../../scripts/lib/generated.js';
import { ROOT, TODAY, tempDir } from './cli.js';
import { GIT_ENV, commitAll, git } from './git.js';

/** What a clone of the project needs besides git's files: the installed tool (linked, never committed). */
function linkInstall(dir: string): void {
  for (const name of ['node_modules', 'dist']) symlinkSync(join(ROOT, name), join(dir, name));
  appendFileSync(join(dir, '.git/info/exclude'), '/node_modules\n/dist\n');
}

/** The shipped files a fresh clone of the project holds (the code is linked, see linkInstall). */
const SHIPPED = [
  'drivers.yaml',
  'results',
  'schemas',
  '.github',
  'package.json',
  '.gitignore',
  'README.md',
  'MATRIX.md',
];

export interface Origin {
  /** The bare repository playing GitHub. */
  bare: string;
  /** The folder the clones go in. */
  home: string;
}

/** Edit drivers.yaml in place through the yaml Document API (comments and layout kept). */
export function editRegistry(
  dir: string,
  edit: (doc: ReturnType<typeof parseDocument>, index: (id: string) => number) => void,
): void {
  const path = join(dir, 'drivers.yaml');
  const doc = parseDocument(readFileSync(path, 'utf8'));
  const drivers = (doc.toJS() as { drivers: { id: string }[] }).drivers;
  edit(doc, (id) => {
    const i = drivers.findIndex((d) => d.id === id);
    if (i < 0) throw new Error(`no driver ${id}`);
    return i;
  });
  writeFileSync(path, String(doc));
}

/** Remove the shipped example submissions, so each test's base holds only its fixture's results. */
function removeSubmissions(dir: string): void {
  for (const cycle of readdirSync(join(dir, 'results'), { withFileTypes: true })) {
    if (!cycle.isDirectory()) continue;
    for (const sub of readdirSync(join(dir, 'results', cycle.name), { withFileTypes: true })) {
      if (sub.isDirectory()) rmSync(join(dir, 'results', cycle.name, sub.name), { recursive: true, force: true });
    }
  }
}

/** Regenerate every file of the GENERATED registry in `dir` (what a maintainer commits). */
export async function regenerateAll(dir: string): Promise<void> {
  for (const g of GENERATED) await regenerate(dir, g);
}

/** A bare origin whose main holds the shipped data, after `setup` changed it. */
export async function createOrigin(setup: (dir: string) => void | Promise<void> = () => {}): Promise<Origin> {
  const home = tempDir('drivercert-gh-');
  const bare = join(home, 'origin.git');
  git(home, 'init', '-q', '--bare', '-b', 'main', bare);
  const seed = join(home, 'seed');
  mkdirSync(seed);
  git(seed, 'init', '-q', '-b', 'main');
  for (const f of SHIPPED) if (existsSync(join(ROOT, f))) cpSync(join(ROOT, f), join(seed, f), { recursive: true });
  removeSubmissions(seed);
  linkInstall(seed);
  await setup(seed);
  await regenerateAll(seed);
  commitAll(seed, 'The shipped data');
  git(seed, 'remote', 'add', 'origin', bare);
  git(seed, 'push', '-q', 'origin', 'main');
  rmSync(seed, { recursive: true, force: true });
  return { bare, home };
}

let clones = 0;

/** A fresh clone of origin (main checked out), with the tool installed. */
export function cloneOrigin(origin: Origin, name = 'clone'): string {
  const dir = join(origin.home, `${name}-${++clones}`);
  git(origin.home, 'clone', '-q', origin.bare, dir);
  linkInstall(dir);
  return dir;
}

/** The checkouts of origin's main that run as the tool, by origin and main's commit. */
const tools = new Map<string, string>();

/**
 * A checkout of origin's main as the validate workflow runs it: the tool, never written to
 * (the script writes its report elsewhere), so one per commit of main serves every run.
 */
function toolCheckout(origin: Origin): string {
  const key = `${origin.bare} ${git(origin.bare, 'rev-parse', 'main').trim()}`;
  let dir = tools.get(key);
  if (dir === undefined) tools.set(key, (dir = cloneOrigin(origin, 'tool')));
  return dir;
}

export interface WorkflowRun {
  code: number;
  stdout: string;
  stderr: string;
  /** The reviewer's report the artifact carries. */
  report: string;
  /** The artifact's pr-number file. */
  prNumber: string;
  /** What went to the job summary. */
  summary: string;
  /** The `::error …` / `::warning …` / `::notice …` annotations. */
  annotations: { level: string; file: string; title: string; message: string }[];
}

/** Run a script of .github/scripts in `cwd` the way a workflow step does. */
export function runScript(
  cwd: string,
  script: string,
  env: Record<string, string>,
): { code: number; stdout: string; stderr: string } {
  const r = spawnSync('bash', [join(cwd, '.github/scripts', script)], {
    cwd,
    env: {
      ...process.env,
      ...GIT_ENV,
      DRIVERCERT_TODAY: TODAY,
      CI: 'true',
      npm_config_update_notifier: 'false',
      ...env,
    },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

let numbers = 0;

/** A contributor's branch in its own clone, and what GitHub does with it. */
export class PullRequestBranch {
  readonly dir: string;
  readonly number = ++numbers;
  constructor(
    readonly origin: Origin,
    readonly branch: string,
  ) {
    this.dir = cloneOrigin(origin, `pr-${branch}`);
    git(this.dir, 'switch', '-q', '-c', branch);
  }

  /** Write a file (folders created). */
  write(path: string, content: string | Buffer): this {
    mkdirSync(dirname(join(this.dir, path)), { recursive: true });
    writeFileSync(join(this.dir, path), content);
    return this;
  }

  /** Run git in the clone. */
  git(...args: string[]): string {
    return git(this.dir, ...args);
  }

  /** Commit everything and push the branch. */
  commit(message = 'change'): this {
    commitAll(this.dir, message);
    return this.push();
  }

  /** Commit what is staged (e.g. entries made with update-index) and push the branch. */
  commitStaged(message = 'change'): this {
    git(this.dir, 'commit', '-q', '--no-verify', '-m', message);
    return this.push();
  }

  /** Push the branch to origin. */
  push(): this {
    git(this.dir, 'push', '-q', '-f', 'origin', this.branch);
    return this;
  }

  /**
   * The validate workflow on this pull request: the base branch's drivercert checked out as
   * the tool, the merge commit checked out as data, and the tool's validate-pr.sh run on it.
   */
  validate(author: string, opts: { mergeCommit?: boolean } = {}): WorkflowRun {
    const tool = toolCheckout(this.origin);
    const runner = cloneOrigin(this.origin, `runner-${this.branch}`);
    git(runner, 'fetch', '-q', 'origin', this.branch);
    if (opts.mergeCommit === false) {
      git(runner, 'checkout', '-q', '--detach', 'FETCH_HEAD');
    } else {
      git(runner, 'checkout', '-q', '--detach', 'origin/main');
      git(runner, 'merge', '-q', '--no-ff', '--no-edit', 'FETCH_HEAD');
    }
    const reportDir = join(runner, '..', `report-${this.branch}-${this.number}`);
    const summary = join(reportDir + '-summary.md');
    writeFileSync(summary, '');
    const r = runScript(tool, 'validate-pr.sh', {
      BASE_REF: 'main',
      AUTHOR: author,
      PR_NUMBER: String(this.number),
      REPORT_DIR: reportDir,
      GITHUB_STEP_SUMMARY: summary,
      DATA_DIR: runner,
    });
    return {
      ...r,
      report: readIfExists(join(reportDir, 'report.md')),
      prNumber: readIfExists(join(reportDir, 'pr-number')),
      summary: readFileSync(summary, 'utf8'),
      annotations: parseAnnotations(r.stdout),
    };
  }

  /** Merge the pull request into origin's main (as the merge button does); then, unless told not to, publish as the publish workflow does. */
  merge(opts: { publish?: boolean } = {}): void {
    const dir = cloneOrigin(this.origin, `merge-${this.branch}`);
    git(dir, 'fetch', '-q', 'origin', this.branch);
    git(dir, 'merge', '-q', '--no-ff', '--no-edit', 'FETCH_HEAD');
    git(dir, 'push', '-q', 'origin', 'main');
    if (opts.publish === false) return;
    const published = runScript(dir, 'publish.sh', { GITHUB_ACTIONS: 'true' });
    if (published.code !== 0)
      throw new Error(`publish after merging ${this.branch} failed:\n${published.stdout}\n${published.stderr}`);
  }
}

/** Parse GitHub workflow commands (`::error file=…,title=…::message`). */
export function parseAnnotations(stdout: string): WorkflowRun['annotations'] {
  const out: WorkflowRun['annotations'] = [];
  for (const line of stdout.split('\n')) {
    const m = /^::(error|warning|notice) ([^:]*)::(.*)$/.exec(line);
    if (!m) continue;
    const props = new Map(
      m[2]!.split(',').map((p) => [p.slice(0, p.indexOf('=')), unescapeProp(p.slice(p.indexOf('=') + 1))] as const),
    );
    out.push({
      level: m[1]!,
      file: props.get('file') ?? '',
      title: props.get('title') ?? '',
      message: unescapeData(m[3]!),
    });
  }
  return out;
}

function unescapeData(s: string): string {
  return s.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%');
}

function unescapeProp(s: string): string {
  return unescapeData(s.replace(/%3A/g, ':').replace(/%2C/g, ','));
}

function readIfExists(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** Make a file executable in the working tree (git records mode 100755). */
export function makeExecutable(dir: string, path: string): void {
  chmodSync(join(dir, path), 0o755);
}
