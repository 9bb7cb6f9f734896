// `drivercert validate` on the shipped data, and on data broken in each way a
// contributor really breaks it: exit 1, naming the file, the line and the field, with a tip.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyShippedRepo, drivercert, json } from './helpers/cli.js';
import { lineOf, replaceIn } from './helpers/edit.js';

interface Finding {
  file: string;
  line?: number;
  col?: number;
  pointer?: string;
  rule: string;
  check: string;
  message: string;
  tip?: string;
}
interface Out {
  ok: boolean;
  errors: Finding[];
  warnings: Finding[];
}

async function validateJson(root: string, ...args: string[]): Promise<{ code: number; out: Out; stderr: string }> {
  const r = await drivercert(['validate', '--repo', root, '--format', 'json', ...args]);
  return { code: r.code, out: json<Out>(r), stderr: r.stderr };
}

describe('validate on the shipped data', () => {
  it('exits 0 with a one-line summary', async () => {
    const root = copyShippedRepo();
    const r = await drivercert(['validate', '--repo', root]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toMatch(/^valid: 0 errors, 0 warnings in 75 drivers, 2 cycles, \d+ submissions/);
  });

  it('prints exactly one JSON document with --format json', async () => {
    const { code, out } = await validateJson(copyShippedRepo());
    expect(code).toBe(0);
    expect(out).toMatchObject({ ok: true, errors: [], warnings: [] });
  });
});

describe('validate on broken data', () => {
  /** Break the copy, validate, and return the single error it must report. */
  async function breakAndValidate(
    breakIt: (root: string) => void,
  ): Promise<{ root: string; errors: Finding[]; text: string }> {
    const root = copyShippedRepo();
    breakIt(root);
    const { code, out } = await validateJson(root);
    expect(code).toBe(1);
    expect(out.ok).toBe(false);
    const text = await drivercert(['validate', '--repo', root]);
    expect(text.code).toBe(1);
    expect(text.stdout).not.toMatch(/\n\s+at .*\.js:\d+/); // no stack trace
    return { root, errors: out.errors, text: text.stdout };
  }

  it('a wrong type: names drivers.yaml, the line and the field', async () => {
    const { root, errors, text } = await breakAndValidate((r) =>
      replaceIn(r, 'drivers.yaml', /(id: lvm\n(?:.*\n)*?\s+features:\n\s+online_extend_support:) true/, '$1 "yes"'),
    );
    expect(errors).toHaveLength(1);
    const e = errors[0]!;
    expect(e.file).toBe('drivers.yaml');
    expect(e.pointer).toMatch(/^\/drivers\/\d+\/features\/online_extend_support$/);
    expect(e.message).toMatch(/true or false/);
    expect(e.tip).toBeTruthy();
    expect(e.line).toBe(lineOf(root, 'drivers.yaml', 'online_extend_support: "yes"'));
    expect(text).toMatch(new RegExp(`drivers\\.yaml:${e.line}:\\d+ /drivers/\\d+/features/online_extend_support`));
    expect(text).toMatch(/tip: /);
  });

  it('an unknown key: suggests the right one', async () => {
    const { root, errors } = await breakAndValidate((r) =>
      replaceIn(r, 'results/2025.2/cycle.yaml', 'codename: flamingo', 'codename: flamingo\nopend: "2025-10-01"'),
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      file: 'results/2025.2/cycle.yaml',
      pointer: '/opend',
      line: lineOf(root, 'results/2025.2/cycle.yaml', 'opend:'),
    });
    expect(errors[0]!.message).toMatch(/unknown field `opend`/);
    expect(errors[0]!.tip).toMatch(/Did you mean `opened`/);
  });

  it('a bad date', async () => {
    const { root, errors } = await breakAndValidate((r) =>
      replaceIn(r, 'results/2025.2/cycle.yaml', 'opened: 2025-10-01', 'opened: 2025-02-30'),
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      file: 'results/2025.2/cycle.yaml',
      pointer: '/opened',
      line: lineOf(root, 'results/2025.2/cycle.yaml', 'opened: 2025-02-30'),
    });
    expect(errors[0]!.message).toMatch(/not a calendar date/);
    expect(errors[0]!.tip).toMatch(/YYYY-MM-DD/);
  });

  it('a date in the future', async () => {
    const { errors } = await breakAndValidate((r) =>
      replaceIn(r, 'results/2025.2/cycle.yaml', 'opened: 2025-10-01', 'opened: 2030-01-01'),
    );
    expect(errors.map((e) => e.message)).toContainEqual(expect.stringMatching(/opened: 2030-01-01 is in the future/));
  });

  it('two open cycles: names the file, the line and `state`', async () => {
    const { root, errors } = await breakAndValidate((r) => {
      replaceIn(r, 'results/2025.1/cycle.yaml', 'state: closed', 'state: open');
      replaceIn(r, 'results/2025.1/cycle.yaml', /closed: .*\n/, '');
    });
    expect(errors).toHaveLength(1);
    expect(errors[0]!.check).toBe('at most one cycle is open');
    expect(errors[0]!.rule).toBe('one-open-cycle');
    expect(errors[0]!.pointer).toBe('/state');
    expect(errors[0]!.line).toBe(lineOf(root, errors[0]!.file, 'state: open'));
    expect(errors[0]!.message).toMatch(/2 cycles are open \(2025\.1, 2025\.2\)/);
    expect(errors[0]!.tip).toMatch(/cycle close/);
  });

  it('a duplicate driver id: points at the second one and names the first', async () => {
    const { root, errors } = await breakAndValidate((r) =>
      replaceIn(r, 'drivers.yaml', '- id: datera', '- id: datacore'),
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      file: 'drivers.yaml',
      rule: 'unique-driver-ids',
      check: 'driver ids are unique',
      pointer: '/drivers/1/id',
      line: lineOf(root, 'drivers.yaml', 'name: Datera') - 1,
    });
    expect(errors[0]!.message).toMatch(/"datacore" is already used by drivers\[0\] \(line \d+\)/);
    expect(errors[0]!.tip).toBeTruthy();
  });

  it('a duplicate YAML key: names the line of the second key', async () => {
    const { root, errors } = await breakAndValidate((r) =>
      replaceIn(r, 'results/2025.2/cycle.yaml', 'state: open', 'state: open\nstate: closed'),
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]!.check).toBe('every YAML file parses');
    expect(errors[0]!.rule).toBe('yaml-syntax');
    expect(errors[0]!.message).toMatch(/duplicate key/);
    expect(errors[0]!.line).toBe(lineOf(root, 'results/2025.2/cycle.yaml', 'state: closed'));
    expect(errors[0]!.tip).toMatch(/once/);
  });

  it('a YAML syntax error', async () => {
    const { errors } = await breakAndValidate((r) =>
      replaceIn(r, 'drivers.yaml', 'core_reviewers:', 'core_reviewers: [unclosed'),
    );
    expect(errors[0]!.check).toBe('every YAML file parses');
    expect(errors[0]!.line).toBeGreaterThan(0);
  });

  it('a folder/driver mismatch in a submission', async () => {
    const { errors } = await breakAndValidate((r) => {
      const dir = join(r, 'results/2025.2/nfs');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'result.yaml'), MINIMAL_RESULT.replace('driver: nfs', 'driver: lvm'));
      writeFileSync(join(dir, 'nfs-2025.2.tgz'), 'x');
    });
    const mismatch = errors.find((e) => e.check === "result.yaml's driver and cycle equal its folders");
    expect(mismatch).toMatchObject({ file: 'results/2025.2/nfs/result.yaml', pointer: '/driver', line: 1 });
    expect(mismatch!.message).toBe('driver: "lvm" does not match its folder "nfs"');
    expect(mismatch!.tip).toMatch(/results\/2025\.2\/lvm\//);
  });

  it('a submission dated outside its cycle, for an unknown driver, with a stray file', async () => {
    const { errors } = await breakAndValidate((r) => {
      const dir = join(r, 'results/2025.1/no_such_driver');
      mkdirSync(dir, { recursive: true });
      writeFileSync(
        join(dir, 'result.yaml'),
        MINIMAL_RESULT.replace('driver: nfs', 'driver: no_such_driver').replace('cycle: "2025.2"', 'cycle: "2025.1"'),
      );
      writeFileSync(join(dir, 'b.tgz'), 'x');
      writeFileSync(join(dir, 'notes.txt'), 'x');
    });
    const messages = errors.map((e) => `${e.file} ${e.message}`);
    expect(messages).toContainEqual(
      expect.stringMatching(/no_such_driver\/result\.yaml "no_such_driver" is not a driver in drivers\.yaml/),
    );
    expect(messages).toContainEqual(
      expect.stringMatching(/submitted: 2025-10-20 is after cycle 2025\.1 closed \(2025-10-01\)/),
    );
    expect(messages).toContainEqual(expect.stringMatching(/no_such_driver\/notes\.txt unexpected file/));
  });

  it('validate PATH checks only the submissions under PATH', async () => {
    const root = copyShippedRepo();
    const dir = join(root, 'results/2025.2/nfs');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'result.yaml'), MINIMAL_RESULT.replace('driver: nfs', 'driver: lvm'));
    expect((await validateJson(root, 'results/2025.1')).code).toBe(0);
    expect((await validateJson(root, 'results/2025.2/nfs')).code).toBe(1);
  });

  it('usage errors exit 2', async () => {
    const r = await drivercert(['validate', '--format', 'yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--format must be one of text, json, github/);
    expect((await drivercert(['validate', '--no-such-flag'])).code).toBe(2);
    expect((await drivercert(['no-such-command'])).code).toBe(2);
  });

  it('--format github writes workflow annotations with file and line, titled with the rule id', async () => {
    const root = copyShippedRepo();
    replaceIn(root, 'drivers.yaml', '- id: datera', '- id: datacore');
    const r = await drivercert(['validate', '--repo', root, '--format', 'github']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error file=drivers\.yaml,line=\d+,col=\d+,title=unique-driver-ids::/m);
    // The requirement a contributor reads closes the annotation's body.
    expect(r.stdout).toMatch(/%0Arule: driver ids are unique$/m);
  });

  it('--format json gives every error, warning and notice its rule id; text shows it beside the rule', async () => {
    const root = copyShippedRepo();
    replaceIn(root, 'drivers.yaml', '- id: datera', '- id: datacore');
    writeFileSync(join(root, 'results/2025.2/.cycle.yaml.123.0123abcd.tmp'), 'x');
    const { out } = await validateJson(root, '--verbose');
    const all = out as Out & { notices: Finding[] };
    expect(all.errors.map((e) => e.rule)).toEqual(['unique-driver-ids']);
    expect(all.warnings.map((e) => e.rule)).toEqual(['stale-temp-files']);
    for (const f of [...all.errors, ...all.warnings, ...all.notices])
      expect(f.rule).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    const text = (await drivercert(['validate', '--repo', root])).stdout;
    expect(text).toContain('✗ driver ids are unique [unique-driver-ids] (1 error)');
    expect(text).toContain('! no temporary file is left from an interrupted write [stale-temp-files] (1 warning)');
  });
});

const MINIMAL_RESULT = `driver: nfs
cycle: "2025.2"
submitted: "2025-10-20"
submitter: octocat
environment:
  cinder_commit: 3f1c2a9d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39
  tempest_commit: 9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c
  backend:
    model: NFS server
    version: nfs-kernel-server 2.6.2
  protocol: NFS
bundle:
  file: nfs-2025.2.tgz
  sha256: 6b86b273ff34fce19d6b804eff5a3f5747ada4eaa22f1d49c01e52ddb7875b4b
  size: 1
source: subunit
results: { total: 0, passed: 0, failed: 0, skipped: 0, xfail: 0, uxsuccess: 0, incomplete: 0 }
failed_tests: []
skipped_tests: []
capabilities: {}
verdict: failed
`;
