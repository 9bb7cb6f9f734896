// Each rule on whether a bundle's run is what it claims to be, on its valid and invalid cases.
import { testCheck } from '../helpers/rule-tester.js';
import { EVIDENCE_RULES } from './cases/evidence.js';

for (const t of EVIDENCE_RULES) testCheck(t);
