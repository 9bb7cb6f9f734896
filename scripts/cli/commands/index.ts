// Every command of the CLI, in the order `drivercert --help` lists them.
import type { Command } from '../command.js';
import { validateCommand } from './validate.js';
import { matrixCommand } from './matrix.js';
import { cycleCloseCommand, cycleImportCommand, cycleOpenCommand } from './cycle.js';
import { registryImportCommand } from './registry.js';
import { codeownersCommand } from './codeowners.js';
import { missingCommand } from './missing.js';
import { inspectCommand } from './inspect.js';
import { packCommand } from './pack.js';

export const COMMANDS: readonly Command[] = [validateCommand, inspectCommand, packCommand, matrixCommand, cycleOpenCommand, cycleCloseCommand, cycleImportCommand, missingCommand, codeownersCommand, registryImportCommand];
