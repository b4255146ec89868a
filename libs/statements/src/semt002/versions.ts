import { StatementParseError } from '../errors';
import { XmlElement, xpathOf } from '../xml/xml-element';

export const SEMT002_NAMESPACE_PREFIX = 'urn:iso:std:iso:20022:tech:xsd:semt.002.001.';

/** What differs between the versions this reader takes, as far as the normalized statement goes. */
export interface Semt002Version {
  readonly version: '10' | '11';
  /** 001.11 added the blockchain address or wallet (BlckChainAdrOrWllt) beside SfkpgAcct. */
  readonly walletAccounts: boolean;
}

const VERSIONS: readonly Semt002Version[] = [
  { version: '10', walletAccounts: false },
  { version: '11', walletAccounts: true },
];

/** The version comes from the Document's namespace, whatever prefix (or none) the sender bound it to. */
export function semt002Version(document: XmlElement, fileName: string): Semt002Version {
  const suffix = document.namespace.startsWith(SEMT002_NAMESPACE_PREFIX) ? document.namespace.slice(SEMT002_NAMESPACE_PREFIX.length) : undefined;
  const known = VERSIONS.find((candidate) => candidate.version === suffix);
  if (known) return known;
  throw new StatementParseError(
    { fileName, line: document.line, xpath: xpathOf(document) },
    {
      field: 'Document (namespace)',
      value: document.namespace,
      reason: `is not a supported semt.002 version (${VERSIONS.map((v) => `${SEMT002_NAMESPACE_PREFIX}${v.version}`).join(', ')})`,
    },
  );
}
