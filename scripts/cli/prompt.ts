// Asking for a missing value on a terminal (pack's stated fields).
import { createInterface } from 'node:readline/promises';

/** Ask one question on stderr/stdin; re-asks until `valid` accepts the answer. */
export async function ask(question: string, valid: (answer: string) => string | undefined): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  try {
    for (;;) {
      const answer = (await rl.question(`${question}: `)).trim();
      const problem = valid(answer);
      if (problem === undefined) return answer;
      process.stderr.write(`  ${problem}\n`);
    }
  } finally {
    rl.close();
  }
}
