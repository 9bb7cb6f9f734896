// `drivercert merge-reports SHARD.json… [--shards N] [--format markdown|json]`
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from '../command.js';
import { choice, str } from '../command.js';
import { InputError, UsageError } from '../../lib/findings.js';
import { mergeShardReports, parseShardReport, type ShardReport } from '../../lib/audit/merge.js';
import { auditFailed, renderAudit, type AuditGaps } from '../../lib/audit/markdown.js';
import { formatJson } from '../../lib/report-format.js';

const FORMATS = ['markdown', 'json'] as const;

export const mergeReportsCommand: Command = {
  name: 'merge-reports',
  help: `Usage: drivercert merge-reports SHARD.json… [options]

Merges the JSON reports of \`drivercert validate --shard K/N --format json\` (one per
shard of a full revalidation) into one: findings several shards report (drivers.yaml,
the cycles) are kept once, submissions and bundles are counted once each.

Options:
  --shards N        the number of shards expected: fewer reports fail the audit
  --format FORMAT   markdown (default: the job summary and issue body) or json
                    (the merged report, as validate --format json prints it)
  -h, --help        show this help

Exit status: 0 every shard reported and nothing failed, 1 an error, a missing or
unreadable shard, or a bundle checked from its Git LFS pointer only; 2 usage error.`,
  options: {
    shards: { type: 'string' },
    format: { type: 'string' },
  },
  positionals: { min: 1, max: Infinity, name: 'SHARD.json' },
  async run(args, io) {
    const format = choice(args, 'format', FORMATS, 'markdown');
    const shardsText = str(args, 'shards');
    if (shardsText !== undefined && !/^[1-9][0-9]{0,2}$/.test(shardsText))
      throw new UsageError(`--shards needs a number of shards from 1 to 999, got "${shardsText}"`);
    const gaps: AuditGaps = { unreadable: [], ...(shardsText ? { expected: Number(shardsText) } : {}) };
    const shards: ShardReport[] = [];
    for (const file of args.positionals) {
      try {
        shards.push(parseShardReport(file, readFileSync(resolve(io.cwd, file), 'utf8')));
      } catch (e) {
        if (e instanceof InputError) gaps.unreadable.push({ file, why: e.message });
        else if ((e as NodeJS.ErrnoException).code) gaps.unreadable.push({ file, why: (e as Error).message });
        else throw e;
      }
    }
    const merged = mergeShardReports(shards);
    io.out(format === 'json' ? formatJson(merged.report, merged.stats) : renderAudit(merged, gaps));
    return auditFailed(merged, gaps) ? 1 : 0;
  },
};
