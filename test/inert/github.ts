// Reading drivercert's outputs the way GitHub does, to hold them inert: the GFM parser (links,
// HTML, tables), GitHub's own references in rendered text (mentions, issue references), and
// the Actions runner's workflow commands.
import type { Nodes, Root } from 'mdast';
import { allNodes, parseGfm } from '../matrix/gfm.js';
import { hasUnsafeCharacter } from '../../scripts/lib/inert/index.js';

/** What GitHub would link or notify in rendered text outside code, with the zero-width breaks left in. */
const LIVE_REFERENCES: readonly RegExp[] = [/@[A-Za-z0-9]/, /#\d/, /GH-\d/i, /:\/\//, /www\./i];

/** The rendered text of every text node outside code (character references decoded, breaks kept). */
export function renderedTexts(root: Root): string[] {
  return allNodes(root)
    .filter((n): n is Extract<Nodes, { type: 'text' }> => n.type === 'text')
    .map((n) => n.value);
}

/** The references GitHub would make live in `root`'s text, as `pattern: text`. */
export function liveReferences(root: Root): string[] {
  const out: string[] = [];
  for (const t of renderedTexts(root))
    for (const p of LIVE_REFERENCES) if (p.test(t)) out.push(`${p.source}: ${JSON.stringify(t)}`);
  return out;
}

/** What a Markdown output may hold besides inert text. */
export interface MarkdownAllowance {
  /** Raw HTML the generator writes itself (whole node values). */
  html?: RegExp;
  /** Link targets the generator writes itself. */
  links?: RegExp;
  /** Text nodes the generator writes with intended mentions (e.g. maintainers to notify). */
  mentions?: RegExp;
}

/** Everything in `markdown` that is not inert: added HTML, links, images, references, definitions, live references. */
export function markdownInjections(markdown: string, allow: MarkdownAllowance = {}): string[] {
  const root = parseGfm(markdown);
  const out: string[] = [];
  for (const n of allNodes(root)) {
    if (n.type === 'html' && !allow.html?.test(n.value)) out.push(`html: ${JSON.stringify(n.value)}`);
    else if (n.type === 'link' && !allow.links?.test(n.url)) out.push(`link to ${n.url}`);
    else if (
      ['image', 'imageReference', 'linkReference', 'definition', 'footnoteReference', 'footnoteDefinition'].includes(
        n.type,
      )
    )
      out.push(n.type);
  }
  const texts = allow.mentions ? renderedTexts(root).map((t) => t.replace(allow.mentions!, '')) : renderedTexts(root);
  for (const t of texts)
    for (const p of LIVE_REFERENCES) if (p.test(t)) out.push(`live ${p.source}: ${JSON.stringify(t)}`);
  if (hasUnsafeCharacter(markdown)) out.push('a raw unsafe character');
  return out;
}

/** The number of cell separators of a table line: `|` not escaped by an odd run of backslashes. */
export function pipes(line: string): number {
  let n = 0;
  for (const m of line.matchAll(/(\\*)\|/g)) if (m[1]!.length % 2 === 0) n++;
  return n;
}

/** Each GFM table of `markdown` (runs of lines starting with `|`) whose rows do not all match the header. */
export function brokenTables(markdown: string): string[] {
  const out: string[] = [];
  let header: number | undefined;
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('|')) {
      header = undefined;
      continue;
    }
    if (header === undefined) header = pipes(line);
    else if (pipes(line) !== header) out.push(line);
  }
  return out;
}

/** The block structure of a document: each top-level node's type, tables with their size, lists with their length. */
export function skeleton(markdown: string): string[] {
  return parseGfm(markdown).children.map((n) => {
    if (n.type === 'table') return `table ${n.children.length}x${n.children[0]?.children.length}`;
    if (n.type === 'list') return `list ${n.children.length}`;
    if (n.type === 'heading') return `h${n.depth}`;
    return n.type;
  });
}

/** A workflow command as the Actions runner reads a line (its `::` form), or null. */
export interface WorkflowCommand {
  command: string;
  properties: Record<string, string>;
  data: string;
}

/** The runner's decoding of a command's message (its mappings, in its order). */
export function runnerData(s: string): string {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

/** The runner's decoding of a property value (its mappings, in its order). */
export function runnerProperty(s: string): string {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
}

/**
 * How the runner reads `line` (its `TryParseV2`): a `::command props::data` after leading white
 * space, or null. Properties are split on `,` and then on the first `=`, the list trimmed, and
 * a property without a name or a value dropped, as the runner does.
 */
export function workflowCommand(line: string): WorkflowCommand | null {
  const m = line.trimStart();
  if (!m.startsWith('::')) return null;
  const end = m.indexOf('::', 2);
  if (end < 0) return null;
  const info = m.slice(2, end);
  const space = info.indexOf(' ');
  const command = space < 0 ? info : info.slice(0, space);
  const properties: Record<string, string> = {};
  const list = space > 0 ? info.slice(space + 1).trim() : '';
  for (const p of list.split(',').filter(Boolean)) {
    const eq = p.indexOf('=');
    const [name, value] = [p.slice(0, Math.max(eq, 0)), p.slice(eq + 1)];
    if (eq > 0 && value !== '') properties[name] = runnerProperty(value);
  }
  return { command, properties, data: runnerData(m.slice(end + 2)) };
}

/** Whether the runner would read a legacy `##[command]` anywhere in `line`. */
export function hasLegacyCommand(line: string): boolean {
  return line.includes('##[');
}
