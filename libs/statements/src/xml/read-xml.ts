import { StatementParseError } from '../errors';
import { XmlElement } from './xml-element';

interface MutableElement {
  name: string;
  namespace: string;
  attributes: Map<string, string>;
  children: MutableElement[];
  text: string;
  line: number;
  parent: MutableElement | undefined;
  /** Prefix → URI in scope here. */
  scope: ReadonlyMap<string, string>;
  qualifiedName: string;
}

const NAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?$/;
const ATTRIBUTE = /\s+([^\s=/>]+)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;
const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const MAX_DEPTH = 100;
const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';

/**
 * A small, strict reader for data-oriented XML such as ISO 20022 messages: elements, attributes,
 * text, CDATA, comments, the XML declaration and the five predefined entities. Document type
 * declarations are refused, which also rules out entity-expansion attacks. It keeps each element's
 * line so errors can point at it, and every value stays text: no number ever goes through a float.
 */
export function readXml(text: string, fileName: string): XmlElement {
  let position = 0;
  let counted = 0;
  let line = 1;
  const lineAt = (offset: number): number => {
    for (let at = text.indexOf('\n', counted); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) line++;
    counted = Math.max(counted, offset);
    return line;
  };
  const fail = (offset: number, field: string, reason: string, value?: string): never => {
    throw new StatementParseError({ fileName, line: lineAt(offset) }, { field, reason, ...(value === undefined ? {} : { value }) });
  };

  const decode = (raw: string, offset: number): string => {
    if (!raw.includes('&')) return raw;
    return raw.replace(/&([^;&]*);?/g, (reference, name: string) => {
      if (!reference.endsWith(';')) return fail(offset, 'character reference', 'is an & that starts no entity', reference);
      const code = name.startsWith('#x') ? parseInt(name.slice(2), 16) : name.startsWith('#') ? Number(name.slice(1)) : undefined;
      if (code === undefined) return ENTITIES[name] ?? fail(offset, 'character reference', 'is not one of the predefined entities', reference);
      if (!/^#(x[0-9A-Fa-f]{1,6}|\d{1,7})$/.test(name) || code === 0 || code > 0x10ffff) return fail(offset, 'character reference', 'is not a character', reference);
      return String.fromCodePoint(code);
    });
  };

  const stack: MutableElement[] = [];
  let root: MutableElement | undefined;
  const rootScope: ReadonlyMap<string, string> = new Map([['xml', XML_NAMESPACE]]);

  const resolve = (qualifiedName: string, scope: ReadonlyMap<string, string>, offset: number, isAttribute: boolean): { name: string; namespace: string } => {
    const colon = qualifiedName.indexOf(':');
    if (colon === -1) return { name: qualifiedName, namespace: isAttribute ? '' : (scope.get('') ?? '') };
    const prefix = qualifiedName.slice(0, colon);
    const namespace = scope.get(prefix) ?? fail(offset, qualifiedName, `uses the undeclared namespace prefix ${prefix}`);
    return { name: qualifiedName.slice(colon + 1), namespace };
  };

  const openElement = (start: number, content: string): void => {
    const selfClosing = content.endsWith('/');
    const body = selfClosing ? content.slice(0, -1) : content;
    const qualifiedName = /^[^\s]*/.exec(body)?.[0] ?? '';
    if (!NAME.test(qualifiedName)) fail(start, 'element', 'is not an element name', qualifiedName);
    if (root && stack.length === 0) fail(start, qualifiedName, 'is a second root element');
    if (stack.length >= MAX_DEPTH) fail(start, qualifiedName, `nests deeper than ${MAX_DEPTH} elements`);
    const rawAttributes = new Map<string, string>();
    ATTRIBUTE.lastIndex = qualifiedName.length;
    let consumed = qualifiedName.length;
    for (let match = ATTRIBUTE.exec(body); match; match = ATTRIBUTE.exec(body)) {
      const attributeName = match[1] ?? '';
      if (!NAME.test(attributeName) || rawAttributes.has(attributeName)) fail(start, qualifiedName, 'has a malformed or repeated attribute', attributeName);
      rawAttributes.set(attributeName, decode(match[2] ?? match[3] ?? '', start));
      consumed = ATTRIBUTE.lastIndex;
    }
    if (body.slice(consumed).trim() !== '') fail(start, qualifiedName, 'has malformed attributes', body.slice(consumed).trim());
    const parent = stack[stack.length - 1];
    let scope = parent?.scope ?? rootScope;
    for (const [attributeName, value] of rawAttributes) {
      if (attributeName === 'xmlns' || attributeName.startsWith('xmlns:')) {
        scope = new Map(scope).set(attributeName === 'xmlns' ? '' : attributeName.slice(6), value);
      }
    }
    const attributes = new Map<string, string>();
    for (const [attributeName, value] of rawAttributes) {
      if (attributeName !== 'xmlns' && !attributeName.startsWith('xmlns:')) attributes.set(resolve(attributeName, scope, start, true).name, value);
    }
    const { name, namespace } = resolve(qualifiedName, scope, start, false);
    // Every property set at creation, in one order: objects that gain properties later fall out of V8's fast shapes.
    const element: MutableElement = { name, namespace, attributes, children: [], text: '', line: lineAt(start), parent, scope, qualifiedName };
    if (parent) parent.children.push(element);
    else root = element;
    if (!selfClosing) stack.push(element);
  };

  const closeElement = (start: number, end: number): void => {
    const name = text.slice(start + 2, end).trim();
    const open = stack.pop();
    if (!open || open.qualifiedName !== name) fail(start, `</${name}>`, open ? `does not close <${open.qualifiedName}> of line ${open.line}` : 'closes no element');
    if (open) open.text = open.text.trim();
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
    return fail(from, 'tag', 'is not closed by > (the file may be cut short)');
  };

  const skipPast = (from: number, terminator: string, what: string): number => {
    const at = text.indexOf(terminator, from);
    return at === -1 ? fail(from, what, `is not closed by ${terminator} (the file may be cut short)`) : at + terminator.length;
  };

  while (position < text.length) {
    const open = text.indexOf('<', position);
    const characters = text.slice(position, open === -1 ? text.length : open);
    const current = stack[stack.length - 1];
    if (current) current.text += decode(characters, position);
    else if (characters.trim() !== '') fail(position, 'text', 'stands outside the root element', characters.trim());
    if (open === -1) break;
    if (text.startsWith('<?', open)) {
      position = skipPast(open + 2, '?>', 'processing instruction');
    } else if (text.startsWith('<!--', open)) {
      position = skipPast(open + 4, '-->', 'comment');
    } else if (text.startsWith('<![CDATA[', open)) {
      const end = skipPast(open + 9, ']]>', 'CDATA section');
      if (!current) fail(open, 'CDATA section', 'stands outside the root element');
      else current.text += text.slice(open + 9, end - 3);
      position = end;
    } else if (text.startsWith('<!', open)) {
      fail(open, 'declaration', 'is not accepted: statements carry no document type declaration');
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
  if (unclosed) fail(text.length, `<${unclosed.qualifiedName}>`, `of line ${unclosed.line} is never closed (the file may be cut short)`);
  return root ?? fail(0, 'root element', 'is missing: the file holds no XML element');
}
