// Every command of the CLI, in the order `drivercert --help` lists them. Each is loaded only
// when it runs, so a command pays the start-up cost of its own modules and no others'.
import type { Command } from '../command.js';

/** A command's name and one-line summary, and how to load it. */
export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<Command>;
}

export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'validate',
    summary: 'check the registry, the cycles and every submission (or a pull request)',
    load: async () => (await import('./validate.js')).validateCommand,
  },
  {
    name: 'merge-reports',
    summary: "merge the shards' validate reports of a full revalidation (the audit workflow)",
    load: async () => (await import('./merge-reports.js')).mergeReportsCommand,
  },
  {
    name: 'inspect',
    summary: 'read one bundle and report what it holds',
    load: async () => (await import('./inspect.js')).inspectCommand,
  },
  {
    name: 'pack',
    summary: "pack the cert script's output into results/<cycle>/<driver>/",
    load: async () => (await import('./pack.js')).packCommand,
  },
  {
    name: 'matrix',
    summary: 'regenerate MATRIX.md from drivers.yaml and the results',
    load: async () => (await import('./matrix.js')).matrixCommand,
  },
  {
    name: 'site',
    summary: 'build the static site, its JSON API, badges and feed from the same record as MATRIX.md',
    load: async () => (await import('./site.js')).siteCommand,
  },
  {
    name: 'cycle open',
    summary: 'close the current cycle and open a new one',
    load: async () => (await import('./cycle.js')).cycleOpenCommand,
  },
  {
    name: 'cycle close',
    summary: 'close the current cycle without opening another',
    load: async () => (await import('./cycle.js')).cycleCloseCommand,
  },
  {
    name: 'cycle import-guideline',
    summary: "fill a cycle's required capabilities from an interop guideline",
    load: async () => (await import('./cycle.js')).cycleImportCommand,
  },
  {
    name: 'missing',
    summary: 'list the drivers with no submission in the current cycle',
    load: async () => (await import('./missing.js')).missingCommand,
  },
  {
    name: 'codeowners',
    summary: 'regenerate .github/CODEOWNERS from drivers.yaml',
    load: async () => (await import('./codeowners.js')).codeownersCommand,
  },
  {
    name: 'registry import-support-matrix',
    summary: "create or refresh drivers.yaml from Cinder's support-matrix.ini",
    load: async () => (await import('./registry.js')).registryImportCommand,
  },
];
