// The registry of files the repository generates from its data. Each feature module
// describes its file (a GeneratedFile, generated-file.ts) and is listed here; this module
// imports them and nothing imports it back, so there is no import cycle.
import { codeownersFile } from './codeowners.js';
import type { GeneratedFile } from './generated-file.js';
import { MATRIX_FILE } from './matrix/matrix-file.js';

export { isFresh, regenerate, type GeneratedFile } from './generated-file.js';

/** Registered generated files; each feature module adds its own entry here. */
export const GENERATED: GeneratedFile[] = [MATRIX_FILE, codeownersFile];
