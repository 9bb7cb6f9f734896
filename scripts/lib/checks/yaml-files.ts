// Every YAML file parses (no duplicate keys, one document) and matches its schema. The
// loader finds both kinds of problem while it reads the files; these checks report them.
import type { Check, CheckContext } from './types.js';
import { REGISTRY_FILE, YAML_RULE, type LoadedFile, type Repo } from '../repo.js';
import { SCHEMA_CHECK, SCHEMA_RULE } from '../schema.js';

/** The YAML files read for this run: drivers.yaml, every cycle.yaml, and each result.yaml in scope. */
function loadedFiles(repo: Repo, ctx: CheckContext): LoadedFile<unknown>[] {
  return [
    ...(repo.registry ? [repo.registry] : []),
    ...repo.cycles.flatMap((c) => (c.cycle ? [c.cycle] : [])),
    ...repo.submissions.flatMap((s) => (s.result && ctx.inScope(s) ? [s.result] : [])),
  ];
}

export const yamlSyntax: Check<'repository'> = {
  id: YAML_RULE,
  name: 'every YAML file parses',
  description:
    'drivers.yaml, each cycle.yaml and each result.yaml is one YAML document: no duplicate keys, no BOM, ' +
    'no tab indentation, no alias bombs; UTF-8 without control characters, at most 1 MiB, and not a link.',
  scope: 'repository',
  check(repo, report, ctx) {
    for (const f of loadedFiles(repo, ctx)) report.add(f.problems.filter((p) => p.rule === this.id));
  },
};

export const schemaValid: Check<'repository'> = {
  id: SCHEMA_RULE,
  name: SCHEMA_CHECK,
  description: 'drivers.yaml, each cycle.yaml and each result.yaml match schemas/*.schema.json.',
  scope: 'repository',
  check(repo, report, ctx) {
    if (!repo.registry) {
      report
        .at(REGISTRY_FILE)
        .error(
          'drivers.yaml is missing',
          'Run drivercert from the repository root, or pass --repo DIR; ' +
            '`drivercert registry import-support-matrix FILE` creates drivers.yaml.',
        );
    }
    for (const f of loadedFiles(repo, ctx)) report.add(f.problems.filter((p) => p.rule === this.id));
  },
};
