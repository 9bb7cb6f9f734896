// Nothing public prints a secret: every line of the labelled secrets corpus is fed through each
// public output — the inert renderings (MATRIX.md and issue bodies, the reviewer's report and job
// summary, the site's HTML text, annotations, terminal lines), the validate report in each format,
// the reviewer's report as a whole, and the JSON outputs — and none of its secrets comes out.
// Each rendering must show exactly what it shows for the line already redacted.
import { describe, expect, it } from 'vitest';
import { redactDeep, redactSecrets } from '../../scripts/lib/bundle/redact.js';
import { reporter } from '../../scripts/lib/checks/report.js';
import { toReport } from '../../scripts/lib/checks/runner.js';
import {
  annotationMessage,
  annotationProperty,
  htmlText,
  inline,
  mdCode,
  mdText,
  plainText,
  printableLine,
} from '../../scripts/lib/inert/index.js';
import { buildReviewReport } from '../../scripts/lib/report/review.js';
import { renderMarkdown } from '../../scripts/lib/report/markdown.js';
import { formatGithub, formatJson, formatText } from '../../scripts/lib/report-format.js';
import { loadRepo } from '../../scripts/lib/repo.js';
import type { Finding } from '../../scripts/lib/findings.js';
import { loadSecretCorpus } from '../fixtures/secrets/corpus.js';
import { copyShippedRepo } from '../helpers/cli.js';
import { writeSubmission } from '../helpers/submission.js';
import { TEST_B } from '../pr/fixture.js';

const secrets = loadSecretCorpus().filter((e) => e.secret);
const STATS = { drivers: 1, cycles: 1, submissions: 1, bundles: 1 };

/** OUTPUT holds none of the corpus entry's secrets. */
function expectNoSecret(output: string, values: readonly string[], where: string): void {
  for (const v of values) expect(output.includes(v), `${where} shows the secret ${JSON.stringify(v)}`).toBe(false);
}

const RENDERINGS: [string, (s: string) => string][] = [
  ['inline (MATRIX.md, issue bodies)', (s) => inline(s)],
  ["mdText (the reviewer's report, the job summary)", (s) => mdText(s, 100_000)],
  ['mdCode', (s) => mdCode(s, 100_000)],
  ['plainText', (s) => plainText(s)],
  ["htmlText (the site's text)", (s) => htmlText(s, { keepLines: true })],
  ['annotationMessage', annotationMessage],
  ['annotationProperty', annotationProperty],
  ['printableLine (terminal lines)', printableLine],
];

describe('every public rendering redacts the secrets corpus', () => {
  for (const [name, render] of RENDERINGS) {
    it(`${name}: shows each secret line as it shows the line redacted`, () => {
      expect(secrets.length).toBeGreaterThanOrEqual(80);
      for (const e of secrets) {
        const out = render(e.line);
        expectNoSecret(out, e.values, `${name} of #${e.index}`);
        expect(out, `#${e.index}`).toBe(render(redactSecrets(e.line)));
      }
    });
  }

  it('a JSON document (inspect, missing, the matrix model) keeps its shape and loses its secrets', () => {
    const doc = { tests: secrets.map((e) => ({ id: `t${e.index}`, reason: e.line, n: e.index })), ok: true };
    const out = redactDeep(doc);
    expect(out.tests.map((t) => t.id)).toEqual(doc.tests.map((t) => t.id));
    expect(out.ok).toBe(true);
    const text = JSON.stringify(out);
    for (const e of secrets) expectNoSecret(text, e.values, `JSON of #${e.index}`);
  });
});

describe('validate reports redact what a finding quotes', () => {
  const findings: Finding[] = [];
  const report = reporter({ id: 'some-rule', name: 'a rule' }, findings);
  for (const e of secrets) report.at('results/2025.2/lvm/result.yaml', e.index).error(`quoted: ${e.line}`, e.line);
  const all = toReport(findings);

  it.each([
    ['text', () => formatText(all, STATS)],
    ['json', () => formatJson(all, STATS)],
    ['github (annotations)', () => formatGithub(all, STATS)],
  ])('%s', (_name, format) => {
    const out = format();
    for (const e of secrets) expectNoSecret(out, e.values, `#${e.index}`);
  });
});

describe("the reviewer's report (the PR comment) redacts test details and contributor text", () => {
  it('shows no secret of a bundle note, a failure line or the backend model', () => {
    const root = copyShippedRepo();
    const [model, traceback] = secrets.filter((e) => !e.line.includes('\n') && e.line.length < 100);
    writeSubmission(root, {
      driver: 'lvm',
      cycle: '2025.2',
      submitter: 'alice',
      submitted: '2025-10-20',
      backendModel: model!.line,
      failed: [TEST_B],
    });
    const repo = loadRepo(root);
    const failed = repo.submissions.find((s) => s.driver === 'lvm' && s.cycle === '2025.2')!.result!.data!
      .failed_tests[0]!;
    const review = buildReviewReport(repo, toReport([]), STATS, {
      focus: (s) => s.driver === 'lvm' && s.cycle === '2025.2',
      ctx: {} as never,
      bundleReview: () => ({
        failures: [{ test: failed, firstLine: `AuthError: ${traceback!.line}` }],
        secrets: [],
        notes: secrets.map((e) => e.line),
      }),
    });
    const md = renderMarkdown(review);
    // Every note reached the report, redacted (its Markdown escapes the brackets).
    expect(md.split('\\[REDACTED\\]').length - 1).toBeGreaterThanOrEqual(secrets.length);
    expect(md).toContain('AuthError: ');
    expect(md).toMatch(/\| Backend \| .*\\\[REDACTED\\\]/);
    for (const e of secrets) expectNoSecret(md, e.values, `the report, #${e.index}`);
  });
});
