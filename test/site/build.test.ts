// `drivercert site` on the matrix's test world: one row per driver with the verdict its
// result.yaml gives, an API that validates against schemas/api/ and agrees with every
// result.yaml, contributor text that stays text, links that resolve, the same bytes twice.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import type { Registry, RepoModel, Result } from '../../scripts/lib/model.js';
import { buildMatrixModel } from '../../scripts/lib/matrix/build.js';
import { FEED_ENTRIES, renderFeed } from '../../scripts/lib/site/feed.js';
import { loadMatrixModel } from '../../scripts/lib/matrix/matrix-file.js';
import { drivercert, drivercertBin, ROOT, tempDir } from '../helpers/cli.js';
import { makeCycle, makeDriver, makeResult } from '../matrix/fixtures.js';
import { writeWorld } from '../matrix/world.js';
import { buildWorldSite, readTree, type BuiltSite } from './world-site.js';

let site: BuiltSite;
let results: Result[];
let registry: Registry;

beforeAll(async () => {
  site = await buildWorldSite();
  registry = parse(readFileSync(join(site.root, 'drivers.yaml'), 'utf8')) as Registry;
  results = readdirSync(join(site.root, 'results')).flatMap((cycle) =>
    readdirSync(join(site.root, 'results', cycle), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => parse(readFileSync(join(site.root, 'results', cycle, e.name, 'result.yaml'), 'utf8')) as Result),
  );
});

const file = (path: string): string => {
  const text = site.files.get(path);
  if (text === undefined) throw new Error(`the site has no ${path}`);
  return text;
};
const json = (path: string): any => JSON.parse(file(path));
const standingOf = (r: Result | undefined) => (!r ? 'not-submitted' : r.withdrawn ? 'withdrawn' : r.verdict);

describe('the index', () => {
  it("has one row per driver of drivers.yaml, whose current verdict is its result.yaml's", () => {
    const html = file('index.html');
    for (const d of registry.drivers) {
      const rows = html.match(new RegExp(`<tr data-driver="${d.id}"[^>]*>`, 'g')) ?? [];
      expect(rows, d.id).toHaveLength(1);
      const current = results.find((r) => r.driver === d.id && r.cycle === '2025.2');
      expect(rows[0], d.id).toContain(`data-verdict="${standingOf(current)}"`);
    }
    expect(html.match(/<tr data-driver=/g)).toHaveLength(registry.drivers.length);
  });

  it('shows every row without script: no row is hidden, and the filter form waits for the script', () => {
    const html = file('index.html');
    expect(html).not.toMatch(/<tr[^>]* hidden/);
    expect(html).toMatch(/<form id="filters" hidden/);
    expect(html).toContain('<script src="assets/filters.js" defer></script>');
  });

  it('states a Content-Security-Policy on every page, and no page holds inline script or handlers', () => {
    for (const [path, html] of site.files) {
      if (!path.endsWith('.html')) continue;
      expect(html, path).toContain("script-src 'self'; style-src 'self'");
      expect(html, path).not.toMatch(/<script(?![^>]*\bsrc=)/);
      expect(html, path).not.toMatch(/\son[a-z]+=/i);
      expect(html, path).not.toMatch(/\sstyle=/i);
    }
  });
});

describe('contributor text', () => {
  it('renders markup in names, notes, tests and reasons as text on every page and in the feed', () => {
    for (const [path, text] of site.files) {
      if (!/\.(html|xml|svg)$/.test(path)) continue;
      expect(text, path).not.toContain('<script>alert');
      expect(text, path).not.toContain('<img src=x');
      expect(text, path).not.toContain('<b>PR</b>');
      expect(text, path).not.toMatch(/href="javascript:/i);
    }
    expect(file('drivers/hostile/index.html')).toContain('Evil | &lt;script>alert(1)&lt;/script>');
    expect(file('drivers/hostile/index.html')).toMatch(/<bdi>Evil \| &lt;script>/);
    expect(file('drivers/rbd/index.html')).toContain('see &lt;b>PR&lt;/b>');
  });

  it('shows a text-direction override in a name as U+FFFD, on the pages and in the feed', async () => {
    const root = writeWorld();
    const registryFile = join(root, 'drivers.yaml');
    writeFileSync(registryFile, readFileSync(registryFile, 'utf8').replace('name: LVM', 'name: "LVM \\u202Egnp.exe"'));
    const s = await buildWorldSite([], root);
    expect(s.files.get('index.html')).toContain('LVM \ufffdgnp.exe');
    expect(s.files.get('drivers/lvm/index.html')).toContain('LVM \ufffdgnp.exe');
    for (const [path, text] of s.files) if (!path.endsWith('.json')) expect(text, path).not.toContain('\u202e');
    expect(JSON.parse(s.files.get('api/v1/drivers/lvm.json')!).name).toBe('LVM \u202egnp.exe');
  });
});

describe('links', () => {
  it('every relative link and source of every page resolves to a file of the site', () => {
    let checked = 0;
    for (const [path, html] of site.files) {
      if (!path.endsWith('.html')) continue;
      for (const [, target] of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
        if (/^https?:/.test(target!)) continue;
        const clean = target!.replace(/[?#].*$/, '');
        if (clean === '') continue;
        const resolved = posix.normalize(posix.join(posix.dirname(path), decodeURIComponent(clean)));
        expect(site.files.has(resolved), `${path} links to ${target}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('leaves links to the repository out when there is no source URL', () => {
    expect(site.stderr).toContain('no source URL: links to files left out');
    for (const [path, text] of site.files) expect(text, path).not.toMatch(/(?:href|src)="https?:/);
  });
});

describe('the JSON API', () => {
  function ajv(): Ajv2020 {
    const a = new Ajv2020({ allErrors: true, strict: true });
    addFormats.default(a, ['date', 'date-time']);
    for (const f of readdirSync(join(ROOT, 'schemas/api')))
      a.addSchema(JSON.parse(readFileSync(join(ROOT, 'schemas/api', f), 'utf8')));
    return a;
  }

  it('validates against schemas/api/, and the schemas refuse a document that breaks them', () => {
    const a = ajv();
    const check = (schema: string, path: string) => {
      const ok = a.validate(`api/v1/${schema}.schema.json`, json(path));
      expect(ok ? [] : a.errors, path).toEqual([]);
    };
    check('index', 'api/v1/index.json');
    for (const d of registry.drivers) {
      check('driver', `api/v1/drivers/${d.id}.json`);
      check('badge', `badges/${d.id}.json`);
    }
    for (const c of ['2025.1', '2025.2']) check('cycle', `api/v1/cycles/${c}.json`);
    const broken = json('api/v1/drivers/lvm.json');
    broken.results[0].verdict = 'maybe';
    expect(a.validate('api/v1/driver.schema.json', broken)).toBe(false);
    expect(a.validate('api/v1/badge.schema.json', { ...json('badges/lvm.json'), color: 'pink' })).toBe(false);
  });

  it('agrees with every result.yaml, newest cycle first', () => {
    expect(results.length).toBeGreaterThan(5);
    for (const r of results) {
      const doc = json(`api/v1/drivers/${r.driver}.json`);
      const cycles = doc.results.map((x: { cycle: string }) => x.cycle);
      expect(cycles, r.driver).toEqual([...cycles].sort().reverse());
      const got = doc.results.find((x: { cycle: string }) => x.cycle === r.cycle);
      expect(got, `${r.driver} ${r.cycle}`).toEqual({
        cycle: r.cycle,
        verdict: r.verdict,
        submitted: r.submitted,
        submitter: r.submitter,
        protocol: r.environment.protocol,
        backend: r.environment.backend,
        counts: r.results,
        capabilities: r.capabilities,
        failedTests: r.failed_tests,
        ...(r.withdrawn ? { withdrawn: r.withdrawn } : {}),
        ...(r.run ? { run: { start: r.run.start, end: r.run.end } } : {}),
        path: `results/${r.cycle}/${r.driver}/`,
      });
    }
    expect(results.filter((r) => r.run).length).toBeGreaterThan(0);
  });

  it("shows each result's run window, and says when a result predates it", () => {
    const page = site.files.get('drivers/lvm/index.html')!;
    expect(page).toContain('<time datetime="2025-10-19T08:00:00Z"><bdi>2025-10-19 08:00 – 10:30</bdi></time>');
    expect(page).toMatch(/data-cycle="2025\.1"[\s\S]*?not recorded/);
  });

  it("counts the current cycle's capabilities as MATRIX.md's model does", () => {
    const { model } = loadMatrixModel(site.root);
    const api = json('api/v1/cycles/2025.2.json');
    expect(api.capabilities.map((c: any) => ({ id: c.id, ...c.outcomes }))).toEqual(
      model.capabilities.map((c) => ({
        id: c.id,
        passed: c.passed,
        failed: c.failed,
        missing: c.missing,
        notReported: c.notReported,
      })),
    );
  });
});

describe('badges', () => {
  it('are green for a standing pass and grey for a driver never submitted', () => {
    expect(json('badges/lvm.json')).toEqual({
      schemaVersion: 1,
      label: 'cinder certification',
      message: 'passed 2025.2',
      color: 'brightgreen',
    });
    expect(json('badges/quiet.json')).toMatchObject({ message: 'never submitted', color: 'lightgrey' });
    expect(json('badges/oldie.json')).toMatchObject({ message: 'removed', color: 'lightgrey' });
    expect(file('badges/lvm.svg')).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]* aria-label="cinder/);
  });
});

describe('the feed', () => {
  it('lists submissions and withdrawals newest first, dated by them, and keeps the newest FEED_ENTRIES', () => {
    const feed = file('feed.xml');
    const updated = [...feed.matchAll(/<updated>([^<]+)<\/updated>/g)].map((m) => m[1]!);
    expect(updated[0]).toBe(updated[1]);
    expect(updated.slice(1)).toEqual([...updated.slice(1)].sort().reverse());
    expect(feed).toContain('<id>urn:drivercert:withdrawal:2025.2:rbd</id>');
    const many: RepoModel = {
      coreReviewers: [],
      cycles: [makeCycle('2025.1')],
      drivers: Array.from({ length: FEED_ENTRIES + 5 }, (_, i) => makeDriver(`d${i}`)),
      submissions: Array.from({ length: FEED_ENTRIES + 5 }, (_, i) => ({
        ...makeResult({
          driver: `d${i}`,
          cycle: '2025.1',
          submitted: `2025-05-${String((i % 28) + 1).padStart(2, '0')}`,
        }),
        path: `results/2025.1/d${i}/`,
      })),
    };
    const entries = renderFeed(buildMatrixModel(many)).match(/<entry>/g) ?? [];
    expect(entries).toHaveLength(FEED_ENTRIES);
  });
});

describe('building', () => {
  it('gives the same bytes twice', async () => {
    const again = await buildWorldSite([], site.root);
    expect([...again.files.keys()]).toEqual([...site.files.keys()]);
    for (const [path, text] of site.files) expect(again.files.get(path), path).toBe(text);
  });

  it('replaces a site it built, and refuses a folder it did not build', async () => {
    const out = join(tempDir('drivercert-site-'), 'out');
    const first = await drivercert(['site', '--repo', site.root, '--out', out]);
    expect(first.code).toBe(0);
    writeFileSync(join(out, 'left-over.html'), 'x');
    expect((await drivercert(['site', '--repo', site.root, '--out', out])).code).toBe(0);
    expect(existsSync(join(out, 'left-over.html'))).toBe(false);
    expect(readTree(out).get('index.html')).toBe(site.files.get('index.html'));

    const mine = join(tempDir('drivercert-site-'), 'mine');
    mkdirSync(mine);
    writeFileSync(join(mine, 'notes.txt'), 'keep me');
    const refused = await drivercert(['site', '--repo', site.root, '--out', mine]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/mine is a folder drivercert did not build; the site was not written over it/);
    expect(readdirSync(mine)).toEqual(['notes.txt']);
  });

  it('builds and rebuilds the same bytes from the compiled bin, schemas/api/ beside the input schemas', () => {
    const out = join(tempDir('drivercert-site-'), 'out');
    for (let i = 0; i < 2; i++) {
      const r = drivercertBin(['site', '--repo', site.root, '--out', out]);
      expect(r.stderr).toContain('wrote');
      expect(r.code).toBe(0);
    }
    expect(readTree(out).get('index.html')).toBe(site.files.get('index.html'));
  });

  it('refuses a broken record, naming the file, and writes nothing', async () => {
    const root = writeWorld();
    writeFileSync(join(root, 'drivers.yaml'), 'drivers: [\n');
    const out = join(tempDir('drivercert-site-'), 'out');
    const r = await drivercert(['site', '--repo', root, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/drivers\.yaml:\d+/);
    expect(r.stderr).toContain('the site was not written');
    expect(existsSync(out)).toBe(false);
  });
});

describe('links to the repository', () => {
  const lvmResult = (base: string) => `${base}/blob/HEAD/results/2025.2/lvm/result.yaml`;

  it('go to --source-url, and the badge Markdown to --site-url (a placeholder without)', async () => {
    const s = await buildWorldSite(
      ['--source-url', 'https://git.example/org/repo/', '--site-url', 'https://org.example/repo/'],
      site.root,
    );
    const page = s.files.get('drivers/lvm/index.html')!;
    expect(page).toContain(lvmResult('https://git.example/org/repo'));
    expect(page).toContain('![Cinder certification of lvm](https://org.example/repo/badges/lvm.svg)');
    expect(file('drivers/lvm/index.html')).toContain('![Cinder certification of lvm](&lt;site>/badges/lvm.svg)');
  });

  it("go to the Actions run's repository, else to package.json's repository", async () => {
    const env = { GITHUB_ACTIONS: 'true', GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'o/r' };
    const out = join(tempDir('drivercert-site-'), 'out');
    expect((await drivercert(['site', '--repo', site.root, '--out', out], { env })).code).toBe(0);
    expect(readFileSync(join(out, 'drivers/lvm/index.html'), 'utf8')).toContain(lvmResult('https://github.com/o/r'));

    const root = writeWorld();
    writeFileSync(
      join(root, 'package.json'),
      JSON.stringify({ repository: { url: 'git+https://github.com/a/b.git' } }),
    );
    const s = await buildWorldSite([], root);
    expect(s.files.get('drivers/lvm/index.html')).toContain(lvmResult('https://github.com/a/b'));
    expect(s.stderr).toContain('(from package.json)');
  });

  it('refuses a --source-url that is not an http(s) URL', async () => {
    const r = await drivercert(['site', '--repo', site.root, '--source-url', 'javascript:alert(1)']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--source-url must be an http(s) URL');
  });
});
