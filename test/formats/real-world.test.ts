// Result files that real tools wrote (test/fixtures/real-world/: fetched from public repositories,
// or generated here by stestr, testrepository, python-subunit, os-testr, xmlrunner, pytest,
// GoogleTest, jest and mocha) give, through the analysis `inspect` runs, the counts an independent
// oracle gives (subunit-stats, or xml.etree for JUnit: see the corpus README), whatever the member
// order. Where drivercert disagrees today the case is listed in KNOWN_BROKEN with the item of
// issue 17 that fixes it: it runs as `it.fails`, so fixing the parser turns it into a failure here
// until the entry is removed. `REAL_WORLD_STRICT=1 npx vitest run test/formats/real-world.test.ts`
// runs them as plain cases, to show each disagreement (expected vs got).
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Cycle } from '../../scripts/lib/model.js';
import { copyShippedRepo, drivercert, json, tempDir } from '../helpers/cli.js';
import {
  CORPUS,
  analyseMembers,
  certLogAround,
  corpusFile,
  corpusManifest,
  countsOf,
  memberOf,
  memberOrders,
  sumOf,
  type CorpusEntry,
} from '../helpers/real-world.js';

/**
 * Cases drivercert gets wrong today, with why. Empty: every case of issue 17 passes. A file added
 * to the corpus that drivercert miscounts goes here only with a written reason that it is not a
 * counting defect (or the issue that fixes it).
 */
const KNOWN_BROKEN: Record<string, string> = {};

const manifest = corpusManifest();
const used = new Set<string>();

/** `it`, or `it.fails` with the reason in its name when the case is known broken. */
function caseFor(key: string, title: string): [typeof it | typeof it.fails, string] {
  used.add(key);
  const why = KNOWN_BROKEN[key];
  if (!why) return [it, title];
  return [process.env.REAL_WORLD_STRICT ? it : it.fails, `${title} — known broken, ${why}`];
}

/** Group entries by a field, keeping manifest order. */
function groups(field: 'run' | 'same_run'): [string, CorpusEntry[]][] {
  const out = new Map<string, CorpusEntry[]>();
  for (const e of manifest) if (e[field]) out.set(e[field]!, [...(out.get(e[field]!) ?? []), e]);
  return [...out];
}

describe('the corpus', () => {
  it('holds no file the manifest does not list', () => {
    // Every file under the corpus except the generators, the docs and the manifest itself.
    const notData = /^(generate\/|generated\/[^/]*\.txt$|manifest\.json$|\.gitattributes$)|\.(py|md)$|__pycache__/;
    const files = readdirSync(CORPUS, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => relative(CORPUS, join(d.parentPath, d.name)).split(sep).join('/'))
      .filter((f) => !notData.test(f));
    expect(files.filter((f) => !manifest.some((e) => e.path === f))).toEqual([]);
  });

  it('lists every file it holds, with an origin, a license and counts', () => {
    expect(manifest.length).toBeGreaterThan(150);
    for (const e of manifest) {
      expect(corpusFile(e.path).length, e.path).toBe(e.bytes);
      expect(e.license, e.path).toMatch(/^(Apache-2\.0|MIT)$/);
      expect(e.expected.total, e.path).toBe(e.expected.passed + e.expected.failed + e.expected.skipped);
    }
  });
});

describe('every corpus file counts as its oracle counts it', () => {
  for (const e of manifest) {
    const [test, title] = caseFor(e.path, `${e.path} (${e.producer}, ${e.format})`);
    test(title, async () => {
      const got = countsOf(await analyseMembers([memberOf(e)]));
      expect(got).toEqual({ member: memberOf(e).name, format: e.format, ...e.expected });
    });
  }
});

describe('one run split in several JUnit files counts their sum, whatever the member order', () => {
  for (const [run, entries] of groups('run')) {
    const [test, title] = caseFor(`split run ${run}`, `${run}: ${entries.length} files`);
    test(title, async () => {
      for (const order of memberOrders(entries)) {
        const got = countsOf(await analyseMembers(order.items.map(memberOf)));
        expect({ order: order.name, ...got, member: undefined }).toEqual({
          order: order.name,
          ...sumOf(entries),
          member: undefined,
          format: 'junit',
        });
      }
    });
  }

  const ant = manifest.filter((e) => e.path.includes('JENKINS-48583/'));
  const aggregate = ant.find((e) => e.path.endsWith('TESTS-TestSuites.xml'))!;
  const [test, title] = caseFor(
    'Ant split files beside their junitreport aggregate',
    "Ant's TEST-*.xml beside TESTS-TestSuites.xml (the same tests again) count each test once",
  );
  test(title, async () => {
    expect(sumOf(ant.filter((e) => e !== aggregate))).toEqual(aggregate.expected);
    for (const order of memberOrders(ant)) {
      const got = countsOf(await analyseMembers(order.items.map(memberOf)));
      expect({ order: order.name, ...got, member: undefined }).toEqual({
        order: order.name,
        ...aggregate.expected,
        member: undefined,
        format: 'junit',
      });
    }
  });
});

describe('the same run as subunit, JUnit and cert.log console output agrees, whatever the member order', () => {
  for (const [run, entries] of groups('same_run')) {
    const stream = manifest.find((e) => e.path === (entries[0]!.stream ?? entries[0]!.path))!;
    const members = [
      stream,
      entries.find((e) => e.path.endsWith('junit.xml'))!,
      entries.find((e) => e.path.endsWith('pretty-tox.txt'))!,
    ];
    const [test, title] = caseFor(`same run ${run}`, `${run}: ${members.map((m) => m.format).join(', ')}`);
    test(title, async () => {
      for (const order of memberOrders(members)) {
        const a = await analyseMembers(order.items.map(memberOf));
        const sources = a.sources.map((s) => s.member).sort();
        expect({ order: order.name, sources, agree: a.disagreementCount === 0, ...countsOf(a) }).toEqual({
          order: order.name,
          // Each member is a source: a cert.log whose tempest output yields nothing is none.
          sources: members.map((m) => memberOf(m).name).sort(),
          agree: true,
          member: memberOf(stream).name,
          format: stream.format,
          ...stream.expected,
        });
      }
    });
  }
});

// ---- item 5 of issue 17: the generated tempest runs pack and validate as a vendor's would ----

const cycle = parse(readFileSync(join(CORPUS, '../../../results/2025.2/cycle.yaml'), 'utf8')) as Cycle;

/** The required capabilities holding a test of these classes. */
function capabilitiesOf(classes: string[]): string[] {
  return Object.entries(cycle.capabilities)
    .filter(([, c]) => c.required && c.tests.some((t) => classes.some((k) => t.id.includes(`.${k}.`))))
    .map(([id]) => id)
    .sort();
}

/** Pack a generated run as `drivercert pack --log cert.log --subunit … --junit …`, then validate. */
async function packAndValidate(scenario: string, passed: boolean) {
  const root = copyShippedRepo();
  rmSync(join(root, 'results/2025.2/lvm'), { recursive: true });
  const dir = tempDir('drivercert-corpus-pack-');
  const log = join(dir, 'cert.log');
  writeFileSync(log, certLogAround(corpusFile(`generated/stestr-${scenario}/pretty-tox.txt`).toString(), passed));
  const at = (f: string) => join(CORPUS, `generated/stestr-${scenario}/${f}`);
  const packed = await drivercert([
    ...['pack', '--repo', root, '--driver', 'lvm', '--log', log, '--subunit', at('last.subunit')],
    ...['--junit', at('junit.xml'), '--submitter', 'octocat', '--backend-model', 'LVM on a loop device'],
    ...['--backend-version', 'lvm2 2.03.16', '--submitted', '2025-11-02'],
  ]);
  const validated = json<{ ok: boolean; errors: { rule: string }[] }>(
    await drivercert(['validate', '--repo', root, '--format', 'json']),
  );
  const result = packed.code === 0 ? readFileSync(join(root, 'results/2025.2/lvm/result.yaml'), 'utf8') : '';
  return { packed, validated, result: result ? (parse(result) as Record<string, unknown>) : undefined };
}

/**
 * The generated runs are stestr runs of stub tests, which take no time, made on the day the corpus
 * was generated: as certification runs the evidence rules rightly refuse them (test/rules/cases/
 * evidence.ts holds those rules); this holds how their results are read and counted.
 */
const EVIDENCE_RULES = new Set(['run-plausible', 'run-in-cycle', 'run-times-agree', 'durations-agree']);

describe('a generated tempest run packs (cert.log console + subunit + JUnit) and validates', () => {
  const broken = ['VolumesListTestJSON'];
  const skippedClasses = [
    'VolumesSnapshotTestJSON',
    'VolumesSnapshotListTestJSON',
    'VolumesSnapshotNegativeTestJSON',
    'SnapshotMetadataTestJSON',
  ];
  const cases: [string, boolean, (r: Record<string, unknown>) => void][] = [
    [
      'pass',
      true,
      (r) => {
        expect(r.verdict).toBe('passed');
        expect(r.results).toMatchObject(
          manifest.find((e) => e.path === 'generated/stestr-pass/last.subunit')!.expected,
        );
      },
    ],
    [
      'classes',
      false,
      (r) => {
        const caps = r.capabilities as Record<string, string>;
        // Item 2: a class broken in setUpClass failed its tests; one skipped there skipped them.
        for (const c of capabilitiesOf(broken)) expect(caps[c], c).toBe('failed');
        for (const c of capabilitiesOf(skippedClasses)) expect(caps[c], c).toBe('missing');
        expect(r.verdict).toBe('failed');
      },
    ],
    [
      'mixed',
      false,
      (r) => {
        // An expected failure, an unexpected success and a failure each fail their required capability; a
        // class skipped in setUpClass leaves its capability missing; the counts are subunit-stats'.
        expect(r.capabilities).toMatchObject({
          'volumes-list-api-versions': 'failed',
          'volumes-v3-list': 'failed',
          'volumes-v3-copy-image-to-volume': 'failed',
          'volumes-v3-snapshot-create-delete': 'missing',
        });
        expect(r.results).toMatchObject({
          ...manifest.find((e) => e.path === 'generated/stestr-mixed/last.subunit')!.expected,
          xfail: 1,
          uxsuccess: 1,
        });
        expect(r.verdict).toBe('failed');
      },
    ],
    [
      'down',
      false,
      (r) => {
        const caps = r.capabilities as Record<string, string>;
        for (const [id, c] of Object.entries(cycle.capabilities)) if (c.required) expect(caps[id], id).toBe('failed');
      },
    ],
  ];
  for (const [scenario, passed, check] of cases) {
    const [test, title] = caseFor(`pack ${scenario}`, `stestr-${scenario}`);
    test(title, async () => {
      const { packed, validated, result } = await packAndValidate(scenario, passed);
      expect(packed.stderr).not.toMatch(/disagree/);
      expect(packed.code, packed.stderr).toBe(0);
      expect(validated.errors.filter((e) => !EVIDENCE_RULES.has(e.rule))).toEqual([]);
      check(result!);
    });
  }
});

describe('KNOWN_BROKEN', () => {
  it('names only cases that exist', () => {
    expect(Object.keys(KNOWN_BROKEN).filter((k) => !used.has(k))).toEqual([]);
  });
});
