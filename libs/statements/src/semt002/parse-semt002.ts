import { statementText } from '../input';
import { fileNameOf, ParseOptions } from '../options';
import { normalizeBic } from '@recon/domain';
import { ProblemCollector } from '../problems';
import { AccountHoldings, CopyOrDuplicate, HoldingsStatement, PageTotals, Position, StatementBasis, StatementCompleteness, StatementCopy } from '../statement';
import { BASIS_CODES, continuationOf, keyed, statementDateTimeOf } from '../statement-key';
import { isoAsOf } from '../values/calendar';
import { canonicalBic } from '../values/identifiers';
import { readXml, readXmlInChunks, XmlStream } from '../xml/read-xml';
import { childrenOf, XmlElement } from '../xml/xml-element';
import { XmlReader } from '../xml/xml-reader';
import { readPosition } from './position';
import { signedAmount } from './quantities';
import { Semt002Version, semt002Version } from './versions';

const BASES: Readonly<Record<string, StatementBasis>> = { SETT: 'SETTLED', TRAD: 'TRADED', CONT: 'CONTRACTUAL' };
const COMPLETENESS: Readonly<Record<string, StatementCompleteness>> = { COMP: 'COMPLETE', DELT: 'DELTA' };
const COPIES: Readonly<Record<string, CopyOrDuplicate>> = { COPY: 'COPY', DUPL: 'DUPL', CODU: 'CODU' };
const COPY_WORDS: Readonly<Record<CopyOrDuplicate, StatementCopy>> = { COPY: 'COPY', DUPL: 'DUPLICATE', CODU: 'COPY_DUPLICATE' };
/** semt.002 is the securities balance custody report: its statement type is custody (MT535 22F::STTY//CUST). */
const CUSTODY_STATEMENT = 'CUST';
const MAX_WRAPPING = 3;

/** The Document, alone or wrapped with its business application header (AppHdr) in an envelope. */
export function findDocument(root: XmlElement): { document: XmlElement | undefined; appHeader: XmlElement | undefined } {
  let level = [root];
  for (let depth = 0; depth <= MAX_WRAPPING && level.length > 0; depth++) {
    const document = level.find((element) => element.name === 'Document');
    if (document) return { document, appHeader: document.parent?.children.find((sibling) => sibling.name === 'AppHdr') };
    level = level.flatMap((element) => element.children);
  }
  return { document: undefined, appHeader: undefined };
}

/** The account servicer's BIC, else the AppHdr sender's, else the caller's. */
function custodianOf(reader: XmlReader, report: XmlElement, appHeader: XmlElement | undefined, fallback: string | undefined): string {
  const element = reader.optional(report, 'AcctSvcr/Id/AnyBIC') ?? (appHeader && reader.optional(appHeader, 'Fr/FIId/FinInstnId/BICFI'));
  if (element) return canonicalBic(element.text, reader.failAt(element, 'custodian'));
  if (fallback !== undefined) return canonicalBic(fallback, reader.failAt(report, 'custodian given by the caller', fallback));
  return reader.failAt(report, 'custodian', null)('is unknown: neither AcctSvcr nor an AppHdr names a BIC, and no custodian was given');
}

function accountOf(reader: XmlReader, owner: XmlElement, version: Semt002Version): string | undefined {
  return reader.text(owner, 'SfkpgAcct/Id') ?? (version.walletAccounts ? reader.text(owner, 'BlckChainAdrOrWllt/Id') : undefined);
}

function totalsOf(reader: XmlReader, report: XmlElement): PageTotals {
  const total = (path: string, label: string) => {
    const element = reader.optional(report, `AcctBaseCcyTtlAmts/${path}`);
    return element && signedAmount(reader, element, label);
  };
  const page = total('TtlHldgsValOfPg', 'page total');
  const statement = total('TtlHldgsValOfStmt', 'statement total');
  return { ...(page === undefined ? {} : { page }), ...(statement === undefined ? {} : { statement }) };
}

/** Where each instrument's balance may stand: the account's own, or a sub-account's. */
const BALANCE_PARENTS: Readonly<Record<string, string>> = { BalForAcct: 'SctiesBalCtdyRpt', BalForSubAcct: 'SubAcctDtls' };

/**
 * Reads each balance into a position as soon as its element closes, keyed by the element holding
 * it: a report of ten thousand instruments is never a tree of ten thousand subtrees.
 */
function balanceStream(reader: XmlReader, problems: ProblemCollector): { stream: XmlStream; positionsIn: (holder: XmlElement) => Position[] } {
  const positions = new Map<XmlElement, Position[]>();
  const onElement = (balance: XmlElement): void => {
    const holder = balance.parent;
    if (!holder || holder.namespace !== balance.namespace) return;
    problems.attempt(() => {
      // A balance in the wrong place would otherwise be skipped without a word.
      if (holder.name !== BALANCE_PARENTS[balance.name]) reader.failAt(balance, 'balance', null)(`stands in ${holder.name}, not in ${BALANCE_PARENTS[balance.name]}`);
      const position = readPosition(reader, balance);
      const list = positions.get(holder);
      if (list) list.push(position);
      else positions.set(holder, [position]);
    });
  };
  return { stream: { names: new Set(Object.keys(BALANCE_PARENTS)), onElement }, positionsIn: (holder) => positions.get(holder) ?? [] };
}

function subAccountsOf(reader: XmlReader, report: XmlElement, version: Semt002Version, mainAccount: string, main: Position[], positionsIn: (holder: XmlElement) => Position[]): AccountHoldings[] {
  const byAccount = new Map<string, Position[]>();
  for (const details of childrenOf(report, 'SubAcctDtls')) {
    const account = accountOf(reader, details, version) ?? reader.required(details, 'SfkpgAcct/Id', 'sub-account').text;
    const positions = account === mainAccount ? main : (byAccount.get(account) ?? []);
    byAccount.set(account, positions);
    positions.push(...positionsIn(details));
  }
  byAccount.delete(mainAccount);
  return [...byAccount].map(([account, positions]) => ({ account, positions }));
}

/** ISO 20022 semt.002 Securities Balance Custody Report, versions 001.10 and 001.11, any namespace prefix. */
export function parseSemt002(input: Uint8Array | string, options: ParseOptions = {}): HoldingsStatement {
  const problems = new ProblemCollector();
  return problems.run(() => {
    const fileName = fileNameOf(options);
    const reader = new XmlReader(fileName);
    const { stream, positionsIn } = balanceStream(reader, problems);
    const root = readXml(statementText(input, fileName), fileName, stream);
    return statementOf(reader, root, positionsIn, options, problems);
  });
}

/**
 * The same as parseSemt002, for large reports on a server: the XML is read in chunks with a turn of
 * the event loop between them (positions are read as their elements close, so that work is spread
 * over the chunks too), so a 5 MB report does not stop the process from serving for its whole parse.
 */
export async function parseSemt002Async(input: Uint8Array | string, options: ParseOptions = {}): Promise<HoldingsStatement> {
  const problems = new ProblemCollector();
  const fileName = fileNameOf(options);
  const reader = new XmlReader(fileName);
  const { stream, positionsIn } = balanceStream(reader, problems);
  let root: XmlElement;
  try {
    root = await readXmlInChunks(statementText(input, fileName), fileName, stream);
  } catch (error) {
    // A fault in the XML itself stops the reading: it is refused with the problems found before it.
    return problems.run(() => {
      throw error;
    });
  }
  return problems.run(() => statementOf(reader, root, positionsIn, options, problems));
}

/** The statement around the positions already read, once the whole document has been read. */
function statementOf(reader: XmlReader, root: XmlElement, positionsIn: (holder: XmlElement) => Position[], options: ParseOptions, problems: ProblemCollector): HoldingsStatement {
  const { document, appHeader } = findDocument(root);
  if (!document) return reader.failAt(root, 'Document', null)('holds no semt.002 Document');
  const version = semt002Version(document, reader.fileName);
  const report = reader.required(document, 'SctiesBalCtdyRpt', 'securities balance custody report');
  const general = reader.required(report, 'StmtGnlDtls', 'statement general details');
  const page = problems.attempt(() => {
    const pageElement = reader.required(report, 'Pgntn/PgNb', 'page number');
    if (!/^\d{1,5}$/.test(pageElement.text) || Number(pageElement.text) === 0) reader.failAt(pageElement, 'page number')('is not a page number (1 to 99999)');
    return Number(pageElement.text);
  }, 1);
  const lastPage = problems.attempt(() => reader.flag(reader.required(report, 'Pgntn/LastPgInd', 'last page indicator'), 'last page indicator'), true);
  const statementId = problems.attempt(() => reader.text(general, 'StmtId'));
  const businessMessageId = appHeader && problems.attempt(() => reader.text(appHeader, 'BizMsgIdr'));
  const reference = statementId ?? businessMessageId;
  if (reference === undefined) problems.attempt(() => reader.failAt(general, 'statement reference', null)('has no StmtId, and no AppHdr carries a BizMsgIdr'));
  const account = problems.attempt(() => accountOf(reader, report, version) ?? reader.required(report, 'SfkpgAcct/Id', 'safekeeping account').text, '');
  const asOf = problems.attempt(() => {
    const element = reader.optional(general, 'StmtDtTm/DtTm') ?? reader.required(general, 'StmtDtTm/Dt', 'statement date');
    return isoAsOf(element.text, reader.failAt(element, 'statement date'));
  }, { date: '' });
  const frequency = problems.attempt(() => reader.text(general, 'Frqcy/Cd'));
  const copy = appHeader && problems.attempt(() => reader.code(appHeader, 'CpyDplct', 'copy duplicate', COPIES));
  // The business application header's Related (Rltd) names the earlier business message this one refers to.
  const linkedReferences = appHeader ? childrenOf(appHeader, 'Rltd').flatMap((related) => problems.attempt(() => reader.text(related, 'BizMsgIdr')) ?? []) : [];
  const sender = appHeader && problems.attempt(() => reader.optional(appHeader, 'Fr/FIId/FinInstnId/BICFI'));
  const basis = problems.attempt(() => reader.code(general, 'StmtBsis/Cd', 'statement basis', BASES), undefined) ?? 'SETTLED';
  const completeness = problems.attempt(() => reader.code(general, 'UpdTp/Cd', 'update type', COMPLETENESS), undefined) ?? 'COMPLETE';
  const custodian = problems.attempt(() => custodianOf(reader, report, appHeader, options.custodian), '');
  const positions = [...positionsIn(report)];
  const subAccounts = problems.attempt(() => subAccountsOf(reader, report, version, account, positions, positionsIn), []);
  const senderBic = sender && normalizeBic(sender.text);
  const header = {
    custodian,
    account,
    reference: reference ?? '',
    page,
    lastPage,
    asOf,
    basis,
    completeness,
    function: 'NEW' as const,
    ...(copy === undefined ? {} : { copy: COPY_WORDS[copy] }),
    ...(frequency === undefined ? {} : { frequency }),
    messageReference: businessMessageId ?? statementId ?? '',
    linkedReferences,
    // ISO 20022 has no 23G: a semt.002 is always new; a copy or duplicate says so in the AppHdr's CpyDplct.
    messageFunction: 'NEWM' as const,
    ...(copy === undefined ? {} : { copyOrDuplicate: copy }),
    statementType: CUSTODY_STATEMENT,
    basisCode: BASIS_CODES[basis],
    pageNumber: page,
    continuation: continuationOf(page, lastPage),
    ...(senderBic === undefined ? {} : { senderBic }),
  };
  return {
    kind: 'HOLDINGS',
    format: 'SEMT002',
    ...keyed('HOLDINGS', header, statementDateTimeOf(asOf)),
    positions,
    subAccounts,
    totals: problems.attempt(() => totalsOf(reader, report), {}),
  };
}
