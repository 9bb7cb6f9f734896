// Limits have defaults that admit real bundles and can be set by name from the command line.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../scripts/lib/findings.js';
import { DEFAULT_LIMITS, GiB, MiB, parseLimitOptions, resolveLimits } from '../../scripts/lib/bundle/limits.js';

describe('bundle limits', () => {
  it('admit at least 2 GiB uncompressed in all and logs of a GiB or more by default', () => {
    expect(DEFAULT_LIMITS.maxTotalBytes).toBeGreaterThanOrEqual(2 * GiB);
    expect(DEFAULT_LIMITS.maxMemberBytes).toBeGreaterThanOrEqual(1 * GiB);
  });

  it('are read from --limit NAME=VALUE, with units', () => {
    expect(
      parseLimitOptions(['maxMemberBytes=4GiB', 'maxRatio=500', 'maxMembers=20000', 'ratioGraceBytes=128MiB']),
    ).toEqual({
      maxMemberBytes: 4 * GiB,
      maxRatio: 500,
      maxMembers: 20_000,
      ratioGraceBytes: 128 * MiB,
    });
  });

  it.each([
    ['maxBytes=1GiB', /--limit maxBytes=1GiB: expected NAME=VALUE with NAME one of maxMembers, maxMemberBytes, /],
    ['maxRatio', /--limit maxRatio: expected NAME=VALUE/],
    ['maxRatio=lots', /--limit maxRatio=lots: "lots" is not a size or count/],
    ['maxMembers=0', /--limit maxMembers=0: must be more than 0/],
    ['__proto__=1', /expected NAME=VALUE/],
  ])('refuse %s as a usage error', (spec, message) => {
    expect(() => parseLimitOptions([spec])).toThrow(UsageError);
    expect(() => parseLimitOptions([spec])).toThrow(message);
  });

  it('apply over the defaults, ignoring unknown or non-positive values', () => {
    const limits = resolveLimits({ maxMembers: 5, maxRatio: 0, ...({ bogus: 3 } as object) });
    expect(limits).toEqual({ ...DEFAULT_LIMITS, maxMembers: 5 });
  });
});
