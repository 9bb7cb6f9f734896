// The real-world corpus (test/fixtures/real-world/): its manifest, and a bundle holding any
// of its files the way a vendor hands them in — a subunit stream or a JUnit file as a member,
// console output inside cert.log's tempest section — read by the same analysis as `inspect`.
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { analyseBundle, type BundleAnalysis } from '../../scripts/lib/analysis/analyse.js';
import { ROOT } from './cli.js';
import { certLogText } from './submission.js';
import { packBundle } from './tar.js';

export const CORPUS = join(ROOT, 'test/fixtures/real-world');

export interface Counts4 {
  total: number;
  passed: number;
  failed: number;
  skipped: number;
}

/** One file of manifest.json (written by corpus.py). */
export interface CorpusEntry {
  path: string;
  format: 'subunit-v2' | 'subunit-v1' | 'junit' | 'subunit-trace' | 'pyunit';
  producer: string;
  origin: string;
  license: string;
  oracle: string;
  expected: Counts4;
  bytes: number;
  /** Files that are one run split in several files. */
  run?: string;
  /** Files that are the same run in different formats. */
  same_run?: string;
  /** The stream a rendered file was made from. */
  stream?: string;
}

/** Every file of the corpus, as the manifest lists them. */
export function corpusManifest(): CorpusEntry[] {
  return (JSON.parse(readFileSync(join(CORPUS, 'manifest.json'), 'utf8')) as { files: CorpusEntry[] }).files;
}

/** A corpus file's bytes. */
export function corpusFile(path: string): Buffer {
  return readFileSync(join(CORPUS, path));
}

const RULE = '========================================================';

/** A cert script log whose tempest section is `console` (the step pretty_tox.sh's output lands in). */
export function certLogAround(console: string, passed = false): string {
  const log = certLogText('cinder.volume.drivers.lvm.LVMVolumeDriver', passed);
  // The verdict is the log's last step: its header opens with the last rule but one.
  const verdictAt = log.lastIndexOf(`\n${RULE}\n`, log.lastIndexOf(`\n${RULE}\n`) - 1);
  const step = '06/01/25/11:59:02:Run the actual tempest volume tests (./tools/pretty_tox.sh volume)...,';
  const run = `\n${RULE}\n${step}\n${RULE}\n`;
  return `${log.slice(0, verdictAt)}${run}running testr\n${console.replace(/\n?$/, '\n')}${log.slice(verdictAt)}`;
}

/** The bundle member an entry becomes: its name, and its content (console output goes inside cert.log). */
export function memberOf(e: CorpusEntry): { name: string; content: Buffer | string } {
  const content = corpusFile(e.path);
  const flat = e.path.replace(/\//g, '__');
  switch (e.format) {
    case 'subunit-v1':
    case 'subunit-v2':
      return { name: `${flat}.subunit`, content };
    case 'junit':
      return { name: `results/${basename(flat).replace(/\.xml$/, '')}.xml`, content };
    default:
      return { name: 'cert.log', content: certLogAround(content.toString('utf8')) };
  }
}

/** Analyse a bundle of these members, in this order, as `inspect` does. */
export async function analyseMembers(members: { name: string; content: Buffer | string }[]): Promise<BundleAnalysis> {
  const tgz = await packBundle(members);
  return analyseBundle(Readable.from([tgz]), { label: 'corpus.tgz' });
}

/** What drivercert makes of a bundle: where the counts come from, in which format, and the four counts. */
export function countsOf(a: BundleAnalysis): { member?: string; format?: string } & Counts4 {
  const c = a.primary?.counts ?? { total: 0, passed: 0, failed: 0, skipped: 0 };
  return {
    member: a.primary?.member,
    format: a.primary?.format,
    total: c.total,
    passed: c.passed,
    failed: c.failed,
    skipped: c.skipped,
  };
}

/** The sum of several files' counts (one run split in files). */
export function sumOf(entries: CorpusEntry[]): Counts4 {
  const s = { total: 0, passed: 0, failed: 0, skipped: 0 };
  for (const e of entries) for (const k of Object.keys(s) as (keyof Counts4)[]) s[k] += e.expected[k];
  return s;
}

/** A few member orders of a list: as given, reversed, and rotated by one. */
export function memberOrders<T>(items: T[]): { name: string; items: T[] }[] {
  return [
    { name: 'as listed', items },
    { name: 'reversed', items: [...items].reverse() },
    { name: 'rotated', items: [...items.slice(1), ...items.slice(0, 1)] },
  ];
}
