// Asking for missing values on a terminal (pack's stated fields).
import { createInterface, type Interface } from 'node:readline';
import { Readable } from 'node:stream';
import { UsageError } from '../lib/findings.js';
import type { Io } from './command.js';

/** One question-and-answer session on the Io's terminal; answers typed ahead are kept in order. Close it when done. */
export class Prompter {
  private rl: Interface | undefined;
  private readonly lines: string[] = [];
  private waiting: ((line: string | undefined) => void) | undefined;
  private ended = false;

  /** `terminal`: where to ask (without one, the input has ended before the first answer). */
  constructor(private readonly terminal: Io['terminal']) {}

  private open(): void {
    if (this.rl) return;
    this.rl = this.terminal
      ? createInterface({ input: this.terminal.input, output: this.terminal.output, terminal: true })
      : createInterface({ input: Readable.from([]), terminal: false });
    this.rl.on('line', (line) => {
      if (this.waiting) {
        const w = this.waiting;
        this.waiting = undefined;
        w(line);
      } else this.lines.push(line);
    });
    this.rl.on('close', () => {
      this.ended = true;
      this.waiting?.(undefined);
      this.waiting = undefined;
    });
  }

  private next(): Promise<string | undefined> {
    const queued = this.lines.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.ended) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  /** Ask until `valid` accepts the answer (it returns a complaint, or undefined when fine). */
  async ask(question: string, flag: string, valid: (answer: string) => string | undefined): Promise<string> {
    this.open();
    for (;;) {
      this.rl!.setPrompt(`${question}: `);
      this.rl!.prompt();
      const line = await this.next();
      if (line === undefined) throw new UsageError(`no answer for ${flag} (the input ended)`);
      const answer = line.trim();
      const problem = valid(answer);
      if (problem === undefined) return answer;
      this.terminal?.output.write(`  ${problem}\n`);
    }
  }

  close(): void {
    this.rl?.close();
  }
}
