// Where each file of the site lives and how pages link to each other: relative links only, to
// explicit `index.html` files, so the site works under a project-pages sub-path and from file://.

/** The path of a driver's page, from the site's root. */
export function driverPage(id: string): string {
  return `drivers/${encodeURIComponent(id)}/index.html`;
}

/** The path of a cycle's page, from the site's root. */
export function cyclePage(name: string): string {
  return `cycles/${encodeURIComponent(name)}/index.html`;
}

/** The path of a driver's API document, from the site's root. */
export function driverApi(id: string): string {
  return `api/v1/drivers/${encodeURIComponent(id)}.json`;
}

/** The path of a cycle's API document, from the site's root. */
export function cycleApi(name: string): string {
  return `api/v1/cycles/${encodeURIComponent(name)}.json`;
}

/** The path of a driver's badge, `json` or `svg`, from the site's root. */
export function badgePath(id: string, ext: 'json' | 'svg'): string {
  return `badges/${encodeURIComponent(id)}.${ext}`;
}

/** The prefix that leads from a page at `path` back to the site's root (`''` or `../../`). */
export function rootOf(path: string): string {
  return '../'.repeat(path.split('/').length - 1);
}

/** A link to a file of the repository at `source` (blob view), or undefined without a source URL. */
export function sourceLink(source: string | undefined, repoPath: string): string | undefined {
  if (source === undefined) return undefined;
  return `${source}/blob/HEAD/${repoPath.split('/').filter(Boolean).map(encodeURIComponent).join('/')}`;
}
