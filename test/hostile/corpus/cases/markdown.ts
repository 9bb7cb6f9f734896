// Markdown injection through every field a contributor writes. Where the schema allows
// free text, `validate` accepts it and MATRIX.md must show it as plain text with every
// table row intact; where it does not (ids, protocols, logins), `validate` refuses it.
import { plainText } from '../../../../scripts/lib/inert/index.js';
import type { Case, RepoBuilder } from '../types.js';

/** Text that tries to break a table row, add HTML, a link, an image, code, a mention, a heading. */
export const HOSTILE =
  'Evil | <script>alert(1)</script>\n[x](javascript:alert(1)) ![i](https://evil.example/i.png) `tick` @octocat # h';

/** How MATRIX.md shows contributor text: on one line, unsafe characters as U+FFFD, cut at `max` characters with "…". */
export function asShown(text: string, max = Infinity): string {
  return plainText(text, { max });
}

const DRIVERS = 'drivers.yaml';
const CYCLE = 'results/2025.2/cycle.yaml';
const RESULT = 'results/2025.2/lvm/result.yaml';
/** YAML double-quoted (JSON is YAML). */
const q = (s: string) => JSON.stringify(s);

function editDatera(repo: RepoBuilder, key: 'name' | 'vendor', value: string): void {
  repo.replace(DRIVERS, key === 'name' ? 'name: Datera Storage Driver' : 'vendor: Datera', `${key}: ${q(value)}`);
}

export const markdownCases: Case[] = [
  {
    id: 'markdown-driver-name',
    kind: 'markdown',
    title: 'a driver name',
    via: 'repo',
    build: (repo) => editDatera(repo, 'name', HOSTILE),
    expect: { renders: { shows: asShown(HOSTILE, 120) } },
  },
  {
    id: 'markdown-vendor',
    kind: 'markdown',
    title: 'a vendor',
    via: 'repo',
    build: (repo) => editDatera(repo, 'vendor', HOSTILE),
    expect: { renders: { shows: asShown(HOSTILE, 80) } },
  },
  {
    id: 'markdown-vendor-bidi',
    kind: 'markdown',
    title: 'a vendor with a right-to-left override (U+202E) and a zero-width space',
    what: "Invisible characters that reorder or hide text in a reviewer's view.",
    via: 'repo',
    build: (repo) => editDatera(repo, 'vendor', 'Data\u202eCORP\u200b Inc'),
    expect: { renders: { shows: 'Data\ufffdCORP\ufffd Inc' } },
  },
  {
    id: 'markdown-driver-notes',
    kind: 'markdown',
    title: "a driver's notes (not shown in MATRIX.md)",
    via: 'repo',
    build: (repo) => repo.replace(DRIVERS, 'vendor: Datera\n', `vendor: Datera\n    notes: ${q(HOSTILE)}\n`),
    expect: { renders: {} },
  },
  {
    id: 'markdown-protocol',
    kind: 'markdown',
    title: 'a protocol',
    via: 'repo',
    build: (repo) =>
      repo.replace(DRIVERS, /(- id: datera\n(?:.*\n)*?\s+protocols: )\[iSCSI\]/, `$1[${q('iSCSI | <b>FC</b>')}]`),
    expect: {
      rejects: { file: DRIVERS, line: { of: '<b>FC</b>' }, says: '"iSCSI | <b>FC</b>" is not a protocol name' },
    },
  },
  {
    id: 'markdown-result-protocol',
    kind: 'markdown',
    title: "a result's protocol",
    via: 'repo',
    build: (repo) => {
      repo.submit({ driver: 'lvm' });
      repo.replace(RESULT, /^ {2}protocol: .*$/m, `  protocol: ${q('[iSCSI](javascript:x)')}`);
    },
    expect: {
      rejects: {
        file: RESULT,
        line: { of: '  protocol: "[iSCSI]' },
        says: '"[iSCSI](javascript:x)" is not a protocol name',
      },
    },
  },
  {
    id: 'markdown-result-notes',
    kind: 'markdown',
    title: "a result's notes",
    via: 'repo',
    build: (repo) =>
      repo.submit({ driver: 'lvm', notes: `${HOSTILE}\n| a | b |\n| --- | --- |\n<img src=x onerror=alert(1)>` }),
    expect: { renders: { shows: asShown(`${HOSTILE}\n| a | b |\n| --- | --- |\n<img src=x onerror=alert(1)>`, 200) } },
  },
  {
    id: 'markdown-backend-model',
    kind: 'markdown',
    title: 'a backend model',
    via: 'repo',
    build: (repo) => repo.submit({ driver: 'lvm', backendModel: HOSTILE, backendVersion: '1.0' }),
    expect: { renders: { shows: asShown(`${HOSTILE} 1.0`, 80) } },
  },
  {
    id: 'markdown-backend-version',
    kind: 'markdown',
    title: 'a backend version',
    via: 'repo',
    build: (repo) =>
      repo.submit({ driver: 'lvm', backendModel: 'PowerMax', backendVersion: '<b>10</b> | www.evil.example' }),
    expect: { renders: { shows: 'PowerMax <b>10</b> | www.evil.example' } },
  },
  {
    id: 'markdown-failed-test-id',
    kind: 'markdown',
    title: 'a failed test id',
    via: 'repo',
    build: (repo) => repo.submit({ driver: 'lvm', failed: [`tempest.api.volume.Evil.test_x[id-1|${HOSTILE}]`] }),
    expect: { renders: { shows: asShown(`tempest.api.volume.Evil.test_x[id-1|${HOSTILE}]`, 160) } },
  },
  {
    id: 'markdown-skipped-test-id',
    kind: 'markdown',
    title: 'a skipped test id (not shown in MATRIX.md)',
    via: 'repo',
    build: (repo) => repo.submit({ driver: 'lvm', skipped: [`tempest.api.volume.Evil.test_y[${HOSTILE}]`] }),
    expect: { renders: {} },
  },
  {
    id: 'markdown-withdrawn-reason',
    kind: 'markdown',
    title: 'a withdrawal reason',
    via: 'repo',
    build: (repo) => {
      repo.submit({ driver: 'lvm' });
      repo.write(RESULT, `${repo.read(RESULT)}withdrawn:\n  date: "2025-11-10"\n  reason: ${q(HOSTILE)}\n`);
    },
    expect: { renders: { shows: asShown(HOSTILE, 160) } },
  },
  {
    id: 'markdown-capability-description',
    kind: 'markdown',
    title: "a capability's description",
    via: 'repo',
    build: (repo) =>
      repo.replace(CYCLE, 'description: List supported versions of the Cinder API', `description: ${q(HOSTILE)}`),
    expect: { renders: { shows: asShown(HOSTILE, 500) } },
  },
  {
    id: 'markdown-capability-constructor',
    kind: 'markdown',
    title: 'a required capability named `constructor`',
    what: 'A valid id that is also a property of every JavaScript object; the submission reports it as passed.',
    via: 'repo',
    build: (repo) => {
      // A cycle's tests are fixed once results are in: the other example submissions go first.
      repo.remove('results/2025.2/nfs');
      repo.remove('results/2025.2/rbd');
      repo.replace(
        CYCLE,
        /^capabilities:\n/m,
        'capabilities:\n  constructor:\n    description: Named like Object.prototype.constructor\n    required: true\n    tests:\n      - id: tempest.api.volume.test_x.X.test_constructor\n',
      );
      repo.submit({ driver: 'lvm' });
    },
    expect: { renders: { shows: 'constructor' } },
  },
  {
    id: 'markdown-flagged-reason',
    kind: 'markdown',
    title: "a flagged test's reason (not shown in MATRIX.md)",
    via: 'repo',
    build: (repo) => repo.replace(CYCLE, /reason: "\[D406\][^"]*"/, `reason: ${q(HOSTILE)}`),
    expect: { renders: {} },
  },
  {
    id: 'markdown-waiver-reason',
    kind: 'markdown',
    title: "a waiver's reason (not shown in MATRIX.md)",
    via: 'repo',
    build: (repo) => repo.replace(CYCLE, /^( {6}reason: ).*$/m, `$1${q(HOSTILE)}`),
    expect: { renders: {} },
  },
  {
    id: 'markdown-cycle-test-id',
    kind: 'markdown',
    title: "a cycle's test id",
    via: 'repo',
    build: (repo) =>
      repo.replace(
        CYCLE,
        '- id: tempest.api.volume.test_versions.VersionsTest.test_list_versions',
        `- id: ${q('tempest.api.volume.x[<b>](javascript:x)')}`,
      ),
    expect: {
      rejects: {
        file: CYCLE,
        line: { of: '<b>' },
        says: '"tempest.api.volume.x[<b>](javascript:x)" is not a tempest test id',
      },
    },
  },
  {
    id: 'markdown-capability-id',
    kind: 'markdown',
    title: 'a capability id with a table pipe',
    via: 'repo',
    build: (repo) => repo.replace(CYCLE, '  volumes-list-api-versions:', `  ${q('volumes|<b>x</b>')}:`),
    expect: {
      rejects: { file: CYCLE, line: { of: 'volumes|<b>' }, says: '"volumes|<b>x</b>" is not a capability id' },
    },
  },
  {
    id: 'markdown-password-in-notes',
    kind: 'markdown',
    title: "a password in a submission's notes",
    what: 'The notes reach the PR comment, MATRIX.md and the site: a secret there is public.',
    via: 'repo',
    build: (repo) => repo.submit({ driver: 'lvm', notes: 'Array reached with san_password=Tr0ub4dor&3 over iSCSI' }),
    expect: {
      rejects: {
        file: 'results/2025.2/lvm/result.yaml',
        line: { of: 'san_password' },
        says: 'an unscrubbed password-like value for "san_password": Array reached with san_password=[REDACTED]',
      },
    },
  },
  {
    id: 'markdown-password-in-readme',
    kind: 'markdown',
    title: "a password in a submission's README.md",
    via: 'repo',
    build: (repo) => {
      repo.submit({ driver: 'lvm' });
      repo.write('results/2025.2/lvm/README.md', '# How we ran it\n\n    mysql -uroot -pTr0ub4dor3 cinder\n');
    },
    expect: {
      rejects: { file: 'results/2025.2/lvm/README.md', line: 3, says: 'mysql' },
    },
  },
];
