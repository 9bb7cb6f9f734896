// Read a bundle member from standard input with the parser a member of that name gets in a
// bundle (`parserForMember`), and print what it ended in as one JSON line:
//   node test/hostile/parse-member.mjs cert.log < member
// Exit 0 when the parser ended (in results or problems), 3 when it threw.
import { fileURLToPath } from 'node:url';

const dist = new URL('../../dist/lib/formats/index.js', import.meta.url);
const { parserForMember, countResults } = await import(fileURLToPath(dist));

const name = process.argv[2];
const parser = parserForMember(name);
if (!parser) {
  process.stderr.write(`no parser for a member named ${name}\n`);
  process.exit(2);
}
try {
  for await (const chunk of process.stdin) parser.write(chunk);
  const r = parser.end();
  process.stdout.write(
    JSON.stringify({ format: r.format, counts: countResults(r.tests), problems: r.problems.slice(0, 50), problemCount: r.problems.length, ids: r.tests.slice(0, 5).map((t) => t.id.slice(0, 200)) }) + '\n',
  );
} catch (e) {
  process.stderr.write(`the parser threw: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(3);
}
