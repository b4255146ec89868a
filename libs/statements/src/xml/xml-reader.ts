import { StatementParseError } from '../errors';
import { Fail } from '../values/decimal';
import { childOf, XmlElement, xpathOf } from './xml-element';

/** Walks an ISO 20022 document by element paths and reports problems with line, XPath and field. */
export class XmlReader {
  constructor(readonly fileName: string) {}

  /** `value` is the text shown in the message: the element's own by default, none when null. */
  failAt(element: XmlElement, label: string, value: string | null = element.text): Fail {
    return (reason: string): never => {
      throw new StatementParseError(
        { fileName: this.fileName, line: element.line, xpath: xpathOf(element) },
        { field: `${element.name} (${label})`, reason, ...(value === null ? {} : { value }) },
      );
    };
  }

  /** The element at `path` (`StmtGnlDtls/StmtDtTm`); a repeat of a single element is refused as ambiguous. */
  optional(from: XmlElement, path: string): XmlElement | undefined {
    let node: XmlElement | undefined = from;
    for (let start = 0; node && start <= path.length; ) {
      const slash = path.indexOf('/', start);
      const end = slash === -1 ? path.length : slash;
      node = this.single(node, path.slice(start, end));
      start = end + 1;
    }
    return node;
  }

  private single(parent: XmlElement, name: string): XmlElement | undefined {
    let found: XmlElement | undefined;
    for (const child of parent.children) {
      if (child.name !== name || child.namespace !== parent.namespace) continue;
      if (found) this.failAt(child, 'single element', null)('repeats an element that occurs once');
      found = child;
    }
    return found;
  }

  required(from: XmlElement, path: string, label: string): XmlElement {
    const found = this.optional(from, path);
    if (found) return found;
    // Name the deepest ancestor that exists, so the error points at the place to look.
    const steps = path.split('/');
    let node = from;
    let depth = 0;
    for (let next = childOf(node, steps[0] ?? ''); next; next = childOf(node, steps[depth] ?? '')) {
      node = next;
      depth++;
    }
    throw new StatementParseError(
      { fileName: this.fileName, line: node.line, xpath: `${xpathOf(node)}/${steps.slice(depth).join('/')}` },
      { field: `${steps[steps.length - 1]} (${label})`, reason: 'is missing' },
    );
  }

  text(from: XmlElement, path: string): string | undefined {
    return this.optional(from, path)?.text;
  }

  /** A yes/no indicator (xs:boolean). */
  flag(element: XmlElement, label: string): boolean {
    if (element.text === 'true' || element.text === '1') return true;
    if (element.text === 'false' || element.text === '0') return false;
    return this.failAt(element, label)('is not a boolean (true or false)');
  }

  /** A code from a list, read from `<Cd>` under the element. */
  code<T extends string>(from: XmlElement, path: string, label: string, codes: Readonly<Record<string, T>>): T | undefined {
    const element = this.optional(from, path);
    if (!element) return undefined;
    if (Object.hasOwn(codes, element.text)) return codes[element.text];
    return this.failAt(element, label)(`is not one of ${Object.keys(codes).join(', ')}`);
  }
}
