// YAML that is hostile or broken, in drivers.yaml, a cycle.yaml and a result.yaml.
import { MiB, concat, repeat } from '../bytes.js';
import type { Case, RepoBuilder } from '../types.js';

const DRIVERS = 'drivers.yaml';
const CYCLE = 'results/2025.2/cycle.yaml';
const RESULT = 'results/2025.2/lvm/result.yaml';

/** An lvm submission to break (result.yaml as `drivercert pack` writes it). */
function withResult(repo: RepoBuilder): void {
  repo.submit({ driver: 'lvm' });
}

/** Ten anchors, each a list of ten aliases of the one before: 10^10 values once expanded. */
function aliasBomb(indent = ''): string {
  const lines = [`${indent}a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]`];
  for (let i = 1; i < 10; i++) {
    const name = String.fromCharCode(97 + i);
    const prev = String.fromCharCode(96 + i);
    lines.push(`${indent}${name}: &${name} [${Array(10).fill(`*${prev}`).join(',')}]`);
  }
  return lines.join('\n') + '\n';
}

/** Datera's name, 10 MiB long. */
function tenMegabyteName(repo: RepoBuilder): void {
  const text = repo.read(DRIVERS);
  const name = 'name: Datera Storage Driver';
  const at = text.indexOf(name);
  repo.writeStream(
    DRIVERS,
    concat(text.slice(0, at), 'name: "', repeat('A', 10 * MiB), '"', text.slice(at + name.length)),
  );
}

export const yamlCases: Case[] = [
  {
    id: 'yaml-alias-bomb-registry',
    kind: 'yaml',
    title: 'an alias bomb ("billion laughs")',
    what: 'Ten anchors of ten aliases each would expand to 10^10 values.',
    via: 'repo',
    build: (repo) => repo.replace(DRIVERS, 'core_reviewers:', `${aliasBomb()}core_reviewers:`),
    expect: {
      rejects: {
        file: DRIVERS,
        says: 'the document cannot be read: Excessive alias count indicates a resource exhaustion attack',
      },
    },
  },
  {
    id: 'yaml-alias-bomb-result',
    kind: 'yaml',
    title: 'an alias bomb inside a value',
    via: 'repo',
    build: (repo) => {
      withResult(repo);
      repo.replace(RESULT, /^verdict: .*$/m, `$&\nbomb:\n${aliasBomb('  ')}`);
    },
    expect: {
      rejects: {
        file: RESULT,
        says: 'the document cannot be read: Excessive alias count indicates a resource exhaustion attack',
      },
    },
  },
  {
    id: 'yaml-duplicate-key',
    kind: 'yaml',
    title: 'a key written twice (the second would silently win)',
    via: 'repo',
    build: (repo) => repo.replace(DRIVERS, 'vendor: Datera\n', 'vendor: Datera\n    vendor: Evil Corp\n'),
    expect: {
      rejects: {
        file: DRIVERS,
        line: { of: 'vendor: Evil Corp' },
        says: 'duplicate key: the key "vendor" appears twice in the same mapping',
      },
    },
  },
  {
    id: 'yaml-duplicate-capability',
    kind: 'yaml',
    title: 'a capability listed twice in a cycle',
    via: 'repo',
    build: (repo) =>
      repo.replace(
        CYCLE,
        /^waivers:$/m,
        '  volumes-list-api-versions:\n    description: An easier copy\n    required: false\n    tests: []\nwaivers:',
      ),
    expect: {
      rejects: {
        file: CYCLE,
        line: { of: '  volumes-list-api-versions:', nth: 2 },
        says: 'the key "volumes-list-api-versions" appears twice in the same mapping',
      },
    },
  },
  {
    id: 'yaml-collection-key',
    kind: 'yaml',
    title: 'a key that is a list',
    what: 'Only text keys have a JSON form; the yaml package would stringify it and print a warning.',
    via: 'repo',
    build: (repo) => repo.replace(DRIVERS, 'core_reviewers:', '? [core_reviewers, drivers]\n: []\ncore_reviewers:'),
    expect: {
      rejects: { file: DRIVERS, line: { of: '? [core_reviewers' }, says: 'a key must be plain text, not a list' },
    },
  },
  {
    id: 'yaml-proto-key-registry',
    kind: 'yaml',
    title: 'a `__proto__` key (prototype pollution)',
    via: 'repo',
    build: (repo) =>
      repo.replace(DRIVERS, '    vendor: Datera\n', '    vendor: Datera\n    __proto__:\n      status: removed\n'),
    expect: { rejects: { file: DRIVERS, line: { of: '__proto__:' }, says: 'unknown field `__proto__`' } },
  },
  {
    id: 'yaml-proto-key-result',
    kind: 'yaml',
    title: 'a top-level `__proto__` key',
    via: 'repo',
    build: (repo) => {
      withResult(repo);
      repo.replace(RESULT, /^verdict: .*$/m, '$&\n__proto__:\n  verdict: passed');
    },
    expect: { rejects: { file: RESULT, line: { of: '__proto__:' }, says: 'unknown field `__proto__`' } },
  },
  {
    id: 'yaml-constructor-key',
    kind: 'yaml',
    title: 'a `constructor` key',
    via: 'repo',
    build: (repo) => repo.replace(CYCLE, /^state: open$/m, 'state: open\nconstructor: hostile'),
    expect: { rejects: { file: CYCLE, line: { of: 'constructor:' }, says: 'unknown field `constructor`' } },
  },
  {
    id: 'yaml-10mb-string-registry',
    kind: 'yaml',
    title: 'a 10 MB string',
    what: 'A driver name of 10 MB: the yaml package would need ~300 MB to parse it.',
    via: 'repo',
    build: tenMegabyteName,
    expect: {
      rejects: { file: DRIVERS, says: 'the file is 10.0 MiB; a YAML file of this repository may be at most 1 MiB' },
    },
  },
  {
    id: 'yaml-10mb-string-matrix',
    kind: 'yaml',
    title: 'a 10 MB string, met by `matrix`',
    via: 'repo',
    build: tenMegabyteName,
    command: ['matrix'],
    expect: {
      rejects: {
        file: DRIVERS,
        says: 'the YAML cannot be read: the file is 10.0 MiB; a YAML file of this repository may be at most 1 MiB',
      },
    },
  },
  {
    id: 'yaml-10mb-notes-result',
    kind: 'yaml',
    title: '10 MB of notes in a result',
    via: 'repo',
    build: (repo) => {
      withResult(repo);
      repo.writeStream(RESULT, concat(repo.read(RESULT), 'notes: ', repeat('n', 10 * MiB), '\n'));
    },
    expect: {
      rejects: { file: RESULT, says: 'the file is 10.0 MiB; a YAML file of this repository may be at most 1 MiB' },
    },
  },
  {
    id: 'yaml-bom',
    kind: 'yaml',
    title: 'a byte-order mark',
    via: 'repo',
    build: (repo) => {
      withResult(repo);
      repo.write(RESULT, `\ufeff${repo.read(RESULT)}`);
    },
    expect: { rejects: { file: RESULT, line: 1, says: 'the file starts with a byte-order mark (BOM)' } },
  },
  {
    id: 'yaml-tabs',
    kind: 'yaml',
    title: 'tabs as indentation',
    via: 'repo',
    build: (repo) => repo.replace(CYCLE, '  volumes-list-api-versions:', '\tvolumes-list-api-versions:'),
    expect: {
      rejects: {
        file: CYCLE,
        line: { of: '\tvolumes-list-api-versions:' },
        says: 'Tabs are not allowed as indentation',
      },
    },
  },
  {
    id: 'yaml-list-registry',
    kind: 'yaml',
    title: 'a document that is a list',
    via: 'repo',
    build: (repo) => repo.write(DRIVERS, '- id: lvm\n- id: nfs\n'),
    expect: {
      rejects: {
        file: DRIVERS,
        line: 1,
        says: 'drivers.yaml must be a mapping with `core_reviewers` and `drivers`, got a list',
      },
    },
  },
  {
    id: 'yaml-list-result',
    kind: 'yaml',
    title: 'a result that is a list',
    via: 'repo',
    build: (repo) => {
      withResult(repo);
      repo.write(RESULT, '- driver: lvm\n- verdict: passed\n');
    },
    expect: {
      rejects: {
        file: RESULT,
        line: 1,
        says: 'result.yaml must be a mapping (driver, cycle, submitted, …), got a list',
      },
    },
  },
  {
    id: 'yaml-several-documents',
    kind: 'yaml',
    title: 'several documents in one file',
    what: 'A second document after `---` that some readers would take and others ignore.',
    via: 'repo',
    build: (repo) => repo.write(CYCLE, `${repo.read(CYCLE)}---\nname: "2025.2"\nstate: closed\n`),
    expect: {
      rejects: {
        file: CYCLE,
        line: { of: '---' },
        says: 'the file holds several YAML documents (separated by `---`); it must hold one',
      },
    },
  },
  {
    id: 'yaml-empty-registry',
    kind: 'yaml',
    title: 'an empty file',
    via: 'repo',
    build: (repo) => repo.write(DRIVERS, ''),
    expect: {
      rejects: {
        file: DRIVERS,
        line: 1,
        says: 'drivers.yaml must be a mapping with `core_reviewers` and `drivers`, got nothing',
      },
    },
  },
  {
    id: 'yaml-deep-nesting',
    kind: 'yaml',
    title: 'lists nested 20,000 deep',
    via: 'repo',
    build: (repo) => {
      withResult(repo);
      repo.write(RESULT, `${repo.read(RESULT)}nested: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`);
    },
    expect: { rejects: { file: RESULT, line: { of: 'nested:' }, says: 'the YAML is nested too deeply to be read' } },
  },
  {
    id: 'yaml-latin1',
    kind: 'yaml',
    title: 'bytes that are not UTF-8 (a Latin-1 "é")',
    via: 'repo',
    build: (repo) => {
      const text = repo.read(DRIVERS).replace('vendor: Datera', 'vendor: Caf\u0000 Storage');
      const bytes = Buffer.from(text, 'utf8');
      bytes[bytes.indexOf(0)] = 0xe9;
      repo.write(DRIVERS, bytes);
    },
    expect: {
      rejects: {
        file: DRIVERS,
        line: { of: 'vendor: Caf' },
        says: 'the file is not valid UTF-8 (the byte 0xE9 does not begin a valid UTF-8 character)',
      },
    },
  },
  {
    id: 'yaml-nul-byte',
    kind: 'yaml',
    title: 'a NUL byte',
    via: 'repo',
    build: (repo) =>
      repo.replace(CYCLE, 'description: List supported versions', 'description: List\u0000 supported versions'),
    expect: {
      rejects: {
        file: CYCLE,
        line: { of: 'description: List' },
        says: 'a control character (U+0000) is not allowed in a YAML file',
      },
    },
  },
  {
    id: 'yaml-terminal-escape',
    kind: 'yaml',
    title: 'a terminal escape sequence',
    what: "ESC [2J clears the reviewer's terminal when the notes are printed.",
    via: 'repo',
    build: (repo) => {
      withResult(repo);
      repo.write(RESULT, `${repo.read(RESULT)}notes: All passed\u001b[2J\u001b[Hnothing to see\n`);
    },
    expect: {
      rejects: {
        file: RESULT,
        line: { of: 'notes: All passed' },
        says: 'a control character (U+001B) is not allowed in a YAML file',
      },
    },
  },
];
