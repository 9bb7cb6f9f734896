// Tricks only git can play in a pull request: links, renames, modes and submodules. The
// base branch is test/pr/fixture.ts's: alice maintains lvm, nina maintains nfs, and nfs
// has merged results in both cycles.
import type { Case } from '../types.js';

export const gitCases: Case[] = [
  {
    id: 'git-temp-file-look-alike',
    kind: 'git',
    title: "a committed file named like drivercert's temporary file",
    what: 'validate sets such files aside as leftovers of an interrupted write, so one committed would go unread.',
    via: 'pull-request',
    author: 'alice',
    build: (pr) => {
      pr.submit({ driver: 'lvm' });
      pr.write('results/2025.2/lvm/.result.yaml.4242.0badc0de.tmp', 'san_password = hunter2\n');
      pr.git('add', '--force', 'results/2025.2/lvm/.result.yaml.4242.0badc0de.tmp');
    },
    expect: {
      rejects: {
        file: 'results/2025.2/lvm/.result.yaml.4242.0badc0de.tmp',
        says: 'a file named like the temporary file of an interrupted drivercert write: it is an extra file',
      },
    },
  },
  {
    id: 'git-symlink-outside',
    kind: 'git',
    title: 'a symbolic link in a submission pointing outside the repository',
    what: "A README.md that is a link to /etc/passwd: whatever reads it would read the runner's file.",
    via: 'pull-request',
    author: 'alice',
    build: (pr) => {
      pr.submit({ driver: 'lvm' });
      pr.symlink('../../../../../../etc/passwd', 'results/2025.2/lvm/README.md');
    },
    expect: {
      rejects: {
        file: 'results/2025.2/lvm/README.md',
        says: 'is a symbolic link to "../../../../../../etc/passwd", outside the repository',
      },
    },
  },
  {
    id: 'git-symlink-folder',
    kind: 'git',
    title: "a submission folder that is a symbolic link to another driver's",
    via: 'pull-request',
    author: 'alice',
    build: (pr) => pr.symlink('nfs', 'results/2025.2/lvm'),
    expect: {
      rejects: {
        file: 'results/2025.2/lvm',
        says: 'results/2025.2/lvm is a symbolic link (to "nfs"); results/ holds plain files only',
      },
    },
  },
  {
    id: 'git-symlink-registry',
    kind: 'git',
    title: 'drivers.yaml replaced by a symbolic link outside the repository',
    via: 'pull-request',
    author: 'core-carol',
    build: (pr) => {
      pr.remove('drivers.yaml');
      pr.symlink('/etc/passwd', 'drivers.yaml');
    },
    expect: {
      rejects: {
        file: 'drivers.yaml',
        says: 'drivers.yaml is a symbolic link (to "/etc/passwd"), not a file; it is not read',
      },
    },
  },
  {
    id: 'git-rename-other-driver',
    kind: 'git',
    title: "a rename of another driver's folder into one's own",
    what: "Moving nfs's merged results to lvm's folder: a deletion and an addition.",
    via: 'pull-request',
    author: 'alice',
    build: (pr) => {
      pr.git('mv', 'results/2025.2/nfs', 'results/2025.2/lvm');
    },
    expect: {
      rejects: {
        file: 'results/2025.2/nfs/result.yaml',
        says: "deletes results/2025.2/nfs/result.yaml, part of nfs's submission for the open cycle 2025.2, which is merged",
      },
    },
  },
  {
    id: 'git-mode-change',
    kind: 'git',
    title: 'a mode change of a merged file',
    via: 'pull-request',
    author: 'nina',
    build: (pr) => pr.chmod('results/2025.2/nfs/result.yaml', 0o755),
    expect: {
      rejects: {
        file: 'results/2025.2/nfs/result.yaml',
        says: 'changes the mode of results/2025.2/nfs/result.yaml (100644 → 100755)',
      },
    },
  },
  {
    id: 'git-submodule',
    kind: 'git',
    title: 'a submodule inside a submission',
    via: 'pull-request',
    author: 'alice',
    build: (pr) => {
      pr.submit({ driver: 'lvm' });
      const commit = pr.git('rev-parse', 'HEAD').trim();
      pr.git('add', '-A');
      pr.git('update-index', '--add', '--cacheinfo', `160000,${commit},results/2025.2/lvm/extra`);
      pr.commitStaged();
    },
    expect: { rejects: { file: 'results/2025.2/lvm/extra', says: 'is a submodule (a link to commit' } },
  },
];
