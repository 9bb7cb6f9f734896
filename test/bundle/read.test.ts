// readBundle reads an honest bundle in one pass: every member's bytes reach the visitor
// as they are inflated, and the summary carries the members, sizes and the file's sha256.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readBundle, type BundleMember } from '../../scripts/lib/bundle/read.js';
import { tempDir } from '../helpers/cli.js';
import { chunked, gzip, packBundle, paxData, tar } from '../helpers/tar.js';

const CERT = 'Device driver PASSED!\n';

/** Read BYTES, collecting every file member's content. */
async function readAll(input: Buffer | Readable | string) {
  const bodies = new Map<string, Buffer>();
  const summary = await readBundle(Buffer.isBuffer(input) ? Readable.from([input]) : input, {
    onMember: async (m, body) => {
      const parts: Buffer[] = [];
      for await (const c of body) parts.push(Buffer.from(c));
      bodies.set(m.name, Buffer.concat(parts));
    },
  });
  return { summary, bodies };
}

describe('readBundle on honest bundles', () => {
  it('lists files and folders, hands over every byte, and hashes the file it read', async () => {
    const log = 'x'.repeat(300_000) + '\n';
    const bytes = await packBundle([
      { name: 'cert.log', content: CERT },
      { name: 'logs', type: 'directory' },
      { name: 'logs/screen-c-vol.txt', content: log },
    ]);
    const dir = tempDir();
    const path = join(dir, 'bundle.tgz');
    writeFileSync(path, bytes);
    const { summary, bodies } = await readAll(path);
    expect(summary.members).toEqual<BundleMember[]>([
      { name: 'cert.log', type: 'file', size: CERT.length },
      { name: 'logs', type: 'directory', size: 0 },
      { name: 'logs/screen-c-vol.txt', type: 'file', size: log.length },
    ]);
    expect(summary.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(summary.compressedBytes).toBe(bytes.length);
    expect(summary.dataBytes).toBe(CERT.length + log.length);
    expect(summary.uncompressedBytes).toBeGreaterThanOrEqual(summary.dataBytes + 3 * 512);
    expect(bodies.get('cert.log')?.toString()).toBe(CERT);
    expect(bodies.get('logs/screen-c-vol.txt')?.toString()).toBe(log);
  });

  it('reads the same from a stream cut into odd-sized chunks as from a file', async () => {
    const bytes = await packBundle([
      { name: 'cert.log', content: CERT.repeat(5000) },
      { name: 'b.log', content: 'b' },
    ]);
    const whole = await readAll(bytes);
    const cut = await readAll(chunked(bytes, 7));
    expect(cut.summary).toEqual(whole.summary);
    expect(cut.bodies).toEqual(whole.bodies);
  });

  it('drops the leading ./ and the root folder that ordinary tar writes', async () => {
    const { summary } = await readAll(
      gzip(
        tar([
          { name: './', type: '5' },
          { name: './cert.log', data: CERT },
          { name: './logs/', type: '5' },
          { name: './logs/a.log', data: 'a' },
        ]),
      ),
    );
    expect(summary.members.map((m) => m.name)).toEqual(['cert.log', 'logs', 'logs/a.log']);
  });

  it('accepts a folder entry repeated, and files in folders that have no entry', async () => {
    const { summary } = await readAll(
      gzip(
        tar([
          { name: 'logs/', type: '5' },
          { name: 'logs/', type: '5' },
          { name: 'deep/er/a.log', data: 'a' },
        ]),
      ),
    );
    expect(summary.members.map((m) => m.name)).toEqual(['logs', 'logs', 'deep/er/a.log']);
  });

  it('reads a gzip made of several members (concatenated gzip streams) as one stream', async () => {
    const first = gzip(tar([{ name: 'cert.log', data: CERT }], { end: false }));
    const second = gzip(tar([{ name: 'b.log', data: 'b' }]));
    const { summary, bodies } = await readAll(Buffer.concat([first, second]));
    expect(summary.members.map((m) => m.name)).toEqual(['cert.log', 'b.log']);
    expect(bodies.get('b.log')?.toString()).toBe('b');
  });

  it('reads long names from pax records and GNU long-name entries', async () => {
    const long = `logs/${'a'.repeat(150)}/${'b'.repeat(120)}.log`;
    const gnu = `logs/${'n'.repeat(200)}.log`;
    const { summary } = await readAll(
      gzip(
        tar([
          { name: 'PaxHeader/x', type: 'x', data: paxData({ path: long }) },
          { name: 'truncated-name', data: 'p' },
          { name: '././@LongLink', type: 'L', data: `${gnu}\0` },
          { name: 'truncated-too', data: 'g' },
        ]),
      ),
    );
    expect(summary.members.map((m) => m.name)).toEqual([long, gnu]);
  });

  it('reads UTF-8 names, in the header and in pax records', async () => {
    const { summary } = await readAll(
      gzip(
        tar([
          { name: 'logs/café.log', data: 'c' },
          { name: 'PaxHeader', type: 'x', data: paxData({ path: 'logs/日本.log' }) },
          { name: 'x', data: 'j' },
        ]),
      ),
    );
    expect(summary.members.map((m) => m.name)).toEqual(['logs/café.log', 'logs/日本.log']);
  });

  it('passes a tar inside the tar (or a gzip inside it) through as an ordinary member', async () => {
    const inner = tar([{ name: 'evil/../../x', type: '2', linkname: '/etc/passwd' }]);
    const { bodies } = await readAll(
      gzip(
        tar([
          { name: 'cert.log', data: CERT },
          { name: 'inner.tar', data: inner },
          { name: 'inner.tgz', data: gzip(inner) },
        ]),
      ),
    );
    expect(bodies.get('inner.tar')).toEqual(inner);
    expect(bodies.get('inner.tgz')).toEqual(gzip(inner));
  });

  it('ignores zero padding after the end-of-archive marker (GNU tar pads to 10 KiB)', async () => {
    const { summary } = await readAll(
      gzip(Buffer.concat([tar([{ name: 'cert.log', data: CERT }]), Buffer.alloc(10240)])),
    );
    expect(summary.members).toHaveLength(1);
  });

  it('lets a visitor stop reading a member early, or not read it at all, and goes on to the next', async () => {
    const bytes = await packBundle([
      { name: 'big.log', content: 'z'.repeat(2_000_000) },
      { name: 'skipped.log', content: 's' },
      { name: 'cert.log', content: CERT },
    ]);
    const seen: string[] = [];
    const summary = await readBundle(Readable.from([bytes]), {
      onMember: async (m, body) => {
        seen.push(m.name);
        if (m.name === 'skipped.log') return;
        for await (const chunk of body) {
          if (m.name === 'big.log' && chunk.byteLength > 0) break;
        }
      },
    });
    expect(seen).toEqual(['big.log', 'skipped.log', 'cert.log']);
    expect(summary.members).toHaveLength(3);
  });

  it('reads members one at a time: the next waits for the visitor to finish', async () => {
    const bytes = await packBundle([
      { name: 'a.log', content: 'a' },
      { name: 'b.log', content: 'b' },
    ]);
    const events: string[] = [];
    await readBundle(Readable.from([bytes]), {
      onMember: async (m, body) => {
        events.push(`start ${m.name}`);
        for await (const _ of body) await new Promise((r) => setTimeout(r, 5));
        events.push(`end ${m.name}`);
      },
    });
    expect(events).toEqual(['start a.log', 'end a.log', 'start b.log', 'end b.log']);
  });

  it("rejects with the visitor's own error when the visitor throws", async () => {
    const bytes = await packBundle([{ name: 'cert.log', content: CERT }]);
    const boom = new Error('parser bug');
    await expect(readBundle(Readable.from([bytes]), { onMember: () => Promise.reject(boom) })).rejects.toBe(boom);
  });

  it('reads a bundle without a visitor, only listing it', async () => {
    const bytes = await packBundle([{ name: 'cert.log', content: CERT }]);
    const summary = await readBundle(Readable.from([bytes]));
    expect(summary.members.map((m) => m.name)).toEqual(['cert.log']);
  });
});
