// Writes schemas/validators.cjs, the validators Ajv compiles from schemas/*.schema.json:
//   npm run schemas
import { join } from 'node:path';
import { writeFileAtomic } from '../lib/atomic.js';
import { packageRoot } from '../lib/package-root.js';
import { VALIDATORS_FILE, validatorsSource } from '../lib/schema-compile.js';

writeFileAtomic(join(packageRoot(), VALIDATORS_FILE), validatorsSource());
console.error(`wrote ${VALIDATORS_FILE}`);
