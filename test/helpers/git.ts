// git for tests: isolated from the user's configuration, with a fixed identity, run with
// argument arrays. Throws with git's own message when a command fails.
import { spawnSync } from 'node:child_process';

/** The environment every git (and every script that runs git) gets in the tests. */
export const GIT_ENV: Record<string, string> = {
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Test Author',
  GIT_AUTHOR_EMAIL: 'author@example.invalid',
  GIT_COMMITTER_NAME: 'Test Committer',
  GIT_COMMITTER_EMAIL: 'committer@example.invalid',
  GIT_TERMINAL_PROMPT: '0',
};

/** Run git in `cwd`; returns standard output, throws on a non-zero exit. */
export function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, {
    cwd,
    env: { ...process.env, ...GIT_ENV },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed in ${cwd} (exit ${r.status}):\n${r.stderr}`);
  return r.stdout;
}

/** Stage everything and commit; returns the new commit id. */
export function commitAll(cwd: string, message: string): string {
  git(cwd, 'add', '-A');
  git(cwd, 'commit', '-q', '--no-verify', '-m', message);
  return git(cwd, 'rev-parse', 'HEAD').trim();
}
