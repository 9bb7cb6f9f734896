// The hostile-input corpus: every case, grouped by kind.
import { bundleCases } from './cases/bundle.js';
import { consoleCases } from './cases/console.js';
import { gitCases } from './cases/git.js';
import { junitCases } from './cases/junit.js';
import { markdownCases } from './cases/markdown.js';
import { registryCases } from './cases/registry.js';
import { subunitCases } from './cases/subunit.js';
import { storyConsoleCases, storySubunitCases } from './cases/story.js';
import { yamlCases } from './cases/yaml.js';
import { runCases } from './cases/run.js';
import type { BundleLimits } from '../../../scripts/lib/bundle/limits.js';
import type { Case, Kind } from './types.js';

/** The kinds, in README order, with their headings. */
export const KINDS: readonly { kind: Kind; heading: string }[] = [
  { kind: 'yaml', heading: 'YAML files (drivers.yaml, cycle.yaml, result.yaml)' },
  { kind: 'registry', heading: 'Registry and cycle data' },
  { kind: 'markdown', heading: 'Contributor text (Markdown injection)' },
  { kind: 'git', heading: 'Pull requests (git)' },
  { kind: 'bundle', heading: 'Bundles (the .tgz file: gzip, tar, member names and types, limits)' },
  { kind: 'subunit', heading: 'Subunit streams in a bundle' },
  { kind: 'junit', heading: 'JUnit XML in a bundle' },
  { kind: 'console', heading: 'The cert log and console output in a bundle' },
  { kind: 'run', heading: "Whose run, when and how: evidence that is not this driver's run in this cycle" },
];

export const CASES: readonly Case[] = [
  ...yamlCases,
  ...registryCases,
  ...markdownCases,
  ...gitCases,
  ...bundleCases,
  ...subunitCases,
  ...storySubunitCases,
  ...junitCases,
  ...consoleCases,
  ...runCases,
  ...storyConsoleCases,
];

/** `--limit NAME=VALUE` for each limit a case sets, in the units a person writes (16GiB, not 17179869184). */
export function limitArgs(limits: Partial<BundleLimits> | undefined): string[] {
  const size = (n: number): string => {
    for (const [unit, bytes] of [
      ['GiB', 1024 ** 3],
      ['MiB', 1024 ** 2],
    ] as const)
      if (n >= bytes && n % bytes === 0) return `${n / bytes}${unit}`;
    return String(n);
  };
  return Object.entries(limits ?? {}).flatMap(([k, v]) => ['--limit', `${k}=${size(v)}`]);
}

export type { Case, Kind } from './types.js';
