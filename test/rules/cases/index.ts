// Every rule's cases, for the meta-test that holds each registered rule has them.
import type { CheckTests, PullRequestTests } from '../../helpers/rule-tester.js';
import { REPOSITORY_RULES } from './repository.js';
import { SUBMISSION_RULES } from './submissions.js';
import { BUNDLE_RULES } from './bundles.js';
import { STORY_RULES } from './story.js';
import { PULL_REQUEST_RULES } from './pull-request.js';
import { EVIDENCE_RULES } from './evidence.js';

export const CHECK_TESTS: readonly CheckTests[] = [
  ...REPOSITORY_RULES,
  ...SUBMISSION_RULES,
  ...BUNDLE_RULES,
  ...EVIDENCE_RULES,
  ...STORY_RULES,
];
export const PULL_REQUEST_TESTS: readonly PullRequestTests[] = PULL_REQUEST_RULES;
