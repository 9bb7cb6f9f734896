// Every YAML file parses (no duplicate keys, one document) and matches its schema.
import type { Check } from './types.js';
import type { Finding } from '../findings.js';
import { REGISTRY_FILE } from '../repo.js';

export const yamlFiles: Check = {
  id: 'yaml-and-schema',
  name: 'every file matches its schema',
  description:
    'drivers.yaml, each cycle.yaml and each result.yaml parse as a single YAML document and match schemas/*.schema.json.',
  scope: 'repository',
  check(ctx) {
    const out: Finding[] = [];
    const { repo } = ctx;
    if (!repo.registry) {
      out.push({
        level: 'error',
        check: this.name,
        file: REGISTRY_FILE,
        message: 'drivers.yaml is missing',
        tip: 'Run drivercert from the repository root, or pass --repo DIR; `drivercert registry import-support-matrix FILE` creates drivers.yaml.',
      });
    } else {
      out.push(...repo.registry.problems);
    }
    for (const c of repo.cycles) if (c.cycle) out.push(...c.cycle.problems);
    for (const s of repo.submissions) if (s.result && ctx.inScope(s)) out.push(...s.result.problems);
    return out;
  },
};
