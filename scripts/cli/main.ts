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
};

// Quietly stop when the reader of our output goes away (`drivercert … | head`).
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
});

main(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(printable(`drivercert: internal error: ${(e as Error).message}\n`));
    process.exitCode = 1;
  },
);
