// Each rule on a submission's bundle, on its valid and invalid cases.
import { testCheck } from '../helpers/rule-tester.js';
import { BUNDLE_RULES } from './cases/bundles.js';
import { STORY_RULES } from './cases/story.js';

for (const t of [...BUNDLE_RULES, ...STORY_RULES]) testCheck(t);
