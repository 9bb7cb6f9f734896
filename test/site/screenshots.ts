// The README's screenshots of the site, made from the repository's own record with the same
// Chromium the tests drive (Debian's, through playwright-core): the index filtered to the
// drivers that passed the current cycle, a driver's page and a cycle's page.
//
//   npm run build && npx tsx test/site/screenshots.ts     (writes docs/site/*.png)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { drivercert, ROOT } from '../helpers/cli.js';

const SHOTS: [file: string, page: string][] = [
  ['index.png', 'index.html?verdict=passed'],
  ['driver.png', 'drivers/lvm/index.html'],
  ['cycle.png', 'cycles/2025.2/index.html'],
];

const out = join(mkdtempSync(join(tmpdir(), 'drivercert-shots-')), 'site');
const built = await drivercert(['site', '--repo', ROOT, '--out', out]);
if (built.code !== 0) throw new Error(built.stderr);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 760 } });
  for (const [file, path] of SHOTS) {
    await page.goto(`${pathToFileURL(out).href}/${path}`);
    await page.screenshot({ path: join(ROOT, 'docs/site', file) });
    console.log(`wrote docs/site/${file}`);
  }
} finally {
  await browser.close();
  rmSync(join(out, '..'), { recursive: true, force: true });
}
