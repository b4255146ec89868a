import { SaxesParser, SaxesTagNS } from 'saxes';
import { StatementParseError } from '../errors';
import { yieldToEventLoop } from '../steps';
import { XmlElement } from './xml-element';

interface MutableElement extends XmlElement {
  text: string;
  readonly children: MutableElement[];
  readonly parent: MutableElement | undefined;
  /** Children seen so far per name (including those streamed and dropped): the next one's ordinal. Created on the first child. */
  counts: Map<string, number> | undefined;
}

/** Elements handed over as soon as they close and then dropped, so a large report never sits whole in memory. */
export interface XmlStream {
  readonly names: ReadonlySet<string>;
  readonly onElement: (element: XmlElement) => void;
}

const MAX_DEPTH = 100;
const NO_ATTRIBUTES: ReadonlyMap<string, string> = new Map();

/** Whether a text holds anything but XML white space (space, tab, CR, LF), without allocating a trimmed copy. */
function hasContent(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code !== 0x20 && code !== 0x0a && code !== 0x0d && code !== 0x09) return true;
  }
  return false;
}

function attributesOf(tag: SaxesTagNS): ReadonlyMap<string, string> {
  let attributes: Map<string, string> | undefined;
  for (const name in tag.attributes) {
    const attribute = tag.attributes[name];
    if (!attribute || attribute.prefix === 'xmlns' || attribute.name === 'xmlns') continue;
    attributes ??= new Map();
    attributes.set(attribute.local, attribute.value);
  }
  return attributes ?? NO_ATTRIBUTES;
}
/** Characters per write in the chunked reader: a few milliseconds of parsing between two yields to the event loop. */
export const XML_CHUNK_CHARACTERS = 64 * 1024;

/**
 * A strict XML reader on saxes (a conforming, streaming, non-validating parser) for data-oriented
 * documents such as ISO 20022 messages. Document type declarations are refused, so no entity but
 * the five predefined ones and character references is ever expanded (no entity-expansion attack).
 * Each element keeps its line so errors can point at it; every value stays text, no number ever
 * goes through a float. The work per character is constant: a sibling's ordinal comes from a count
 * per name, never from a scan of the siblings before it (the reader this replaces was quadratic in
 * the number of distinct sibling names).
 *
 * saxes runs with position tracking off (it costs a third of its time); lines and columns are
 * counted here, lazily, from the parser's character offset, which only grows.
 */
export class XmlDocumentReader {
  private readonly parser = new SaxesParser({ xmlns: true, position: false });
  private readonly stack: MutableElement[] = [];
  private root: MutableElement | undefined;
  private line = 1;
  private lineStart = 0;
  private nextNewline: number;

  constructor(
    private readonly text: string,
    private readonly fileName: string,
    private readonly stream?: XmlStream,
  ) {
    this.nextNewline = text.indexOf('\n');
    this.parser.on('opentag', (tag) => this.open(tag));
    this.parser.on('closetag', () => this.close());
    this.parser.on('text', (text) => this.characters(text));
    this.parser.on('cdata', (text) => this.characters(text));
    this.parser.on('doctype', () => this.fail(this.parser.position, 'declaration', 'is not accepted: statements carry no document type declaration'));
    this.parser.on('error', (error) => this.fail(this.parser.position, 'XML', error.message.replace(/\.$/, '')));
  }

  /** Reads the text from `from` up to `to` (offsets in the text given at construction). */
  write(from: number, to: number): void {
    this.parser.write(this.text.slice(from, to));
  }

  /** Ends the document: refuses an unclosed element or a missing root, else returns the root. */
  finish(): XmlElement {
    const unclosed = this.stack[this.stack.length - 1];
    if (unclosed) this.fail(this.text.length, `<${unclosed.name}>`, `of line ${unclosed.line} is never closed (the file may be cut short)`);
    this.parser.close();
    return this.root ?? this.fail(0, 'root element', 'is missing: the file holds no XML element');
  }

  private fail(offset: number, field: string, reason: string): never {
    const { line, column } = this.locate(offset);
    throw new StatementParseError({ fileName: this.fileName, line, column }, { field, reason });
  }

  /** Line and column of a character offset; offsets of successive events only grow, so the text is scanned once. */
  private locate(offset: number): { line: number; column: number } {
    if (offset < this.lineStart) {
      // Only an error may look back (to a tag's start); count afresh, it happens once.
      this.line = 1;
      this.lineStart = 0;
      this.nextNewline = this.text.indexOf('\n');
    }
    while (this.nextNewline !== -1 && this.nextNewline < offset) {
      this.line++;
      this.lineStart = this.nextNewline + 1;
      this.nextNewline = this.text.indexOf('\n', this.lineStart);
    }
    return { line: this.line, column: offset - this.lineStart + 1 };
  }

  private open(tag: SaxesTagNS): void {
    // The parser stands just past the tag's `>`: the element's line is that of its `>`, the same as its `<` but for a tag broken over lines.
    const start = this.parser.position;
    const parent = this.stack[this.stack.length - 1];
    if (this.stack.length >= MAX_DEPTH) this.fail(start, tag.name, `nests deeper than ${MAX_DEPTH} elements`);
    let ordinal = 1;
    if (parent) {
      parent.counts ??= new Map();
      ordinal = (parent.counts.get(tag.local) ?? 0) + 1;
      parent.counts.set(tag.local, ordinal);
    }
    // Every property set at creation, in one order: objects that gain properties later leave V8's fast shapes.
    const element: MutableElement = {
      name: tag.local,
      namespace: tag.uri,
      attributes: attributesOf(tag),
      children: [],
      text: '',
      line: this.locate(start).line,
      parent,
      ordinal,
      streamed: this.stream?.names.has(tag.local) ?? false,
      counts: undefined,
    };
    if (parent) parent.children.push(element);
    else this.root = element;
    this.stack.push(element);
  }

  private close(): void {
    const element = this.stack.pop();
    if (!element) return;
    element.text = element.text.trim();
    element.counts = undefined;
    const parent = element.parent;
    if (!this.stream || !element.streamed || !parent) return;
    this.stream.onElement(element);
    parent.children.pop();
  }

  private characters(text: string): void {
    const current = this.stack[this.stack.length - 1];
    // Whitespace between elements is the bulk of an indented report's text: skip it unless the element holds text.
    if (current && (current.text !== '' || hasContent(text))) current.text += text;
  }
}

/** Reads a whole document at once. */
export function readXml(text: string, fileName: string, stream?: XmlStream): XmlElement {
  const reader = new XmlDocumentReader(text, fileName, stream);
  reader.write(0, text.length);
  return reader.finish();
}

/**
 * Reads a document in chunks of `chunkCharacters`, yielding to the event loop between them, so a
 * multi-megabyte report never holds the loop for long (a 64 KiB chunk takes a few milliseconds).
 */
export async function readXmlInChunks(text: string, fileName: string, stream?: XmlStream, chunkCharacters = XML_CHUNK_CHARACTERS): Promise<XmlElement> {
  const reader = new XmlDocumentReader(text, fileName, stream);
  for (let from = 0; from < text.length; from += chunkCharacters) {
    reader.write(from, Math.min(from + chunkCharacters, text.length));
    await yieldToEventLoop();
  }
  return reader.finish();
}
