// The registry of checks `drivercert validate` runs, in the order they run (the report is sorted).
import type { Check } from './types.js';
import { schemaValid, yamlSyntax } from './yaml-files.js';
import { uniqueDriverIds } from './registry.js';
import { cycleDates, cycleFolders, oneOpenCycle, uniqueCycleTests, waiversResolve } from './cycles.js';
import { staleTempFiles } from './temp-files.js';
import { noSecretsInText } from './text-secrets.js';
import {
  submissionCycle,
  submissionDriver,
  submissionFiles,
  submissionFolders,
  submissionProtocol,
} from './submissions.js';
import {
  bundleIdentity,
  bundlePresent,
  bundleReadable,
  certLogComplete,
  certVerdictAgrees,
  commitsMatch,
  derivedMatch,
  driverClassMatches,
  hasResults,
  noSecrets,
  requiredTests,
  sourcesAgree,
  sourcesParse,
} from './bundles.js';
import {
  durationsAgree,
  enabledBackendDriver,
  runInCycle,
  runNotCopied,
  runPlausible,
  runRecorded,
  runTimesAgree,
} from './evidence/index.js';
import { consoleAttribution, successTraceback, testMatching } from './story.js';

export const CHECKS: readonly Check[] = [
  yamlSyntax,
  schemaValid,
  uniqueDriverIds,
  cycleFolders,
  oneOpenCycle,
  cycleDates,
  uniqueCycleTests,
  waiversResolve,
  submissionFiles,
  submissionFolders,
  submissionDriver,
  submissionCycle,
  submissionProtocol,
  staleTempFiles,
  bundleReadable,
  bundleIdentity,
  bundlePresent,
  certLogComplete,
  commitsMatch,
  driverClassMatches,
  enabledBackendDriver,
  hasResults,
  sourcesParse,
  sourcesAgree,
  successTraceback,
  derivedMatch,
  testMatching,
  consoleAttribution,
  noSecrets,
  noSecretsInText,
  requiredTests,
  certVerdictAgrees,
  runInCycle,
  runTimesAgree,
  runPlausible,
  durationsAgree,
  runRecorded,
  runNotCopied,
];
