// The frame of every page: the Content-Security-Policy (no inline script or handler, nothing from
// another origin), the stylesheet and script of the site, the navigation. Rendered by
// preact-render-to-string, which escapes every interpolated value.
import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { ICON_PATH, SCRIPT_PATH, STYLE_PATH } from './assets.js';

/** The policy every page states: only the site's own files, no inline script, style or handler. */
export const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; " + "base-uri 'none'; form-action 'self'";

/** What a page is, and where it sits in the site. */
export interface PageProps {
  /** The page's path from the site's root (`drivers/lvm/index.html`). */
  path: string;
  /** The prefix back to the site's root. */
  root: string;
  title: string;
  /** Whether the page runs the filter script (the index). */
  script?: boolean;
  children: ComponentChildren;
}

/** A page's HTML document, doctype included. */
export function renderPage(props: PageProps): string {
  return '<!doctype html>\n' + renderToString(<Page {...props} />) + '\n';
}

function Page({ root, title, script, children }: PageProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta http-equiv="Content-Security-Policy" content={CSP} />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{title}</title>
        <link rel="icon" type="image/svg+xml" href={root + ICON_PATH} />
        <link rel="stylesheet" href={root + STYLE_PATH} />
        <link
          rel="alternate"
          type="application/atom+xml"
          title="Submissions and withdrawals"
          href={root + 'feed.xml'}
        />
        {script ? <script src={root + SCRIPT_PATH} defer /> : null}
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to the content
        </a>
        <header>
          <nav aria-label="Site">
            <a href={root + 'index.html'}>All drivers</a> · <a href={root + 'api/v1/index.json'}>JSON API</a> ·{' '}
            <a href={root + 'feed.xml'}>Atom feed</a>
          </nav>
        </header>
        <main id="main">{children}</main>
        <footer>
          <p>
            Built by <code>drivercert site</code> from drivers.yaml and the results of the repository, the same record
            as MATRIX.md.
          </p>
        </footer>
      </body>
    </html>
  );
}
