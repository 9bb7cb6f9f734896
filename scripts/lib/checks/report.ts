// The one way a rule reports what it finds: `report.at(file, pointer).error(message, tip)`.
// Rules never build findings by hand, so every finding carries its rule's id and name, and
// a JSON pointer into a YAML file is placed on its line and column by the file's source.
import { redactSecrets } from '../bundle/redact.js';
import { memberFile, type Finding, type Level } from '../findings.js';
import type { YamlSource } from '../yaml-source.js';

/** What names a rule in every finding: its stable kebab-case id and the requirement as a submitter reads it. */
export interface RuleName {
  id: string;
  name: string;
}

/** A YAML file of the repository with its parsed source (a LoadedFile is one). */
export interface YamlFile {
  path: string;
  source: YamlSource;
}

/** A place in the repository, ready to say what is wrong there and how to fix it. */
export interface Place {
  error(message: string, tip?: string): void;
  warning(message: string, tip?: string): void;
  notice(message: string, tip?: string): void;
}

/** What a rule reports through (one per rule and run). */
export interface Reporter {
  /** The value at `pointer` in a YAML file, placed on its line and column (on its key with `key`). */
  at(file: YamlFile, pointer: string, opts?: { key?: boolean }): Place;
  /** A file or folder (a repository path), at a line and column when they are known. */
  at(file: string, line?: number, col?: number): Place;
  /** A member of a bundle: `path.tgz!member`, at a line when it is known. */
  member(bundle: string, member: string, line?: number): Place;
  /** Findings of this rule that another part of the library made (the loader's YAML and schema problems). */
  add(findings: readonly Finding[]): void;
}

interface Where {
  file: string;
  line?: number | undefined;
  col?: number | undefined;
  pointer?: string | undefined;
}

/** A reporter that adds the findings of `rule` to `into`. */
export function reporter(rule: RuleName, into: Finding[]): Reporter {
  const place = (where: Where): Place => {
    const say =
      (level: Level) =>
      (message: string, tip?: string): void => {
        // Every output of a finding is public (the PR comment, annotations, the job summary):
        // a message that quotes a submission's text never carries a secret it holds.
        const f: Finding = {
          level,
          rule: rule.id,
          check: rule.name,
          file: where.file,
          message: redactSecrets(message),
        };
        if (where.line !== undefined) f.line = where.line;
        if (where.col !== undefined) f.col = where.col;
        if (where.pointer !== undefined) f.pointer = where.pointer;
        if (tip !== undefined) f.tip = redactSecrets(tip);
        into.push(f);
      };
    return { error: say('error'), warning: say('warning'), notice: say('notice') };
  };
  return {
    at(file: YamlFile | string, where?: string | number, opts?: { key?: boolean } | number): Place {
      if (typeof file === 'string') return place({ file, line: where as number, col: opts as number | undefined });
      const loc = file.source.locate(where as string, opts as { key?: boolean } | undefined);
      return place({ file: file.path, ...loc });
    },
    member: (bundle, member, line) => place({ file: memberFile(bundle, member), line }),
    add(findings) {
      for (const f of findings) {
        if (f.rule !== rule.id) throw new Error(`a finding of the rule "${f.rule}" was reported as "${rule.id}"`);
        into.push({
          ...f,
          message: redactSecrets(f.message),
          ...(f.tip !== undefined ? { tip: redactSecrets(f.tip) } : {}),
        });
      }
    },
  };
}
