// JUnit XML inside a bundle (`results.xml`): entity tricks, absurd nesting, huge values,
// counts that are not numbers.
import { MiB, concat, repeat } from '../bytes.js';
import type { Case } from '../types.js';

const member = (bytes: ReturnType<typeof concat>) => ({ name: 'results.xml', bytes });
const SUITE = '<testsuite name="tempest" tests="1" failures="0" errors="0" skipped="0">';
const CASE =
  '<testcase classname="tempest.api.volume.test_versions.VersionsTest" name="test_list_versions" time="0.1"/>';

export const junitCases: Case[] = [
  {
    id: 'junit-billion-laughs',
    kind: 'junit',
    title: 'a DOCTYPE declaring nested entities ("billion laughs")',
    via: 'bundle',
    member: member(
      concat(
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n',
        ...Array.from({ length: 9 }, (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">\n`),
        ']>\n',
        SUITE,
        '<testcase classname="a" name="b"><failure message="&lol9;"/></testcase></testsuite>\n',
      ),
    ),
    inspect: {
      problem: { says: 'a DOCTYPE is not allowed in a JUnit file (no DTDs or entities are read)', line: 2 },
      counts: { total: 0 },
    },
    expect: { rejects: { says: 'a DOCTYPE is not allowed in a JUnit file (no DTDs or entities are read)', line: 2 } },
  },
  {
    id: 'junit-external-entity',
    kind: 'junit',
    title: 'an external entity (XXE) reading /etc/passwd',
    via: 'bundle',
    member: member(
      concat(
        '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n',
        SUITE,
        '<testcase classname="a" name="&xxe;"/></testsuite>\n',
      ),
    ),
    inspect: { problem: { says: 'a DOCTYPE is not allowed in a JUnit file', line: 2 }, counts: { total: 0 } },
    expect: { rejects: { says: 'a DOCTYPE is not allowed in a JUnit file (no DTDs or entities are read)', line: 2 } },
  },
  {
    id: 'junit-undeclared-entity',
    kind: 'junit',
    title: 'an entity reference without a declaration',
    via: 'bundle',
    member: member(
      concat(
        SUITE,
        '\n<testcase classname="a" name="b"><failure message="&xxe;">&xxe;</failure></testcase></testsuite>\n',
      ),
    ),
    inspect: {
      problem: { says: '"&xxe;": not a predefined entity or character reference (kept as written)', line: 2 },
      counts: { total: 1, failed: 1 },
    },
    expect: { rejects: { says: '"&xxe;": not a predefined entity or character reference (kept as written)', line: 2 } },
  },
  {
    id: 'junit-deep-nesting',
    kind: 'junit',
    title: 'elements nested 100,000 deep',
    via: 'bundle',
    member: member(concat(SUITE, '<a>'.repeat(100_000))),
    inspect: { problem: { says: 'elements nested deeper than 64', line: 1 } },
    expect: { rejects: { says: 'elements nested deeper than 64', line: 1 } },
  },
  {
    id: 'junit-50mb-attribute',
    kind: 'junit',
    title: 'a 50 MB attribute',
    via: 'bundle',
    member: member(concat(SUITE, '<testcase classname="', repeat('A', 50 * MiB), '" name="b"/></testsuite>\n')),
    inspect: {
      problem: { says: 'attribute classname longer than 16777216 characters (the limit for one attribute)', line: 1 },
    },
    expect: {
      rejects: { says: 'attribute classname longer than 16777216 characters (the limit for one attribute)', line: 1 },
    },
  },
  {
    id: 'junit-non-numeric-counts',
    kind: 'junit',
    title: 'test counts that are not numbers',
    via: 'bundle',
    member: member(
      concat(
        '<testsuite name="tempest" tests="lots" failures="-1" errors="1e9" skipped="NaN">\n',
        CASE,
        '\n</testsuite>\n',
      ),
    ),
    inspect: {
      problem: { says: 'tests="lots" on <testsuite> is not a count', line: 1 },
      counts: { total: 1, passed: 1 },
    },
    expect: { rejects: { says: 'tests="lots" on <testsuite> is not a count', line: 1 } },
  },
  {
    id: 'junit-bad-character-reference',
    kind: 'junit',
    title: 'character references beyond Unicode (&#1114112;)',
    via: 'bundle',
    member: member(
      concat(
        SUITE,
        '\n<testcase classname="a" name="b"><failure message="&#1114112;&#99999999999999;"/></testcase></testsuite>\n',
      ),
    ),
    inspect: {
      problem: { says: '"&#1114112;": not a predefined entity or character reference (kept as written)', line: 2 },
      counts: { total: 1, failed: 1 },
    },
    expect: {
      rejects: { says: '"&#1114112;": not a predefined entity or character reference (kept as written)', line: 2 },
    },
  },
];
