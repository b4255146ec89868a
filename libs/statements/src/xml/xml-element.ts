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
  readonly parent?: XmlElement;
}

/** A child in the parent's namespace, the way ISO 20022 messages nest their elements. */
export const childOf = (parent: XmlElement, name: string): XmlElement | undefined =>
  parent.children.find((child) => child.name === name && child.namespace === parent.namespace);

export const childrenOf = (parent: XmlElement, name: string): XmlElement[] =>
  parent.children.filter((child) => child.name === name && child.namespace === parent.namespace);

/** `/Document/SctiesBalCtdyRpt/BalForAcct[2]/AggtBal`: positions only where a name repeats. */
export function xpathOf(element: XmlElement): string {
  const steps: string[] = [];
  for (let node: XmlElement | undefined = element; node; node = node.parent) {
    const siblings = node.parent ? node.parent.children.filter((sibling) => sibling.name === node?.name) : [node];
    steps.push(siblings.length > 1 ? `${node.name}[${siblings.indexOf(node) + 1}]` : node.name);
  }
  return `/${steps.reverse().join('/')}`;
}
