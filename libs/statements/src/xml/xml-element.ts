export interface XmlElement {
  /** Local name, without the prefix. */
  readonly name: string;
  /** Resolved namespace URI; '' when none is in scope. */
  readonly namespace: string;
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: readonly XmlElement[];
  /** Character data directly inside the element, trimmed. */
  readonly text: string;
  readonly line: number;
  readonly parent: XmlElement | undefined;
  /** 1-based position among the siblings of the same name, counting those already handed over and dropped. */
  readonly ordinal: number;
  /** Handed over to a stream as it closed: its siblings of the same name may still follow. */
  readonly streamed: boolean;
}

/** A child in the parent's namespace, the way ISO 20022 messages nest their elements. */
export const childOf = (parent: XmlElement, name: string): XmlElement | undefined =>
  parent.children.find((child) => child.name === name && child.namespace === parent.namespace);

export const childrenOf = (parent: XmlElement, name: string): XmlElement[] =>
  parent.children.filter((child) => child.name === name && child.namespace === parent.namespace);

const repeats = (node: XmlElement): boolean => node.ordinal > 1 || node.streamed || (node.parent?.children.some((sibling) => sibling !== node && sibling.name === node.name) ?? false);

/** `/Document/SctiesBalCtdyRpt/BalForAcct[2]/AggtBal`: positions only where a name repeats. */
export function xpathOf(element: XmlElement): string {
  const steps: string[] = [];
  for (let node: XmlElement | undefined = element; node; node = node.parent) steps.push(repeats(node) ? `${node.name}[${node.ordinal}]` : node.name);
  return `/${steps.reverse().join('/')}`;
}
