// Reading generated Markdown the way GitHub does (GFM: tables, autolink literals at parse
// and at transform time, strikethrough), to prove contributor text stays inert.
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import type { Nodes, Root, Table } from 'mdast';

/** Parse Markdown as GFM into an mdast tree. */
export function parseGfm(markdown: string): Root {
  return fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
}

/** Every node of the tree, depth first. */
export function allNodes(node: Nodes): Nodes[] {
  const out: Nodes[] = [node];
  if ('children' in node) for (const c of node.children) out.push(...allNodes(c as Nodes));
  return out;
}

/** The tables of a document. */
export function tablesOf(root: Root): Table[] {
  return allNodes(root).filter((n): n is Table => n.type === 'table');
}

/** The plain text of a node (zero-width spaces removed: the escaping adds them to break autolinks). */
export function textOf(node: Nodes): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value.replace(/\u200b/g, '');
  if ('children' in node) return (node.children as Nodes[]).map(textOf).join('');
  return '';
}

/**
 * Whatever contributor text could have added: raw HTML, images, link definitions or
 * references, footnotes, and links other than the generator's own (to results/ or an anchor).
 */
export function injections(root: Root): string[] {
  const out: string[] = [];
  for (const n of allNodes(root)) {
    if (
      n.type === 'html' ||
      n.type === 'image' ||
      n.type === 'imageReference' ||
      n.type === 'definition' ||
      n.type === 'linkReference' ||
      n.type === 'footnoteReference' ||
      n.type === 'footnoteDefinition'
    ) {
      out.push(`${n.type}: ${JSON.stringify('value' in n ? n.value : textOf(n))}`);
    } else if (n.type === 'link' && !/^(results\/[A-Za-z0-9._%-]+\/[A-Za-z0-9._%-]+\/|#[a-z0-9-]+)$/.test(n.url)) {
      out.push(`link to ${n.url}`);
    }
  }
  return out;
}
