// How a site is built beyond its record: where it links files of the repository and where it is published.

/** The site's options. */
export interface SiteOptions {
  /** The repository's web view (`https://github.com/ORG/REPO`), or undefined to leave file links out. */
  sourceUrl?: string | undefined;
  /** Where the site is published, for the badge's Markdown (undefined: a placeholder). */
  siteUrl?: string | undefined;
}
