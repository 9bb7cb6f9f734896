// The whole site as files: a pure function of the record (through the matrix model, the same as
// MATRIX.md's) and the options. Same inputs, same bytes: nothing depends on the time or the machine.
import { apiCycle, apiDriver, apiIndex, jsonFile } from './api.js';
import { ICON, ICON_PATH, SCRIPT, SCRIPT_PATH, STYLE, STYLE_PATH } from './assets.js';
import { badgeJson, badgeSvg } from './badge.js';
import { renderCyclePage } from './cycle-page.js';
import { renderDriverPage } from './driver-page.js';
import { renderFeed } from './feed.js';
import { renderIndexPage } from './index-page.js';
import type { SiteInputs } from './inputs.js';
import type { SiteOptions } from './options.js';
import { badgePath, cycleApi, cyclePage, driverApi, driverPage } from './paths.js';

/** The site's files by path (POSIX, from the site's root), in a fixed order. */
export type SiteFiles = Map<string, string>;

/** Every file of the site. */
export function buildSite({ record, matrix }: SiteInputs, opts: SiteOptions = {}): SiteFiles {
  const files: SiteFiles = new Map();
  const entries = new Map(record.drivers.map((d) => [d.id, d]));
  files.set('index.html', renderIndexPage(matrix));
  files.set(STYLE_PATH, STYLE);
  files.set(SCRIPT_PATH, SCRIPT);
  files.set(ICON_PATH, ICON);
  files.set('feed.xml', renderFeed(matrix));
  files.set('api/v1/index.json', jsonFile(apiIndex(matrix)));
  for (const d of matrix.drivers) {
    const entry = entries.get(d.id)!;
    files.set(driverPage(d.id), renderDriverPage(d, entry, matrix, opts));
    files.set(driverApi(d.id), jsonFile(apiDriver(d, entry)));
    files.set(badgePath(d.id, 'json'), jsonFile(badgeJson(d)));
    files.set(badgePath(d.id, 'svg'), badgeSvg(d));
  }
  for (const c of matrix.cycles) {
    files.set(cyclePage(c.name), renderCyclePage(c, matrix));
    files.set(cycleApi(c.name), jsonFile(apiCycle(c, matrix)));
  }
  return files;
}
