// Each rule on drivers.yaml, the cycles and the submission folders, on its valid and invalid cases.
import { testCheck } from '../helpers/rule-tester.js';
import { REPOSITORY_RULES } from './cases/repository.js';
import { SUBMISSION_RULES } from './cases/submissions.js';

for (const t of [...REPOSITORY_RULES, ...SUBMISSION_RULES]) testCheck(t);
