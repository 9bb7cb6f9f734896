// Each pull-request rule, on its valid and invalid cases (branches of a scratch git repository).
import { testPullRequestRule } from '../helpers/rule-tester.js';
import { PULL_REQUEST_RULES } from './cases/pull-request.js';

for (const t of PULL_REQUEST_RULES) testPullRequestRule(t);
