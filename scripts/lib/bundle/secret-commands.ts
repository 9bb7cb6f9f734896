// Passwords given to a command by a flag whose name does not say so: `mysql -pX` (attached: with a
// blank, `-p` prompts and the next word is the database; also `mysqldump`, `mysqladmin`) and
// `sshpass -p X`. A `-p` anywhere else (`mkdir -p`, iscsiadm's portal `-p 10.0.0.5:3260`) is no
// password: the command decides. Not looked for, each costing the scan's speed a trigger of its
// own: `curl -u user:X` (`curl` is on every keystoneauth REQ line; curl's `-v` output shows the
// `Authorization: Basic` header it sends, which is found), `ipmitool -P X`, `smbclient -U user%X`.
import type { Hit } from './secret-kinds.js';
import { isPlaceholder } from './secret-values.js';

const BARE = `[^\\s'"\\\\]{1,256}`;
/** Each command's password flag; the group `pw` is the password. */
const FLAGS: Record<string, { flag: RegExp; shown: string }> = {
  mysql: { flag: new RegExp(`\\s-p(?<q>['"]?)(?<pw>${BARE})\\k<q>`), shown: '-p…' },
  sshpass: { flag: new RegExp(`\\s-p\\s{0,4}(?<q>['"]?)(?<pw>${BARE})\\k<q>`), shown: '-p …' },
};

/** The part of a trigger word's command name before the trigger: `my|sql`, `ssh|pass`. */
const BEFORE: Record<string, [string, string]> = {
  sql: ['my', 'mysql'],
  pass: ['ssh', 'sshpass'],
};

/** Where a command's words end: a pipeline's next command, or the same command word again. */
const NEXT_COMMAND: Record<string, RegExp> = {
  mysql: /\n|\s(?:\||;|&&|\|\|)\s|mysql/i,
  sshpass: /\n|\s(?:\||;|&&|\|\|)\s|sshpass/i,
};

/** How far along its line a command's flags are looked for. */
const COMMAND_WINDOW = 1024;

/** The password flag of the command whose word holds the trigger at P (`sql` of `mysql`…), if it has one. */
export function commandPassword(s: string, p: number, trigger: string, lo: number, hi: number): Hit | undefined {
  const [head, cmd] = BEFORE[trigger]!;
  const word = p - head.length;
  if (word < lo || s.slice(word, p).toLowerCase() !== head) return undefined;
  const escaped = word - 2 >= lo && s[word - 2] === '\\' && 'ntr'.includes(s[word - 1]!); // `\nsshpass` in a repr
  if (word > lo && !escaped && /[\w.+-]/.test(s[word - 1]!)) return undefined; // `pymysql`, `mysql+pymysql://`
  let end = p + trigger.length;
  while (end < hi && end - p < 32 && /[\w-]/.test(s[end]!)) end++; // `mysqldump`, `mysqladmin`
  if (!/\s/.test(s[end] ?? '')) return undefined;
  return flagPassword(s, end, hi, cmd);
}

/** CMD's password flag in the rest of its command, from FROM (up to the end of its line or pipeline). */
function flagPassword(s: string, from: number, hi: number, cmd: string): Hit | undefined {
  const rule = FLAGS[cmd]!;
  // up to the end of the line or the next command: of a pipeline, or the same command again (which is
  // looked at on its own, so that a line of `mysql mysql mysql …` costs each only the text to the next)
  let line = s.slice(from, Math.min(hi, from + COMMAND_WINDOW));
  const cut = line.search(NEXT_COMMAND[cmd]!);
  if (cut !== -1) line = line.slice(0, cut);
  const m = rule.flag.exec(line);
  const pw = m?.groups?.pw;
  if (!m || !pw || isPlaceholder(pw)) return undefined;
  const start = from + m.index + m[0].length - (m.groups!.q ?? '').length - pw.length;
  const message = `a password on a ${cmd} command line (${rule.shown})`;
  return { kind: 'cli-password', message, start, end: start + pw.length };
}
