// The benches' command lines: `--help` prints the script's leading `//` comment, and a bad
// option or value ends the script with one plain line and exit 2, never a stack trace.
import { readFileSync } from 'node:fs';
import { basename, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;
type Values<O extends Options> = ReturnType<
  typeof parseArgs<{ options: O; strict: true; allowPositionals: false }>
>['values'];

export class BenchArgs<O extends Options> {
  readonly values: Values<O>;
  readonly #name: string;

  /** Parse process.argv for the bench at `scriptUrl` (its `import.meta.url`). */
  constructor(scriptUrl: string, options: O, extraHelp = '') {
    const file = fileURLToPath(scriptUrl);
    this.#name = relative(process.cwd(), file).startsWith('..')
      ? `bench/${basename(file)}`
      : relative(process.cwd(), file);
    let parsed: Record<string, unknown>;
    try {
      parsed = parseArgs({
        options: { ...options, help: { type: 'boolean', short: 'h' } },
        strict: true,
        allowPositionals: false,
      }).values;
    } catch (e) {
      this.fail((e as Error).message);
    }
    this.values = parsed as Values<O>;
    if (parsed.help) {
      const head: string[] = [];
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        if (!line.startsWith('//')) break;
        head.push(line.slice(3));
      }
      process.stdout.write(head.join('\n') + '\n' + extraHelp);
      process.exit(0);
    }
  }

  /** The option `--name` as a whole number of at least `min`, or a plain error. */
  int(name: keyof O & string, min = 1): number {
    const raw = (this.values as Record<string, unknown>)[name];
    const n = Number(raw);
    if (typeof raw !== 'string' || !Number.isSafeInteger(n) || n < min)
      this.fail(`--${name} must be a whole number of at least ${min}, not ${JSON.stringify(raw)}`);
    return n;
  }

  /** The option `--name` as a comma-separated list of positive numbers. */
  numbers(name: keyof O & string): number[] {
    const raw = (this.values as Record<string, unknown>)[name];
    const list = typeof raw === 'string' ? raw.split(',').map(Number) : [];
    if (list.length === 0 || list.some((n) => !Number.isFinite(n) || n <= 0))
      this.fail(`--${name} must be a comma-separated list of positive numbers, not ${JSON.stringify(raw)}`);
    return list;
  }

  fail(message: string): never {
    process.stderr.write(`${this.#name}: ${message}\n(--help shows the options)\n`);
    process.exit(2);
  }
}
