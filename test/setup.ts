// Run before every test file (vitest's setupFiles), in the file's own context: even when
// workers are reused across files without isolation, each file removes its own scratch folders.
import { afterAll } from 'vitest';
import { removeScratch } from './helpers/cli.js';

afterAll(removeScratch);
