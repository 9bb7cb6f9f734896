/** Peak resident memory of this program, in KiB (see peak-rss.mjs). */
export function peakRssKb(): number;
