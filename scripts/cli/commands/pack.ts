// `drivercert pack --driver ID --log FILE …`
import type { Command, Io, Parsed } from '../command.js';
import { pathOption, repoRoot, str, userPath } from '../command.js';
import { UsageError } from '../../lib/findings.js';
import { isGitHubLogin } from '../../lib/github-login.js';
import { packSubmission, resolveProtocol, resolveTarget } from '../../lib/pack/pack.js';
import { parseLimitOptions } from '../../lib/bundle/limits.js';
import { today } from '../../lib/dates.js';
import { Prompter } from '../prompt.js';

export const packCommand: Command = {
  name: 'pack',
  help: `Usage: drivercert pack --driver ID --log FILE [options]

Writes results/<cycle>/<ID>/ with a deterministic bundle (<ID>-<cycle>.tgz: the log as
cert.log, the subunit stream, the JUnit file, attachments under logs/) and a result.yaml
holding what you state and what the bundle proves (counts, failed and skipped tests,
per-capability outcome, verdict). Refuses a log with unscrubbed secrets, naming the line.

Inputs:
  --driver ID              the driver, as drivers.yaml names it (required)
  --log FILE               the cert script's log (required)
  --subunit FILE           the tempest run as a subunit stream (stestr last --subunit)
  --junit FILE             the tempest run as JUnit XML (subunit2junitxml)
  --attach FILE…           more files for logs/ (repeat --attach, or list them after it)
  --cycle NAME             the cycle (default: the open cycle)

What you state (asked for on a terminal when missing; otherwise required):
  --submitter LOGIN        your GitHub login
  --backend-model TEXT     the storage backend's model
  --backend-version TEXT   its firmware/software version
  --protocol P             the protocol tested (needed when the driver has several)
  --submitted DATE         YYYY-MM-DD (default: today, UTC)
  --notes TEXT             free-form notes for reviewers

Options:
  --force                  replace an existing submission for this driver and cycle
  --limit NAME=VALUE       override a bundle limit (e.g. maxMemberBytes=4GiB)
  --repo DIR               the repository (default: the current directory)
  -h, --help               show this help

Exit status: 0 written, 1 refused (nothing written), 2 usage error.`,
  options: {
    driver: { type: 'string' },
    log: { type: 'string' },
    subunit: { type: 'string' },
    junit: { type: 'string' },
    attach: { type: 'string', multiple: true },
    cycle: { type: 'string' },
    submitter: { type: 'string' },
    'backend-model': { type: 'string' },
    'backend-version': { type: 'string' },
    protocol: { type: 'string' },
    submitted: { type: 'string' },
    notes: { type: 'string' },
    force: { type: 'boolean' },
    limit: { type: 'string', multiple: true },
  },
  positionals: { min: 0, max: Infinity, name: 'FILE' },
  async run(args, io) {
    const root = repoRoot(args, io);
    const driver = str(args, 'driver');
    const log = pathOption(args, io, 'log');
    if (!driver) throw new UsageError('missing --driver ID');
    if (!log) throw new UsageError("missing --log FILE (the cert script's log)");
    const attach = (args.values.attach as string[] | undefined) ?? [];
    if (args.positionals.length && attach.length === 0)
      throw new UsageError(`unexpected argument "${args.positionals[0]}" (attachments go after --attach)`);
    const cycleName = str(args, 'cycle');
    const target = resolveTarget(root, driver, cycleName);
    const stated = await statedFields(args, io, target.driver.protocols);
    const protocol = resolveProtocol(target.driver, stated.protocol);
    const subunit = pathOption(args, io, 'subunit');
    const junit = pathOption(args, io, 'junit');
    const notes = str(args, 'notes');
    const out = await packSubmission(
      {
        root,
        driver,
        ...(cycleName ? { cycle: cycleName } : {}),
        log,
        ...(subunit ? { subunit } : {}),
        ...(junit ? { junit } : {}),
        attach: [...attach, ...args.positionals].map((p) => userPath(io, p)),
        submitter: stated.submitter,
        backendModel: stated.backendModel,
        backendVersion: stated.backendVersion,
        ...(protocol ? { protocol } : {}),
        submitted: str(args, 'submitted') ?? today(io.env),
        ...(notes !== undefined ? { notes } : {}),
        force: args.values.force === true,
        today: today(io.env),
        limits: parseLimitOptions((args.values.limit as string[] | undefined) ?? []),
      },
      target,
    );
    const c = out.result.results;
    io.err(`wrote ${out.bundlePath} (${out.analysis.size} bytes, sha256 ${out.analysis.sha256})\n`);
    io.err(
      `wrote ${out.resultPath}: ${out.result.verdict}, ${c.passed}/${c.total} passed, ${c.failed} failed, ` +
        `${c.skipped} skipped (from ${out.analysis.primary!.member})\n`,
    );
    for (const cap of out.derivation.evaluation.capabilities.filter((x) => x.required && x.outcome !== 'passed')) {
      const tests = cap.shortfalls.map((s) => s.test.split('.').pop()).join(', ');
      io.err(`  required capability ${cap.id}: ${cap.outcome} (${tests})\n`);
    }
    io.err(`next: npx drivercert validate ${out.dir}  — then open a pull request with ${out.dir}/\n`);
    return 0;
  },
};

interface Stated {
  submitter: string;
  backendModel: string;
  backendVersion: string;
  protocol: string | undefined;
}

/** The stated fields from flags; missing ones are asked for on a terminal, else a usage error naming the flag. */
async function statedFields(args: Parsed, io: Io, protocols: string[]): Promise<Stated> {
  const prompter = new Prompter(io.terminal);
  const need = async (flag: string, question: string, valid: (s: string) => string | undefined): Promise<string> => {
    const v = str(args, flag);
    if (v !== undefined) return v;
    if (!io.interactive) throw new UsageError(`missing --${flag} (${question})`);
    return prompter.ask(question, `--${flag}`, valid);
  };
  const nonEmpty = (s: string) => (s === '' ? 'please answer (Ctrl-C to stop)' : undefined);
  try {
    const submitter = await need('submitter', 'Your GitHub login', (s) =>
      isGitHubLogin(s) ? undefined : 'a GitHub login: letters, digits and single hyphens, without @',
    );
    const backendModel = await need('backend-model', 'Storage backend model', nonEmpty);
    const backendVersion = await need('backend-version', 'Backend firmware/software version', nonEmpty);
    let protocol = str(args, 'protocol');
    if (protocol === undefined && protocols.length > 1) {
      protocol = await need('protocol', `Protocol tested (${protocols.join(', ')})`, (s) =>
        protocols.some((p) => p.toLowerCase() === s.toLowerCase()) ? undefined : `one of ${protocols.join(', ')}`,
      );
    }
    return { submitter, backendModel, backendVersion, protocol };
  } finally {
    prompter.close();
  }
}
