// The tool-missing helper: a missing tool skips (saying why) outside CI and fails in CI.
import { describe, expect, it, vi } from 'vitest';
import { cannotRun, inCi, needTool } from './tools.js';

describe('needTool', () => {
  it('lets the tests run when the probe finds the tool', () => {
    expect(needTool('sh', () => cannotRun('sh', ['-c', 'exit 0']), {})).toEqual({
      name: 'sh',
      missing: undefined,
      skip: false,
      note: '',
    });
  });

  it('outside CI, skips and says why: in the note and once on standard error', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const t = needTool('frobtool', () => 'frobtool is not installed (not on PATH)', { CI: 'false' });
    expect(t).toMatchObject({ skip: true, missing: 'frobtool is not installed (not on PATH)' });
    expect(t.note).toBe(' [skipped: frobtool: frobtool is not installed (not on PATH)]');
    expect(warn).toHaveBeenCalledWith('skipping the tests that need frobtool: frobtool is not installed (not on PATH)');
    warn.mockRestore();
  });

  it('in CI, fails naming the tool and why, instead of skipping', () => {
    expect(() => needTool('frobtool', () => 'gone', { CI: 'true' })).toThrow(
      'frobtool is needed in CI, and it cannot be used: gone',
    );
    expect([inCi({ CI: 'true' }), inCi({ CI: '1' }), inCi({}), inCi({ CI: '' }), inCi({ CI: 'false' })]).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});

describe('cannotRun', () => {
  it('says a command is not installed, or how it failed, or nothing when it runs', () => {
    expect(cannotRun('drivercert-no-such-tool')).toBe('drivercert-no-such-tool is not installed (not on PATH)');
    expect(cannotRun('sh', ['-c', 'echo "no data filter" >&2; exit 3'])).toBe(
      '`sh -c echo "no data filter" >&2; exit 3` failed (exit 3): no data filter',
    );
    expect(cannotRun('sh', ['-c', 'exit 0'])).toBeUndefined();
  });
});
