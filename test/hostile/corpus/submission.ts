// A submission around a bundle a case built: result.yaml says what `inspect` found in the
// bundle — what `drivercert pack` would have written, had it agreed to pack it — so that
// `validate` objects to the case's input and to nothing else. For a bundle inspect refuses,
// only result.yaml's sha256 and size follow the new bytes.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { TestRecord } from '../../../scripts/lib/formats/types.js';
import type { Counts, Cycle, Registry, Result, ResultSourceKind } from '../../../scripts/lib/model.js';
import { capabilityOutcomes, evaluateRun } from '../../../scripts/lib/results/evaluate.js';
import { parseLoadedFile } from '../../../scripts/lib/repo.js';
import { renderResult } from '../../../scripts/lib/results/result-file.js';
import { certLogText } from '../../helpers/submission.js';
import { TEST_IDS, concat, passingTest } from './bytes.js';
import type { Member } from './types.js';

export const CYCLE = '2025.2';
export const LVM_CLASS = 'cinder.volume.drivers.lvm.LVMVolumeDriver';
/** The day the corpus's runs happened (bytes.ts RUN_START). */
export const RUN_DAY = '2025-11-01';

/** The submission folder and bundle of `driver` in the open cycle. */
export function submissionOf(driver: string): { folder: string; bundle: string; result: string } {
  const folder = `results/${CYCLE}/${driver}`;
  return { folder, bundle: `${folder}/${driver}-${CYCLE}.tgz`, result: `${folder}/result.yaml` };
}

/** A complete cert.log (commits, cinder.conf naming `volumeDriver`, the final line) without tempest output of its own. */
export const certLogOf = (volumeDriver = LVM_CLASS, passed = true): Member => ({
  name: 'cert.log',
  bytes: () => [Buffer.from(certLogText(volumeDriver, passed, { day: RUN_DAY }))],
});

/** A subunit stream of three passing tests (TEST_IDS). */
export const passingSubunit: Member = {
  name: 'tempest.subunit',
  bytes: concat(...TEST_IDS.map((id) => passingTest(id))),
};

/** The members of a complete, valid run of the driver of `volumeDriver`: its cert.log and a subunit stream of three passing tests. */
export const honestMembers = (volumeDriver = LVM_CLASS): Member[] => [certLogOf(volumeDriver), passingSubunit];

/** The drivers of `root` without a submission in the open cycle, each with its first class. */
export function freeDrivers(root: string): { id: string; volumeDriver: string }[] {
  const registry = parse(readFileSync(join(root, 'drivers.yaml'), 'utf8')) as Registry;
  return registry.drivers
    .filter((d) => d.status !== 'removed' && !existsSync(join(root, submissionOf(d.id).folder)))
    .map((d) => ({ id: d.id, volumeDriver: d.class[0]! }));
}

/** What `inspect --format json --tests` prints (the parts used here). */
export interface InspectJson {
  bundle: { sha256: string; size: number };
  source: ResultSourceKind | null;
  sources: { member: string; results: Counts; problems: { message: string; line?: number; offset?: number }[] }[];
  results: Counts | null;
  commits: { cinder: string | null; tempest: string | null };
  cert_log: { verdict: string | null; problems: { message: string; line?: number }[] } | null;
  members: { name: string; type: string; size: number }[];
  tests?: { id: string; status: TestRecord['status']; reason?: string }[];
  errors?: { member?: string; code: string; message: string; tip?: string }[];
}

/**
 * Rewrite `driver`'s result.yaml in `root` for its bundle: from inspect's findings, or
 * (`found` undefined) its identity only. What no schema-valid result.yaml can hold is left
 * out: a test id of a MiB in failed_tests (the old derived part stays), a size of 0 (the
 * old size stays, and validate says the sizes differ).
 */
export function resultForBundle(root: string, driver: string, found: InspectJson | undefined): void {
  const { bundle, result: resultPath } = submissionOf(driver);
  const old = parse(readFileSync(join(root, resultPath), 'utf8')) as Result;
  const valid = (r: Result): string | undefined => {
    const text = renderResult(r);
    return parseLoadedFile(resultPath, text, 'result').problems.length ? undefined : text;
  };
  const size = statSync(join(root, bundle)).size;
  const identity: Result = {
    ...old,
    bundle: {
      file: old.bundle.file,
      sha256: createHash('sha256')
        .update(readFileSync(join(root, bundle)))
        .digest('hex'),
      size: size || old.bundle.size,
    },
  };
  let derived: Result | undefined;
  if (found?.results && found.source && found.tests) {
    const cycle = parse(readFileSync(join(root, `results/${CYCLE}/cycle.yaml`), 'utf8')) as Cycle;
    const evaluation = evaluateRun(found.tests as TestRecord[], cycle, driver);
    derived = {
      ...identity,
      source: found.source,
      results: found.results,
      failed_tests: evaluation.failedTests,
      skipped_tests: evaluation.skippedTests,
      capabilities: capabilityOutcomes(evaluation),
      verdict: evaluation.verdict,
    };
  }
  const commits = (r: Result): Result => ({
    ...r,
    environment: {
      ...r.environment,
      cinder_commit: found?.commits.cinder ?? r.environment.cinder_commit,
      tempest_commit: found?.commits.tempest ?? r.environment.tempest_commit,
    },
  });
  writeFileSync(join(root, resultPath), (derived && valid(commits(derived))) ?? valid(commits(identity))!);
}
