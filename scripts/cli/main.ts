#!/usr/bin/env node
// The `drivercert` executable: wires the process to the CLI.
import type { Io } from './command.js';
import { main } from './app.js';
import { printable } from '../lib/terminal.js';

const io: Io = {
  out: (s) => void process.stdout.write(s),
  err: (s) => void process.stderr.write(s),
  interactive: Boolean(process.stdin.isTTY && process.stderr.isTTY),
  cwd: process.cwd(),
  env: process.env,
  terminal: { input: process.stdin, output: process.stderr },
};

// Quietly stop when the reader of our output goes away (`drivercert … | head`).
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
});

let settled = false;
main(process.argv.slice(2), io).then(
  (code) => {
    settled = true;
    process.exitCode = code;
  },
  (e) => {
    settled = true;
    process.stderr.write(printable(`drivercert: internal error: ${(e as Error).message}\n`));
    process.exitCode = 1;
  },
);

// Node exits, with status 0, once nothing is left to wait for, even when the command is
// still waiting on a promise that can no longer settle: never let that pass for success.
process.on('beforeExit', () => {
  if (settled) return;
  process.stderr.write(
    'drivercert: internal error: the command stopped before it finished (it was left waiting on nothing)\n' +
      '  This is a bug in drivercert; please report it with the command you ran.\n',
  );
  process.exit(1);
});
