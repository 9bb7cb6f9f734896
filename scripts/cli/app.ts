// The `drivercert` command line: parses arguments and calls the library; nothing else.
import { isAbsolute, relative } from 'node:path';
import { WriteFailure } from '../lib/atomic.js';
import { InputError, UsageError, formatPlace } from '../lib/findings.js';
import { printable } from '../lib/terminal.js';
import { parseCommandArgs, type Command, type Io } from './command.js';
import { COMMANDS, type CommandEntry } from './commands/index.js';

const GROUPS = new Set(COMMANDS.filter((c) => c.name.includes(' ')).map((c) => c.name.split(' ')[0]!));

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: drivercert <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Every command takes --repo DIR (default: the current directory) and --help.',
    'Exit status: 0 success, 1 invalid input or failed check, 2 usage error.',
  ].join('\n');
}

/** Find the command named by the first argument(s). */
function findCommand(argv: string[]): { cmd: CommandEntry | undefined; rest: string[]; name: string } {
  const [first, second] = argv;
  if (first && GROUPS.has(first)) {
    const name = `${first} ${second ?? ''}`.trim();
    return { cmd: COMMANDS.find((c) => c.name === name), rest: argv.slice(2), name };
  }
  return { cmd: COMMANDS.find((c) => c.name === first), rest: argv.slice(1), name: first ?? '' };
}

/**
 * Run the CLI with the given arguments; resolves to the exit status. Everything it prints
 * passes through printable(): text from a submission never reaches a terminal as control
 * characters (see ../lib/terminal.ts).
 */
export async function main(argv: string[], rawIo: Io): Promise<number> {
  const io: Io = { ...rawIo, out: (s) => rawIo.out(printable(s)), err: (s) => rawIo.err(printable(s)) };
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    (argv.length === 0 ? io.err : io.out)(usage() + '\n');
    return argv.length === 0 ? 2 : 0;
  }
  const { cmd: entry, rest, name } = findCommand(argv);
  if (!entry) {
    const group = GROUPS.has(argv[0]!) ? argv[0] : undefined;
    io.err(
      `drivercert: unknown command "${name}"${
        group
          ? `; ${group} takes: ${COMMANDS.filter((c) => c.name.startsWith(group + ' '))
              .map((c) => c.name.split(' ')[1])
              .join(', ')}`
          : ''
      }\n\n${usage()}\n`,
    );
    return 2;
  }
  const cmd = await entry.load();
  try {
    const args = parseCommandArgs(cmd, rest);
    if (args.values.help) {
      io.out(cmd.help + '\n');
      return 0;
    }
    return await cmd.run(args, io);
  } catch (e) {
    return reportError(e, cmd, io);
  }
}

function reportError(e: unknown, cmd: Command, io: Io): number {
  if (e instanceof UsageError) {
    io.err(`drivercert ${cmd.name}: ${e.message}\nRun \`drivercert ${cmd.name} --help\` for usage.\n`);
    return 2;
  }
  if (e instanceof InputError) {
    const place = e.file ? `${formatPlace({ file: e.file, line: e.line })} ` : '';
    io.err(`${place}${e.message}\n${e.tip ? `  tip: ${e.tip}\n` : ''}`);
    return 1;
  }
  if (e instanceof WriteFailure) {
    io.err(writeFailureMessage(e, io.cwd));
    return 1;
  }
  const err = e as NodeJS.ErrnoException;
  if (err && typeof err.code === 'string' && typeof err.path === 'string') {
    io.err(`${err.path}: ${systemMessage(err)}\n`);
    return 1;
  }
  io.err(
    `drivercert ${cmd.name}: internal error: ${err?.message ?? String(e)}\n` +
      '  This is a bug in drivercert; please report it with the command you ran.\n',
  );
  if (io.env.DRIVERCERT_DEBUG) io.err(`${err?.stack ?? ''}\n`);
  return 1;
}

/** What a failed write did and did not change, and how to finish the job. */
function writeFailureMessage(e: WriteFailure, cwd: string): string {
  const rel = relative(cwd, e.path);
  const place = rel === '' || rel.startsWith('..') || isAbsolute(rel) ? e.path : rel;
  const cause = (e.cause as Error | undefined)?.message ?? String(e.cause);
  const why = systemMessage({ name: 'Error', code: e.code, message: cause });
  const lines = [`${place}: not written: ${why}. The file is as it was before, and no temporary file is left.`];
  for (const note of e.notes) lines.push(`  ${note.replaceAll(cwd + '/', '')}`);
  if (e.done.length) lines.push(`  Already done before this: ${e.done.join('; ')}.`);
  lines.push(
    "  tip: Fix that (free some space, check the folder's permissions) and run the same command again: " +
      'it completes what is missing.',
  );
  return lines.join('\n') + '\n';
}

function systemMessage(e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EDQUOT':
      return 'the disk quota is exceeded';
    case 'EROFS':
      return 'the file system is read-only';
    case 'EIO':
      return 'an input/output error (the disk or the file system failed)';
    case 'EISDIR':
      return 'is a directory, not a file';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    default:
      return e.message;
  }
}
