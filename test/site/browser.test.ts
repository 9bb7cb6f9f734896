// The site in Debian's Chromium (playwright-core), served under a project-pages sub-path and
// opened from file://: the filters narrow the rows and round-trip through the URL, every link
// resolves, no request leaves the site, no console error, axe-core finds no violation, and
// hostile contributor text is text. One browser for the whole file.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { cannotRun, needTool } from '../helpers/tools.js';
import { buildWorldSite, type BuiltSite } from './world-site.js';

const CHROMIUM = '/usr/bin/chromium';
const chromium = needTool('chromium', () => cannotRun(CHROMIUM, ['--headless', '--no-sandbox', '--version']));
const PREFIX = '/drivercert/';
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.xml': 'application/atom+xml',
};

let site: BuiltSite;
let server: Server;
let base: string;
let browser: Browser;
/** The page most tests share (a new page per test costs a second of CPU); see watch(). */
let shared: Watched;

/** Serve the site's files (and nothing else) under PREFIX, as GitHub Pages serves a project. */
function serve(files: Map<string, string>): Promise<Server> {
  const s = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = path.startsWith(PREFIX) ? path.slice(PREFIX.length) : undefined;
    const body = file === undefined ? undefined : files.get(file === '' ? 'index.html' : file);
    if (body === undefined) return void res.writeHead(404).end('not found');
    res.writeHead(200, { 'content-type': TYPES[extname(file!)] ?? 'application/octet-stream' }).end(body);
  });
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve(s)));
}

beforeAll(async () => {
  if (chromium.skip) return;
  site = await buildWorldSite();
  server = await serve(site.files);
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}${PREFIX}`;
  const { chromium: launcher } = await import('playwright-core');
  browser = await launcher.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  shared = watch(await browser.newPage(), base);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
});

interface Watched {
  page: Page;
  /** Every request the page made that did not go to the site. */
  foreign: string[];
  errors: string[];
}

/** Record what `page` requests outside `root` and its console errors. */
function watch(page: Page, root: string): Watched {
  const w: Watched = { page, foreign: [], errors: [] };
  page.on('request', (r) => void (r.url().startsWith(root) || w.foreign.push(r.url())));
  page.on('console', (m) => void (m.type() === 'error' && w.errors.push(m.text())));
  page.on('pageerror', (e) => void w.errors.push(e.message));
  return w;
}

/** The shared page at `url`, its records emptied first. */
async function open(url: string): Promise<Watched> {
  shared.foreign.length = 0;
  shared.errors.length = 0;
  await shared.page.goto(url);
  return shared;
}

const visibleRows = (page: Page): Promise<string[]> =>
  page.$$eval('#drivers tbody tr', (rows) =>
    rows.filter((r) => !(r as HTMLElement).hidden).map((r) => r.getAttribute('data-driver')!),
  );

describe.skipIf(chromium.skip)(`the site in Chromium${chromium.note}`, () => {
  it.each([
    ['protocol=iscsi', ['oldie', 'lvm', 'lonely', 'quiet']],
    ['protocol=NVMe-TCP', ['lvm']],
    ['vendor=quiet%20corp', ['lonely', 'quiet']],
    ['verdict=failed', ['hostile', 'nfs']],
    ['verdict=Withdrawn', ['rbd']],
    ['verdict=not-submitted', ['oldie', 'lonely', 'quiet']],
    ['feature=ONLINE_EXTEND_SUPPORT', ['lvm']],
    ['feature=qos', ['rbd']],
    ['protocol=iSCSI&verdict=not-submitted&vendor=Quiet+Corp', ['lonely', 'quiet']],
    ['protocol=NFS&verdict=passed', []],
  ])('?%s shows exactly %j', async (query, expected) => {
    const { page, foreign, errors } = await open(`${base}index.html?${query}`);
    expect(await visibleRows(page)).toEqual(expected);
    expect(await page.locator('#filter-count').textContent()).toContain(`${expected.length} of 7 drivers`);
    expect({ foreign, errors }).toEqual({ foreign: [], errors: [] });
  });

  it('shows the filters of the URL in the controls, and writes the controls back to the URL', async () => {
    const { page, errors } = await open(`${base}index.html?vendor=openstack%20cinder`);
    expect(await page.locator('select[name=vendor]').inputValue()).toBe('OpenStack Cinder');
    expect(await visibleRows(page)).toEqual(['lvm', 'nfs', 'rbd']);
    await page.selectOption('select[name=verdict]', 'failed');
    expect(new URL(page.url()).search).toBe('?vendor=OpenStack+Cinder&verdict=failed');
    expect(await visibleRows(page)).toEqual(['nfs']);
    await page.reload();
    expect(await visibleRows(page)).toEqual(['nfs']);
    expect(await page.locator('select[name=verdict]').inputValue()).toBe('failed');
    await page.click('button[type=reset]');
    await expect.poll(() => page.url()).toBe(`${base}index.html`);
    expect(await visibleRows(page)).toHaveLength(7);
    expect(errors).toEqual([]);
  });

  it('works from file://, and shows every row with JavaScript off', async () => {
    const local = watch(await browser.newPage(), pathToFileURL(site.out).href);
    await local.page.goto(`${pathToFileURL(join(site.out, 'index.html')).href}?verdict=failed`);
    expect(await visibleRows(local.page)).toEqual(['hostile', 'nfs']);
    expect({ foreign: local.foreign, errors: local.errors }).toEqual({ foreign: [], errors: [] });
    await local.page.close();
    const context = await browser.newContext({ javaScriptEnabled: false });
    const noJs = await context.newPage();
    await noJs.goto(`${base}index.html?verdict=failed`);
    expect(await visibleRows(noJs)).toHaveLength(7);
    expect(await noJs.locator('form#filters').isHidden()).toBe(true);
    await context.close();
  });

  it('resolves every link of every page, with no request outside the site and no console error', async () => {
    const pages = [...site.files.keys()].filter((p) => p.endsWith('.html'));
    const { page, foreign, errors } = await open(base + 'index.html');
    const failed: string[] = [];
    const onResponse = (r: { status(): number; url(): string }) =>
      void (r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
    page.on('response', onResponse);
    const links = new Set<string>();
    for (const path of pages) {
      await page.goto(base + path);
      for (const href of await page.$$eval('a[href], img[src], link[href], script[src]', (els) =>
        els.map((e) => (e as HTMLAnchorElement).href || (e as HTMLImageElement).src),
      ))
        links.add(href.replace(/[?#].*$/, ''));
    }
    const broken: string[] = [];
    for (const link of links) {
      expect(link.startsWith(base), link).toBe(true);
      const r = await page.request.get(link);
      if (r.status() !== 200) broken.push(`${r.status()} ${link}`);
    }
    expect(links.size).toBeGreaterThan(20);
    page.off('response', onResponse);
    expect({ broken, failed, foreign, errors }).toEqual({ broken: [], failed: [], foreign: [], errors: [] });
  });

  it('serves a feed that parses as Atom', async () => {
    const { page } = await open(base + 'index.html');
    const xml = await (await page.request.get(base + 'feed.xml')).text();
    const feed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      return {
        ns: doc.documentElement.namespaceURI,
        errors: doc.getElementsByTagName('parsererror').length,
        entries: doc.getElementsByTagName('entry').length,
      };
    }, xml);
    expect(feed).toEqual({ ns: 'http://www.w3.org/2005/Atom', errors: 0, entries: 8 });
  });

  it('renders contributor text with markup as text', async () => {
    const { page, errors } = await open(`${base}drivers/hostile/index.html`);
    expect(await page.locator('h1').textContent()).toContain('Evil | <script>alert(1)</script>');
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('img[src=x], a[href^="javascript:"]').count()).toBe(0);
    expect(await page.locator('main').textContent()).toContain('tempest.api.volume.Evil.test_x[id-1|<b>](javascript:');
    expect(errors).toEqual([]);
  });

  /** axe-core's violations on the shared page, as `impact id: targets`. */
  async function axeViolations(page: Page): Promise<string[]> {
    const axe = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    await page.evaluate(axe);
    return page.evaluate(async () => {
      const r = await (window as unknown as { axe: { run(): Promise<{ violations: any[] }> } }).axe.run();
      return r.violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n: any) => n.target).join(', ')}`);
    });
  }

  it.each(['index.html', 'drivers/hostile/index.html', 'drivers/rbd/index.html', 'cycles/2025.2/index.html'])(
    'axe-core finds no violation on %s',
    async (path) => {
      const { page } = await open(base + path);
      expect(await axeViolations(page)).toEqual([]);
    },
  );

  it('axe-core does report a violation put into a page (the control)', async () => {
    const { page } = await open(base + 'cycles/2025.1/index.html');
    await page.evaluate(() => document.querySelector('main')!.append(document.createElement('img')));
    expect((await axeViolations(page)).join('\n')).toMatch(/critical image-alt/);
  });
});
