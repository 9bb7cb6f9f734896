// Each rule on a submission's bundle, on its valid and invalid cases.
import { testCheck } from '../helpers/rule-tester.js';
import { BUNDLE_RULES } from './cases/bundles.js';

for (const t of BUNDLE_RULES) testCheck(t);
