// `drivercert site [--out DIR] [--source-url URL] [--site-url URL]`
import { relative, resolve } from 'node:path';
import type { Command } from '../command.js';
import { repoRoot, str } from '../command.js';
import { UsageError } from '../../lib/findings.js';
import { buildSite } from '../../lib/site/build.js';
import { loadSiteInputs } from '../../lib/site/inputs.js';
import { MatrixInputError } from '../../lib/matrix/matrix-file.js';
import { siteSourceUrl } from '../../lib/site/source-url.js';
import { writeSite } from '../../lib/site/write.js';
import { printFindings } from './matrix.js';

export const siteCommand: Command = {
  name: 'site',
  help: `Usage: drivercert site [--out DIR] [--source-url URL] [--site-url URL] [options]

Builds the static site (index.html, a page per driver and per cycle, the JSON API under
api/v1/, badges/ and feed.xml) from drivers.yaml and the results: the same record, read
the same way, as MATRIX.md. The same input gives the same bytes; every link is relative.

Options:
  --out DIR          the folder to write (default: _site in the repository); a folder
                     drivercert built before is replaced, any other is refused
  --source-url URL   the repository's web address, for links to result.yaml and bundles
                     (default: $GITHUB_SERVER_URL/$GITHUB_REPOSITORY on GitHub Actions, else
                     package.json's repository; with none, those links are left out)
  --site-url URL     where the site is published, for the badges' Markdown
  --repo DIR         the repository (default: the current directory)
  -h, --help         show this help

Exit status: 0 written, 1 unreadable input or a failed write, 2 usage error.`,
  options: { out: { type: 'string' }, 'source-url': { type: 'string' }, 'site-url': { type: 'string' } },
  positionals: { min: 0, max: 0, name: '' },
  async run(args, io) {
    const root = repoRoot(args, io);
    const outOption = str(args, 'out');
    const out = outOption === undefined ? resolve(root, '_site') : resolve(io.cwd, outOption);
    const shown = relative(io.cwd, out) || '.';
    const siteUrl = str(args, 'site-url');
    if (siteUrl !== undefined && !/^https?:\/\/[^\s/]+/.test(siteUrl))
      throw new UsageError(`--site-url must be an http(s) URL, got "${siteUrl}"`);
    const source = siteSourceUrl(str(args, 'source-url'), io.env, root);
    let loaded;
    try {
      loaded = loadSiteInputs(root);
    } catch (e) {
      if (!(e instanceof MatrixInputError)) throw e;
      printFindings(io, e.findings);
      io.err(`${e.findings.length} ${e.findings.length === 1 ? 'problem' : 'problems'} in drivers.yaml or results/; `);
      io.err('the site was not written. `npx drivercert validate` explains each.\n');
      return 1;
    }
    printFindings(io, loaded.warnings);
    const files = buildSite(loaded.inputs, { sourceUrl: source.url, siteUrl: siteUrl?.replace(/\/+$/, '') });
    writeSite(out, files, shown);
    io.err(
      `wrote ${shown}/ (${files.size} files); ` +
        (source.url
          ? `links to files go to ${source.url} (from ${source.from})\n`
          : 'no source URL: links to files left out\n'),
    );
    return 0;
  },
};
