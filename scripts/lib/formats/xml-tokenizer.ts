// A small streaming XML tokenizer, written for reading JUnit files and nothing more
// (docs/result-formats.md, "JUnit XML"): elements, attributes, text, comments, CDATA and
// processing instructions; the five predefined entities and character references, nothing
// else; any `<!DOCTYPE` or other `<!…>` declaration refused. Values, text, names, depth and
// attribute counts are bounded; exceeding a bound is fatal, never a hang.
import type { ProblemLog } from './common.js';

/** What the tokenizer reports, in document order. */
export interface XmlHandler {
  /** The root element opens: throw XmlError to refuse the document. */
  root(name: string): void;
  /** An element opens; `depth` counts its ancestors; only the attributes asked for are given. */
  start(name: string, attrs: ReadonlyMap<string, string>, selfClosing: boolean, depth: number): void;
  /** An element closes (right after its start, for `<x/>`). */
  end(name: string, depth: number): void;
  /** Text or CDATA inside the root element, as written (entities not expanded: see expand()). */
  text(piece: string): void;
  /** What to add to the problem of a file that ends inside an element. */
  unclosed(): string;
}

export interface XmlTokenizerOptions {
  /** Longest attribute value or text node, in UTF-16 units. */
  maxTokenBytes: number;
  /** Deepest element nesting. */
  maxDepth: number;
  /** Which attributes' values are kept (others are read and dropped). */
  keepAttribute(name: string): boolean;
}

/** A fatal error in the document: reading stops there (what came before still counts). */
export class XmlError extends Error {}

const MAX_NAME = 1024;
const MAX_ATTRIBUTES = 256;
const PREDEFINED = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
]);

const enum S {
  Text,
  TagOpen,
  StartName,
  InTag,
  AttrName,
  AfterAttrName,
  BeforeValue,
  Value,
  SelfClose,
  EndName,
  EndSpace,
  Markup,
  Comment,
  CData,
  PI,
  Stopped,
}

/** A streaming tokenizer: write() chunks, then end(). */
export class XmlTokenizer {
  private readonly decoder = new TextDecoder('utf-8');
  private s = S.Text;
  /** The line being read, and the line where the current tag started. */
  line = 1;
  tokenLine = 1;
  // The tag being read.
  private name = '';
  private attrName = '';
  private attrs = new Map<string, string>();
  private attrCount = 0;
  private quote = '"';
  private valueParts: string[] = [];
  private valueLen = 0;
  private keepValue = false;
  private markup = '';
  private dashes = 0;
  private brackets = 0;
  private question = false;
  // Where we are in the document.
  private readonly stack: string[] = [];
  private root: string | undefined;
  private rootClosed = false;
  private junk = 0;
  private junkLine = 0;
  private textLen = 0;

  constructor(
    private readonly handler: XmlHandler,
    private readonly problems: ProblemLog,
    private readonly opts: XmlTokenizerOptions,
  ) {}

  /** Whether reading stopped at a fatal error. */
  get stopped(): boolean {
    return this.s === S.Stopped;
  }

  /** The element the current one sits in (during XmlHandler.start: its parent). */
  get parent(): string | undefined {
    return this.stack[this.stack.length - 1];
  }

  /** Whether the root element was seen. */
  get rootSeen(): boolean {
    return this.root !== undefined;
  }

  /** Feed the next chunk of the file. */
  write(chunk: Uint8Array): void {
    if (this.s === S.Stopped) return;
    this.feed(this.decoder.decode(chunk, { stream: true }));
  }

  /** The file ended: report a document cut short, and what lies outside the root element. */
  end(): void {
    this.feed(this.decoder.decode());
    if (this.s !== S.Text) this.problems.add({ message: 'the file ends inside a tag', line: this.line });
    if (this.root === undefined) return;
    if (this.stack.length > 0) {
      this.problems.add({
        message: `the file ends inside <${this.stack[this.stack.length - 1]}> (truncated)${this.handler.unclosed()}`,
        line: this.line,
      });
    }
    if (this.junk > 0)
      this.problems.add({ message: `${this.junk} characters after the XML root element ignored`, line: this.junkLine });
  }

  private feed(s: string): void {
    try {
      let i = 0;
      while (i < s.length && this.s !== S.Stopped) i = this.step(s, i);
    } catch (e) {
      if (!(e instanceof XmlError)) throw e;
      this.problems.add({ message: e.message, line: this.line, fatal: true });
      this.s = S.Stopped;
    }
  }

  /** Consume from `s[i]` in the current state; returns the next index. */
  private step(s: string, i: number): number {
    switch (this.s) {
      case S.Text:
        return this.text(s, i);
      case S.Value:
        return this.value(s, i);
      case S.TagOpen:
        if (!isTagStart(s.charCodeAt(i)) && !this.insideRoot()) {
          // Not markup: junk around the document; read the character again as text.
          this.junkText(1);
          this.s = S.Text;
          return i;
        }
        this.char(s.charCodeAt(i), s[i]!);
        return i + 1;
      default: {
        const c = s.charCodeAt(i);
        if (c === 10) this.line++;
        this.char(c, s[i]!);
        return i + 1;
      }
    }
  }

  private insideRoot(): boolean {
    return this.root !== undefined && !this.rootClosed;
  }

  /** Text up to the next `<`. */
  private text(s: string, i: number): number {
    const lt = s.indexOf('<', i);
    const end = lt === -1 ? s.length : lt;
    if (end > i) {
      this.countText(end - i);
      const piece = s.slice(i, end);
      this.countLines(piece);
      if (this.insideRoot()) this.handler.text(piece);
      else if (piece.trim() !== '') this.junkText(piece.length);
    }
    if (lt === -1) return s.length;
    this.tokenLine = this.line;
    this.s = S.TagOpen;
    return lt + 1;
  }

  private countText(n: number): void {
    this.textLen += n;
    if (this.textLen > this.opts.maxTokenBytes)
      throw new XmlError(`text longer than ${this.opts.maxTokenBytes} characters (the limit for one text node)`);
  }

  /** An attribute value up to its closing quote. */
  private value(s: string, i: number): number {
    const q = s.indexOf(this.quote, i);
    const end = q === -1 ? s.length : q;
    this.valueLen += end - i;
    if (this.valueLen > this.opts.maxTokenBytes)
      throw new XmlError(
        `attribute ${this.attrName} longer than ${this.opts.maxTokenBytes} characters (the limit for one attribute)`,
      );
    const piece = s.slice(i, end);
    this.countLines(piece);
    if (this.keepValue) this.valueParts.push(piece);
    if (q === -1) return s.length;
    this.endAttribute();
    this.s = S.InTag;
    return q + 1;
  }

  /** One character of markup. */
  private char(c: number, ch: string): void {
    switch (this.s) {
      case S.TagOpen:
        return this.tagOpen(c, ch);
      case S.StartName:
        if (isNameChar(c)) this.name = addName(this.name, ch);
        else this.afterName(ch);
        return;
      case S.InTag:
        if (isSpace(c)) return;
        if (isNameStart(c)) {
          this.attrName = ch;
          this.s = S.AttrName;
        } else this.afterName(ch);
        return;
      case S.AttrName:
      case S.AfterAttrName:
      case S.BeforeValue:
        return this.attributeChar(c, ch);
      case S.SelfClose:
        if (ch !== '>') throw new XmlError(`malformed tag <${this.name}>`);
        this.startElement(true);
        return;
      case S.EndName:
      case S.EndSpace:
        return this.endTagChar(c, ch);
      case S.Markup:
        return this.markupChar(ch);
      case S.Comment:
        if (ch === '-') this.dashes++;
        else if (ch === '>' && this.dashes >= 2) this.s = S.Text;
        else this.dashes = 0;
        return;
      case S.CData:
        return this.cdataChar(ch);
      case S.PI:
        if (ch === '>' && this.question) this.s = S.Text;
        else this.question = ch === '?';
        return;
      default:
        return;
    }
  }

  /** The character after `<`. */
  private tagOpen(c: number, ch: string): void {
    if (ch === '/') {
      this.name = '';
      this.s = S.EndName;
    } else if (ch === '!') {
      this.markup = '';
      this.s = S.Markup;
    } else if (ch === '?') {
      this.question = false;
      this.s = S.PI;
    } else if (isNameStart(c)) {
      this.name = ch;
      this.attrs = new Map();
      this.attrCount = 0;
      this.s = S.StartName;
    } else throw new XmlError('"<" that starts no tag (write it as &lt;)');
  }

  /** An attribute's name, the `=` after it, and the quote that opens its value. */
  private attributeChar(c: number, ch: string): void {
    if (this.s === S.AttrName) {
      if (isNameChar(c)) this.attrName = addName(this.attrName, ch);
      else if (ch === '=') this.s = S.BeforeValue;
      else if (isSpace(c)) this.s = S.AfterAttrName;
      else throw new XmlError(`malformed attribute ${this.attrName} in <${this.name}>`);
    } else if (this.s === S.AfterAttrName) {
      if (ch === '=') this.s = S.BeforeValue;
      else if (!isSpace(c)) throw new XmlError(`attribute ${this.attrName} in <${this.name}> has no value`);
    } else if (ch === '"' || ch === "'") this.beginValue(ch);
    else if (!isSpace(c)) throw new XmlError(`attribute ${this.attrName} in <${this.name}> is not quoted`);
  }

  /** An end tag's name, and the space and `>` after it. */
  private endTagChar(c: number, ch: string): void {
    if (this.s === S.EndName) {
      if (isNameChar(c) || (this.name === '' && isNameStart(c))) this.name = addName(this.name, ch);
      else if (ch === '>') this.endElement();
      else if (isSpace(c)) this.s = S.EndSpace;
      else throw new XmlError(`malformed end tag </${this.name}>`);
    } else if (ch === '>') this.endElement();
    else if (!isSpace(c)) throw new XmlError(`malformed end tag </${this.name}>`);
  }

  private cdataChar(ch: string): void {
    if (ch === ']') this.brackets++;
    else if (ch === '>' && this.brackets >= 2) {
      this.s = S.Text;
      this.cdataText(']'.repeat(this.brackets - 2));
    } else {
      this.cdataText(']'.repeat(this.brackets) + ch);
      this.brackets = 0;
      this.countText(1);
    }
  }

  private cdataText(piece: string): void {
    if (piece !== '' && this.insideRoot()) this.handler.text(piece);
  }

  /** After a tag or attribute name: whitespace, `/` or `>`. */
  private afterName(ch: string): void {
    if (ch === '>') this.startElement(false);
    else if (ch === '/') this.s = S.SelfClose;
    else if (isSpace(ch.charCodeAt(0))) this.s = S.InTag;
    else throw new XmlError(`malformed tag <${this.name}>`);
  }

  /** `<!` seen: only comments and CDATA are allowed; a DOCTYPE or any declaration is refused. */
  private markupChar(ch: string): void {
    this.markup += ch;
    const m = this.markup;
    if (m === '--') {
      this.dashes = 0;
      this.s = S.Comment;
    } else if (m === '[CDATA[') {
      this.brackets = 0;
      this.s = S.CData;
    } else if (!(m === '-' || '[CDATA['.startsWith(m))) {
      const what = /^D/i.test(m) ? 'a DOCTYPE' : 'a markup declaration (<!…>)';
      throw new XmlError(`${what} is not allowed in a JUnit file (no DTDs or entities are read)`);
    }
  }

  private beginValue(q: string): void {
    this.quote = q;
    this.valueParts = [];
    this.valueLen = 0;
    this.keepValue = this.opts.keepAttribute(this.attrName);
    this.s = S.Value;
  }

  private endAttribute(): void {
    if (++this.attrCount > MAX_ATTRIBUTES)
      throw new XmlError(`<${this.name}> has more than ${MAX_ATTRIBUTES} attributes`);
    if (!this.keepValue) return;
    if (this.attrs.has(this.attrName)) throw new XmlError(`attribute ${this.attrName} appears twice in <${this.name}>`);
    this.attrs.set(this.attrName, this.expand(this.valueParts.join('')));
    this.valueParts = [];
  }

  private startElement(selfClosing: boolean): void {
    this.s = S.Text;
    this.textLen = 0;
    const name = this.name;
    const depth = this.stack.length;
    if (depth === 0) this.rootElement(name);
    if (depth + 1 > this.opts.maxDepth) throw new XmlError(`elements nested deeper than ${this.opts.maxDepth}`);
    this.handler.start(name, this.attrs, selfClosing, depth);
    if (selfClosing) this.closeElement(name);
    else this.stack.push(name);
  }

  private rootElement(name: string): void {
    if (this.rootClosed) throw new XmlError(`a second root element <${name}> after the first one closed`);
    this.handler.root(name);
    this.root = name;
    if (this.junk > 0)
      this.problems.add({
        message: `${this.junk} characters before the XML root element ignored (passthrough output?)`,
        line: this.junkLine,
      });
    this.junk = 0;
  }

  private endElement(): void {
    this.s = S.Text;
    this.textLen = 0;
    const open = this.stack.pop();
    if (open === undefined) throw new XmlError(`end tag </${this.name}> with no element open`);
    if (open !== this.name) throw new XmlError(`end tag </${this.name}> where </${open}> was expected`);
    this.closeElement(open);
  }

  private closeElement(name: string): void {
    const depth = this.stack.length;
    this.handler.end(name, depth);
    if (depth === 0) this.rootClosed = true;
  }

  private junkText(n: number): void {
    if (this.junk === 0) this.junkLine = this.line;
    this.junk += n;
  }

  private countLines(piece: string): void {
    for (let k = piece.indexOf('\n'); k !== -1; k = piece.indexOf('\n', k + 1)) this.line++;
  }

  /** Expand the predefined entities and character references; anything else stays as written, with a problem. */
  expand(s: string): string {
    if (s.indexOf('&') === -1) return s;
    let out = '';
    /** Where the text not yet copied to `out` starts (a reference kept as written stays in it). */
    let from = 0;
    for (let amp = s.indexOf('&'); amp !== -1;) {
      const semi = nearbySemicolon(s, amp);
      const ch = semi === -1 ? undefined : resolveReference(s.slice(amp + 1, semi));
      if (ch === undefined) {
        this.unknownReference(s, amp, semi);
        amp = s.indexOf('&', amp + 1);
      } else {
        out += s.slice(from, amp) + ch;
        from = semi + 1;
        amp = s.indexOf('&', from);
      }
    }
    return out + s.slice(from);
  }

  /** Quote a reference that is not one: up to its ';', or its first characters when there is none nearby. */
  private unknownReference(s: string, amp: number, semi: number): void {
    // Past the listed problems only a count is kept: build no message for it.
    if (this.problems.full) return this.problems.addUnlisted();
    const cut = s.length > amp + 12 ? '…' : '';
    const written = semi !== -1 ? s.slice(amp, semi + 1) : `${s.slice(amp, amp + 12)}${cut}`;
    this.problems.add({
      message: `"${written}": not a predefined entity or character reference (kept as written)`,
      line: this.tokenLine,
    });
  }
}

/** The `;` ending a reference that starts at `amp`: within its next 12 characters (a reference is short), or -1. */
function nearbySemicolon(s: string, amp: number): number {
  const end = Math.min(s.length, amp + 13);
  for (let k = amp + 1; k < end; k++) if (s.charCodeAt(k) === 0x3b) return k;
  return -1;
}

function addName(name: string, ch: string): string {
  if (name.length >= MAX_NAME) throw new XmlError(`an element or attribute name longer than ${MAX_NAME} characters`);
  return name + ch;
}

/** The text of `&ref;`: a predefined entity or a valid character reference. */
function resolveReference(ref: string): string | undefined {
  const named = PREDEFINED.get(ref);
  if (named !== undefined) return named;
  const m = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(ref);
  if (!m) return undefined;
  const cp = m[1] !== undefined ? parseInt(m[1], 16) : Number(m[2]);
  if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
  return String.fromCodePoint(cp);
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function isTagStart(c: number): boolean {
  return c === 0x2f || c === 0x21 || c === 0x3f || isNameStart(c);
}

function isNameStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x3a || c >= 0xc0;
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e;
}
