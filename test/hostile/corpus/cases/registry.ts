// Registry and cycle data that tries to escape its folder or to look like something else:
// ids that are paths, names that are `..`, folders with spaces or look-alike characters.
import type { Case, RepoBuilder } from '../types.js';

const DRIVERS = 'drivers.yaml';
const CYCLE = 'results/2025.2/cycle.yaml';

/** A closed cycle folder named `folder` whose cycle.yaml says `name`. */
function cycleFolder(repo: RepoBuilder, folder: string, name: string): void {
  const text = repo.read('results/2025.1/cycle.yaml').replace(/^name: .*$/m, `name: "${name}"`);
  repo.write(`results/${folder}/cycle.yaml`, text);
}

export const registryCases: Case[] = [
  {
    id: 'registry-symlink',
    kind: 'registry',
    title: 'drivers.yaml as a symbolic link to a file of the machine',
    what: 'Following it would parse /etc/passwd and could echo its lines in error messages.',
    via: 'repo',
    build: (repo) => {
      repo.remove(DRIVERS);
      repo.symlink('/etc/passwd', DRIVERS);
    },
    expect: {
      rejects: {
        file: DRIVERS,
        says: 'drivers.yaml is a symbolic link (to "/etc/passwd"), not a file; it is not read',
      },
    },
  },
  {
    id: 'results-symlink',
    kind: 'registry',
    title: 'results/ as a symbolic link to `/`',
    what: "Following it would read the machine's folders as cycles and submissions.",
    via: 'repo',
    build: (repo) => {
      repo.remove('results');
      repo.symlink('/', 'results');
    },
    expect: { rejects: { file: 'results', says: 'results is a symbolic link (to "/"), not a folder; it is not read' } },
  },
  {
    id: 'results-symlink-matrix',
    kind: 'registry',
    title: 'results/ as a symbolic link to `/`, met by `matrix`',
    via: 'repo',
    build: (repo) => {
      repo.remove('results');
      repo.symlink('/', 'results');
    },
    command: ['matrix'],
    expect: { rejects: { file: 'results', says: 'results is a symbolic link, not a folder; it is not read' } },
  },
  {
    id: 'registry-driver-id-path',
    kind: 'registry',
    title: 'a driver id that is a relative path',
    what: 'The id is a folder name under each cycle: `../../etc` would climb out of results/.',
    via: 'repo',
    build: (repo) => repo.replace(DRIVERS, '- id: datera\n', '- id: ../../etc\n'),
    expect: {
      rejects: { file: DRIVERS, line: { of: '- id: ../../etc' }, says: '"../../etc" is not a valid driver id' },
    },
  },
  {
    id: 'registry-driver-id-absolute',
    kind: 'registry',
    title: 'a driver id that is an absolute path',
    via: 'repo',
    build: (repo) => repo.replace(DRIVERS, '- id: datera\n', '- id: /etc/passwd\n'),
    expect: {
      rejects: { file: DRIVERS, line: { of: '- id: /etc/passwd' }, says: '"/etc/passwd" is not a valid driver id' },
    },
  },
  {
    id: 'registry-driver-id-lookalike',
    kind: 'registry',
    title: 'a driver id with a look-alike letter (Cyrillic "м" in "lvм")',
    via: 'repo',
    build: (repo) => repo.replace(DRIVERS, '- id: datera\n', '- id: lv\u043c\n'),
    expect: { rejects: { file: DRIVERS, line: { of: '- id: lv\u043c' }, says: '"lv\u043c" is not a valid driver id' } },
  },
  {
    id: 'registry-duplicate-driver-id',
    kind: 'registry',
    title: "two drivers with one id (the second would take over the first's folder)",
    via: 'repo',
    build: (repo) => repo.replace(DRIVERS, '- id: datera\n', '- id: lvm\n'),
    expect: {
      rejects: { file: DRIVERS, line: { of: '- id: lvm', nth: 2 }, says: 'the driver id "lvm" is already used by' },
    },
  },
  {
    id: 'registry-login-mention',
    kind: 'registry',
    title: 'a maintainer that is not a GitHub login (`@org/everyone`)',
    via: 'repo',
    build: (repo) => repo.replace(DRIVERS, /(- id: datera\n(?:.*\n)*?\s+maintainers: )\[\]/, '$1["@org/everyone"]'),
    expect: {
      rejects: { file: DRIVERS, line: { of: '"@org/everyone"' }, says: '"@org/everyone" is not a valid GitHub login' },
    },
  },
  {
    id: 'cycle-name-dotdot',
    kind: 'registry',
    title: 'a cycle named `..`',
    via: 'repo',
    build: (repo) => repo.replace(CYCLE, 'name: "2025.2"', 'name: ".."'),
    expect: { rejects: { file: CYCLE, line: { of: 'name: ".."' }, says: '".." is not a valid cycle name' } },
  },
  {
    id: 'cycle-folder-dots',
    kind: 'registry',
    title: 'a cycle folder named `...`',
    via: 'repo',
    build: (repo) => cycleFolder(repo, '...', '...'),
    expect: {
      rejects: { file: 'results/.../cycle.yaml', line: { of: 'name: "..."' }, says: '"..." is not a valid cycle name' },
    },
  },
  {
    id: 'cycle-folder-trailing-space',
    kind: 'registry',
    title: 'a cycle folder whose name ends in a space',
    via: 'repo',
    build: (repo) => cycleFolder(repo, '2025.3 ', '2025.3'),
    expect: {
      rejects: {
        file: 'results/2025.3 /cycle.yaml',
        line: { of: 'name: "2025.3"' },
        says: 'name: "2025.3" does not match its folder "2025.3 "',
      },
    },
  },
  {
    id: 'cycle-folder-lookalike',
    kind: 'registry',
    title: 'a cycle folder with a look-alike dot ("2025\u20243", ONE DOT LEADER)',
    via: 'repo',
    build: (repo) => cycleFolder(repo, '2025\u20243', '2025.3'),
    expect: {
      rejects: {
        file: 'results/2025\u20243/cycle.yaml',
        line: { of: 'name: "2025.3"' },
        says: 'name: "2025.3" does not match its folder "2025\u20243"',
      },
    },
  },
  {
    id: 'submission-folder-lookalike',
    kind: 'registry',
    title: 'a submission folder with a look-alike letter ("\u217cvm", a Roman numeral fifty)',
    via: 'repo',
    build: (repo) => {
      repo.submit({ driver: 'lvm' });
      repo.write('results/2025.2/\u217cvm/result.yaml', repo.read('results/2025.2/lvm/result.yaml'));
      repo.write('results/2025.2/\u217cvm/lvm-2025.2.tgz', new Uint8Array(0));
    },
    expect: {
      rejects: {
        file: 'results/2025.2/\u217cvm/result.yaml',
        line: { of: 'driver: lvm' },
        says: 'driver: "lvm" does not match its folder "\u217cvm"',
      },
    },
  },
  {
    id: 'result-driver-path',
    kind: 'registry',
    title: 'a result whose driver is a path',
    via: 'repo',
    build: (repo) => {
      repo.submit({ driver: 'lvm' });
      repo.replace('results/2025.2/lvm/result.yaml', /^driver: lvm$/m, 'driver: ../nfs');
    },
    expect: {
      rejects: {
        file: 'results/2025.2/lvm/result.yaml',
        line: { of: 'driver: ../nfs' },
        says: '"../nfs" is not a valid driver id',
      },
    },
  },
  {
    id: 'result-bundle-path',
    kind: 'registry',
    title: 'a result whose bundle file name is a path',
    via: 'repo',
    build: (repo) => {
      repo.submit({ driver: 'lvm' });
      repo.replace('results/2025.2/lvm/result.yaml', /^ {2}file: .*$/m, '  file: ../../2025.1/lvm/lvm-2025.1.tgz');
    },
    expect: {
      rejects: {
        file: 'results/2025.2/lvm/result.yaml',
        line: { of: '  file: ../../' },
        says: '"../../2025.1/lvm/lvm-2025.1.tgz" is not a bundle file name',
      },
    },
  },
  {
    id: 'waiver-driver-path',
    kind: 'registry',
    title: 'a waiver for a driver id that is a path',
    via: 'repo',
    build: (repo) => repo.replace(CYCLE, /^waivers:\n {2}rbd:$/m, 'waivers:\n  ../rbd:'),
    expect: { rejects: { file: CYCLE, line: { of: '  ../rbd:' }, says: '"../rbd" is not a valid driver id' } },
  },
];
