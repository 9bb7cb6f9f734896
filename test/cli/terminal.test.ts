// What drivercert prints never carries a control character from a submission to the terminal.
import { describe, expect, it } from 'vitest';
import { printable } from '../../scripts/lib/terminal.js';
import { main } from '../../scripts/cli/app.js';

describe('printable', () => {
  it('escapes control and text-direction characters, keeping newlines and tabs', () => {
    expect(printable('a\u001b[2K\rb\u0007c\u007f\u009b\u202egol.txt\td\n')).toBe(
      'a\\u001b[2K\\u000db\\u0007c\\u007f\\u009b\\u202egol.txt\td\n',
    );
    expect(printable('plain text, é, 日本, ⏎')).toBe('plain text, é, 日本, ⏎');
  });

  it('leaves JSON meaning the same: an escape inside a string is the character it escapes', () => {
    const value = { message: 'x\u007fy\u0085z\u202e\u001b' };
    expect(JSON.parse(printable(JSON.stringify(value)))).toEqual(value);
  });

  it('is applied to everything the CLI prints, whatever the Io', async () => {
    let err = '';
    const code = await main(['no\u001b[31mcommand'], {
      out: () => {},
      err: (s) => void (err += s),
      interactive: false,
      cwd: '/',
      env: {},
    });
    expect(code).toBe(2);
    expect(err).toContain('unknown command "no\\u001b[31mcommand"');
    expect(err).not.toMatch(/\u001b/);
  });
});
