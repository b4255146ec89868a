import { StatementParseError } from '../errors';
import { decodeEntities } from './entities';
import { XmlElement } from './xml-element';

interface MutableElement extends XmlElement {
  text: string;
  readonly children: MutableElement[];
  readonly parent: MutableElement | undefined;
  /** Prefix → URI in scope here. */
  readonly scope: ReadonlyMap<string, string>;
  readonly qualifiedName: string;
  /** Last ordinal per name of children already streamed and dropped; created on the first. */
  dropped: Map<string, number> | undefined;
}

/** Elements handed over as soon as they close and then dropped, so a large report never sits whole in memory. */
export interface XmlStream {
  readonly names: ReadonlySet<string>;
  readonly onElement: (element: XmlElement) => void;
}

const NAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?$/;
const ATTRIBUTE = /\s+([^\s=/>]+)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;
const MAX_DEPTH = 100;
const NO_ATTRIBUTES: ReadonlyMap<string, string> = new Map();
const ROOT_SCOPE: ReadonlyMap<string, string> = new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]);
const isNamespaceDeclaration = (name: string): boolean => name === 'xmlns' || name.startsWith('xmlns:');

function ordinalIn(parent: MutableElement | undefined, name: string): number {
  if (!parent) return 1;
  for (let index = parent.children.length - 1; index >= 0; index--) {
    const sibling = parent.children[index];
    if (sibling?.name === name) return sibling.ordinal + 1;
  }
  return (parent.dropped?.get(name) ?? 0) + 1;
}

/**
 * A small, strict reader for data-oriented XML such as ISO 20022 messages: elements, attributes,
 * text, CDATA, comments, the XML declaration and the five predefined entities. Document type
 * declarations are refused, which also rules out entity-expansion attacks. It keeps each element's
 * line so errors can point at it, and every value stays text: no number ever goes through a float.
 */
export function readXml(text: string, fileName: string, stream?: XmlStream): XmlElement {
  let line = 1;
  let nextNewline = text.indexOf('\n');
  /** Offsets only grow, so the line count advances with them and the text is scanned once. */
  const lineAt = (offset: number): number => {
    while (nextNewline !== -1 && nextNewline < offset) {
      line++;
      nextNewline = text.indexOf('\n', nextNewline + 1);
    }
    return line;
  };
  const failAt =
    (offset: number, field: string, value?: string) =>
    (reason: string): never => {
      throw new StatementParseError({ fileName, line: lineAt(offset) }, { field, reason, ...(value === undefined ? {} : { value }) });
    };

  const stack: MutableElement[] = [];
  let root: MutableElement | undefined;

  const resolve = (qualifiedName: string, scope: ReadonlyMap<string, string>, offset: number, isAttribute: boolean): { name: string; namespace: string } => {
    const colon = qualifiedName.indexOf(':');
    if (colon === -1) return { name: qualifiedName, namespace: isAttribute ? '' : (scope.get('') ?? '') };
    const prefix = qualifiedName.slice(0, colon);
    const namespace = scope.get(prefix) ?? failAt(offset, qualifiedName)(`uses the undeclared namespace prefix ${prefix}`);
    return { name: qualifiedName.slice(colon + 1), namespace };
  };

  const readAttributes = (start: number, qualifiedName: string, body: string): Map<string, string> => {
    const attributes = new Map<string, string>();
    ATTRIBUTE.lastIndex = qualifiedName.length;
    let consumed = qualifiedName.length;
    for (let match = ATTRIBUTE.exec(body); match; match = ATTRIBUTE.exec(body)) {
      const name = match[1] ?? '';
      if (!NAME.test(name) || attributes.has(name)) failAt(start, qualifiedName, name)('has a malformed or repeated attribute');
      attributes.set(name, decodeEntities(match[2] ?? match[3] ?? '', failAt(start, qualifiedName)));
      consumed = ATTRIBUTE.lastIndex;
    }
    const rest = body.slice(consumed).trim();
    if (rest !== '') failAt(start, qualifiedName, rest)('has malformed attributes');
    return attributes;
  };

  const openElement = (start: number, content: string): void => {
    const selfClosing = content.endsWith('/');
    const body = selfClosing ? content.slice(0, -1) : content;
    const qualifiedName = /^\S*/.exec(body)?.[0] ?? '';
    if (!NAME.test(qualifiedName)) failAt(start, 'element', qualifiedName)('is not an element name');
    if (root && stack.length === 0) failAt(start, qualifiedName)('is a second root element');
    if (stack.length >= MAX_DEPTH) failAt(start, qualifiedName)(`nests deeper than ${MAX_DEPTH} elements`);
    const parent = stack[stack.length - 1];
    const raw = body.length === qualifiedName.length ? NO_ATTRIBUTES : readAttributes(start, qualifiedName, body);
    let scope = parent?.scope ?? ROOT_SCOPE;
    let attributes = raw;
    if (raw.size > 0) {
      attributes = new Map();
      for (const [name, value] of raw) if (isNamespaceDeclaration(name)) scope = new Map(scope).set(name === 'xmlns' ? '' : name.slice(6), value);
      for (const [name, value] of raw) if (!isNamespaceDeclaration(name)) (attributes as Map<string, string>).set(resolve(name, scope, start, true).name, value);
    }
    const { name, namespace } = resolve(qualifiedName, scope, start, false);
    // Every property set at creation, in one order: objects that gain properties later leave V8's fast shapes.
    const element: MutableElement = {
      name,
      namespace,
      attributes,
      children: [],
      text: '',
      line: lineAt(start),
      parent,
      ordinal: ordinalIn(parent, name),
      streamed: stream?.names.has(name) ?? false,
      scope,
      qualifiedName,
      dropped: undefined,
    };
    if (parent) parent.children.push(element);
    else root = element;
    if (selfClosing) closed(element);
    else stack.push(element);
  };

  const closed = (element: MutableElement): void => {
    element.text = element.text.trim();
    const parent = element.parent;
    if (!stream || !element.streamed || !parent) return;
    stream.onElement(element);
    parent.children.pop();
    parent.dropped ??= new Map();
    parent.dropped.set(element.name, element.ordinal);
  };

  const closeElement = (start: number, end: number): void => {
    const name = text.slice(start + 2, end).trim();
    const open = stack.pop();
    if (!open || open.qualifiedName !== name) failAt(start, `</${name}>`)(open ? `does not close <${open.qualifiedName}> of line ${open.line}` : 'closes no element');
    else closed(open);
  };

  /** The `>` ending a tag, skipping quoted attribute values. */
  const tagEnd = (from: number): number => {
    let quote = '';
    for (let at = from; at < text.length; at++) {
      const char = text[at];
      if (quote) {
        if (char === quote) quote = '';
      } else if (char === '"' || char === "'") {
        quote = char;
      } else if (char === '>') {
        return at;
      }
    }
    return failAt(from, 'tag')('is not closed by > (the file may be cut short)');
  };

  const skipPast = (from: number, terminator: string, what: string): number => {
    const at = text.indexOf(terminator, from);
    return at === -1 ? failAt(from, what)(`is not closed by ${terminator} (the file may be cut short)`) : at + terminator.length;
  };

  for (let position = 0; position < text.length; ) {
    const open = text.indexOf('<', position);
    const characters = text.slice(position, open === -1 ? text.length : open);
    const current = stack[stack.length - 1];
    if (current) current.text += decodeEntities(characters, failAt(position, 'character reference'));
    else if (characters.trim() !== '') failAt(position, 'text', characters.trim())('stands outside the root element');
    if (open === -1) break;
    if (text.startsWith('<?', open)) {
      position = skipPast(open + 2, '?>', 'processing instruction');
    } else if (text.startsWith('<!--', open)) {
      position = skipPast(open + 4, '-->', 'comment');
    } else if (text.startsWith('<![CDATA[', open)) {
      position = skipPast(open + 9, ']]>', 'CDATA section');
      if (!current) failAt(open, 'CDATA section')('stands outside the root element');
      else current.text += text.slice(open + 9, position - 3);
    } else if (text.startsWith('<!', open)) {
      failAt(open, 'declaration')('is not accepted: statements carry no document type declaration');
    } else if (text.startsWith('</', open)) {
      const end = tagEnd(open + 2);
      closeElement(open, end);
      position = end + 1;
    } else {
      const end = tagEnd(open + 1);
      openElement(open, text.slice(open + 1, end));
      position = end + 1;
    }
  }
  const unclosed = stack[stack.length - 1];
  if (unclosed) failAt(text.length, `<${unclosed.qualifiedName}>`)(`of line ${unclosed.line} is never closed (the file may be cut short)`);
  return root ?? failAt(0, 'root element')('is missing: the file holds no XML element');
}
