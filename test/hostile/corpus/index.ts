// The hostile-input corpus: every case, grouped by kind, and the one switch that turns the
// bundle cases' command-line form on.
import { consoleCases } from './cases/console.js';
import { gitCases } from './cases/git.js';
import { junitCases } from './cases/junit.js';
import { markdownCases } from './cases/markdown.js';
import { registryCases } from './cases/registry.js';
import { subunitCases } from './cases/subunit.js';
import { yamlCases } from './cases/yaml.js';
import type { Case, Kind } from './types.js';

/**
 * Whether `drivercert validate` and `inspect` read bundles (issue 3: the bundle reader,
 * `pack` and `inspect`). Until then every `via: 'bundle'` case is checked at the parser
 * level only, and its command-line form is listed as pending. Flip this when they land.
 */
export const CLI_READS_BUNDLES = false;

/** The kinds, in README order, with their headings. */
export const KINDS: readonly { kind: Kind; heading: string }[] = [
  { kind: 'yaml', heading: 'YAML files (drivers.yaml, cycle.yaml, result.yaml)' },
  { kind: 'registry', heading: 'Registry and cycle data' },
  { kind: 'markdown', heading: 'Contributor text (Markdown injection)' },
  { kind: 'git', heading: 'Pull requests (git)' },
  // Phase 2: tar-level cases (absolute and `..` paths, links, devices, duplicates, bombs…) go under 'bundle'.
  { kind: 'bundle', heading: 'Bundles' },
  { kind: 'subunit', heading: 'Subunit streams in a bundle' },
  { kind: 'junit', heading: 'JUnit XML in a bundle' },
  { kind: 'console', heading: 'The cert log and console output in a bundle' },
];

export const CASES: readonly Case[] = [...yamlCases, ...registryCases, ...markdownCases, ...gitCases, ...subunitCases, ...junitCases, ...consoleCases];

/** Cases whose command-line form cannot run yet. */
export function isPending(c: Case): boolean {
  return c.via === 'bundle' && !CLI_READS_BUNDLES;
}

export type { Case, Kind } from './types.js';
