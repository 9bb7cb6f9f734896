// .github/CODEOWNERS, generated from drivers.yaml, so that GitHub itself requires the
// right approval: a driver's maintainers (or, for a driver without maintainers, the core
// reviewers) for its folder in every cycle, and the core reviewers for everything else.
import { InputError } from './findings.js';
import type { GeneratedFile } from './generated-file.js';
import type { Registry } from './model.js';
import { REGISTRY_FILE, loadYamlFile } from './repo.js';

export const CODEOWNERS_FILE = '.github/CODEOWNERS';
export const CODEOWNERS_COMMAND = 'npx drivercert codeowners';

/** A login as `@login`, a team as `@org/team`. */
export function owner(name: string): string {
  return `@${name}`;
}

/** The CODEOWNERS text for a registry: deterministic (drivers sorted by id, owners deduplicated). */
export function renderCodeowners(registry: Registry): string {
  const core = unique(registry.core_reviewers).map(owner);
  const drivers = [...registry.drivers].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const seen = new Set<string>();
  const lines = [
    `# Generated from ${REGISTRY_FILE} by \`${CODEOWNERS_COMMAND}\`: do not edit by hand.`,
    '#',
    '# GitHub applies the last line that matches a path. The core reviewers own everything;',
    "# each driver's folder, in every cycle, is owned by the driver's maintainers, or by the",
    '# core reviewers when it has none. Turn on "Require review from Code Owners" in the',
    '# branch protection of main so that GitHub enforces it.',
    '',
    `* ${core.join(' ')}`,
    '',
    "# Each driver's results, in every cycle.",
  ];
  for (const d of drivers) {
    if (seen.has(d.id)) continue; // a duplicate id is reported by `drivercert validate`
    seen.add(d.id);
    const owners = d.maintainers.length > 0 ? unique(d.maintainers).map(owner) : core;
    lines.push(`/results/*/${d.id}/ ${owners.join(' ')}`);
  }
  return lines.join('\n') + '\n';
}

/** Read drivers.yaml at `root` and render CODEOWNERS; an invalid registry is an InputError. */
export function codeownersFor(root: string): string {
  const file = loadYamlFile<Registry>(root, REGISTRY_FILE, 'drivers');
  if (!file)
    throw new InputError('drivers.yaml is missing', {
      file: REGISTRY_FILE,
      tip: 'Run drivercert in the repository root, or pass --repo DIR.',
    });
  if (!file.data) {
    const p = file.problems[0];
    throw new InputError(
      `drivers.yaml is not valid${p ? ` (${p.pointer ? p.pointer + ' ' : ''}${p.message})` : ''}, ` +
        'so CODEOWNERS cannot be generated',
      {
        file: REGISTRY_FILE,
        ...(p?.line !== undefined ? { line: p.line } : {}),
        tip: '`drivercert validate` lists every problem; fix them and run again.',
      },
    );
  }
  return renderCodeowners(file.data);
}

/** The GENERATED registry entry for CODEOWNERS. */
export const codeownersFile: GeneratedFile = {
  path: CODEOWNERS_FILE,
  command: CODEOWNERS_COMMAND,
  render: codeownersFor,
};

function unique(list: readonly string[]): string[] {
  const seen = new Set<string>();
  return list.filter((x) => {
    const k = x.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
