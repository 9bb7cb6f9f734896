// Where the site links files of the repository to (result.yaml, bundles): `--source-url`, else
// the repository GitHub Actions is running for, else package.json's `repository`; with none of
// them the site leaves those links out rather than emit links that do not resolve.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../findings.js';

/** Where the source URL came from, for the command's message. */
export interface SourceUrl {
  url: string | undefined;
  from: '--source-url' | 'GITHUB_REPOSITORY' | 'package.json' | 'none';
}

/** The base URL of the repository's web view (no trailing slash), and where it came from. */
export function siteSourceUrl(option: string | undefined, env: NodeJS.ProcessEnv, root: string): SourceUrl {
  if (option !== undefined) {
    const url = webUrl(option);
    if (!url)
      throw new UsageError(`--source-url must be an http(s) URL such as https://github.com/ORG/REPO, got "${option}"`);
    return { url, from: '--source-url' };
  }
  if (env.GITHUB_ACTIONS === 'true' && env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY) {
    const url = webUrl(`${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}`);
    if (url) return { url, from: 'GITHUB_REPOSITORY' };
  }
  const url = packageRepository(root);
  return url ? { url, from: 'package.json' } : { url: undefined, from: 'none' };
}

/** package.json's `repository` as a web URL (`git+https://….git`, `github:ORG/REPO`, `ORG/REPO`), if it has one. */
function packageRepository(root: string): string | undefined {
  const file = join(root, 'package.json');
  if (!existsSync(file)) return undefined;
  let pkg: unknown;
  try {
    pkg = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  const repo = (pkg as { repository?: unknown } | null)?.repository;
  const raw = typeof repo === 'string' ? repo : (repo as { url?: unknown } | undefined)?.url;
  if (typeof raw !== 'string') return undefined;
  const short = /^(?:github:)?([A-Za-z0-9][\w.-]*\/[\w.-]+)$/.exec(raw);
  return webUrl(short ? `https://github.com/${short[1]}` : raw);
}

/** An http(s) URL without credentials, query or fragment, `git+` and `.git` and trailing slashes dropped. */
function webUrl(raw: string): string | undefined {
  let u: URL;
  try {
    u = new URL(raw.replace(/^git\+/, ''));
  } catch {
    return undefined;
  }
  if ((u.protocol !== 'https:' && u.protocol !== 'http:') || u.username || u.password) return undefined;
  return `${u.origin}${u.pathname.replace(/\/+$/, '').replace(/\.git$/, '')}`;
}
