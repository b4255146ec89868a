import { CsvField, Instrument, StatementFormat } from '@recon/statements';

/** Where a field of a parsed statement stands in its file, and what the format calls it. */
export interface FieldLocation {
  /** 1-based. */
  readonly line: number;
  readonly xpath?: string;
  readonly field: string;
}

/** What a field is called in each format, and how its line is recognised. */
interface FieldMarker {
  /** MT535 field tag and qualifier, as it starts the line. */
  readonly swift: string;
  /** semt.002 element: its name, and its path below the report or the balance holding it. */
  readonly xml: { readonly name: string; readonly path: string };
  readonly label: string;
}

const MARKERS: Partial<Record<CsvField, FieldMarker>> = {
  custodian: { swift: '{1:', xml: { name: 'AnyBIC', path: 'AcctSvcr/Id/AnyBIC' }, label: 'custodian (sender BIC)' },
  account: { swift: ':97A::SAFE', xml: { name: 'SfkpgAcct', path: 'SfkpgAcct/Id' }, label: 'safekeeping account' },
  reference: { swift: ':20C::SEME', xml: { name: 'StmtId', path: 'StmtGnlDtls/StmtId' }, label: 'statement reference' },
  page: { swift: ':28E:', xml: { name: 'PgNb', path: 'Pgntn/PgNb' }, label: 'page number' },
  lastPage: { swift: ':28E:', xml: { name: 'LastPgInd', path: 'Pgntn/LastPgInd' }, label: 'last page indicator' },
  asOfDate: { swift: ':98', xml: { name: 'StmtDtTm', path: 'StmtGnlDtls/StmtDtTm' }, label: 'statement date' },
  basis: { swift: ':22F::STBA', xml: { name: 'StmtBsis', path: 'StmtGnlDtls/StmtBsis/Cd' }, label: 'statement basis' },
  completeness: { swift: ':22F::CODE', xml: { name: 'UpdTp', path: 'StmtGnlDtls/UpdTp/Cd' }, label: 'update type' },
  function: { swift: ':23G:', xml: { name: 'CpyDplct', path: 'CpyDplct' }, label: 'function of the message' },
  isin: { swift: ':35B:', xml: { name: 'FinInstrmId', path: 'FinInstrmId/ISIN' }, label: 'identification of the financial instrument' },
  aggregate: { swift: ':93B::AGGR', xml: { name: 'AggtBal', path: 'AggtBal' }, label: 'aggregate balance' },
  quantityType: { swift: ':93B::AGGR', xml: { name: 'AggtBal', path: 'AggtBal/Qty' }, label: 'quantity type of the aggregate balance' },
  available: { swift: ':93B::AVAI', xml: { name: 'AvlblBal', path: 'AvlblBal' }, label: 'available balance' },
  notAvailable: { swift: ':93B::NAVL', xml: { name: 'NotAvlblBal', path: 'NotAvlblBal' }, label: 'not available balance' },
};

const snakeCase = (field: string): string => field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
const opening = (name: string): RegExp => new RegExp(`<(?:[\\w.-]+:)?${name}[\\s>/]`);
const closing = (name: string): RegExp => new RegExp(`</(?:[\\w.-]+:)?${name}\\s*>`);

function lastLine(lines: readonly string[], matches: (line: string) => boolean): number {
  for (let index = lines.length - 1; index >= 0; index--) if (matches(lines[index]!)) return index;
  return -1;
}

function firstLine(lines: readonly string[], matches: (line: string) => boolean, from = 0, until = lines.length): number | undefined {
  for (let index = from; index < until; index++) if (matches(lines[index]!)) return index;
  return undefined;
}

/** The lines of one position: from its instrument's line to the end of its block. */
interface PositionLines {
  readonly start: number;
  readonly end: number;
  readonly xpath?: string;
}

function instrumentMatcher(instrument: Instrument): (line: string) => boolean {
  const key = instrument.isin ?? instrument.description?.split(' ')[0];
  return (line) => key !== undefined && line.includes(key);
}

function swiftPosition(lines: readonly string[], instrument: Instrument, subAccount: string | undefined): PositionLines | undefined {
  const from = subAccount === undefined ? 0 : (firstLine(lines, (line) => line.startsWith(':97') && line.endsWith(`//${subAccount}`)) ?? 0);
  const start = firstLine(lines, (line) => line.startsWith(':35B:') && instrumentMatcher(instrument)(line), from);
  if (start === undefined) return undefined;
  return { start, end: firstLine(lines, (line) => line.startsWith(':16S:FIN'), start) ?? lines.length };
}

/** The balance holding the instrument, counted the way the parser's XPaths count (1-based among its kind). */
function xmlPosition(lines: readonly string[], instrument: Instrument, subAccount: string | undefined): PositionLines | undefined {
  const from = subAccount === undefined ? 0 : (firstLine(lines, (line) => line.includes(`>${subAccount}<`)) ?? 0);
  const start = firstLine(lines, (line) => /<(?:[\w.-]+:)?(ISIN|Desc)>/.test(line) && instrumentMatcher(instrument)(line), from);
  if (start === undefined) return undefined;
  const before = lines.slice(0, start + 1);
  const count = (pattern: RegExp, since = 0) => before.slice(since).filter((line) => pattern.test(line)).length;
  const lastSubAccount = lastLine(before, (line) => opening('SubAcctDtls').test(line));
  const inSubAccount = lastSubAccount !== -1 && lastLine(before, (line) => closing('SubAcctDtls').test(line)) < lastSubAccount;
  const balance = inSubAccount ? 'BalForSubAcct' : 'BalForAcct';
  const xpath = inSubAccount
    ? `/Document/SctiesBalCtdyRpt/SubAcctDtls[${count(opening('SubAcctDtls'))}]/BalForSubAcct[${count(opening('BalForSubAcct'), lastSubAccount)}]`
    : `/Document/SctiesBalCtdyRpt/BalForAcct[${count(opening('BalForAcct'))}]`;
  return { start, end: firstLine(lines, (line) => closing(balance).test(line), start) ?? lines.length, xpath };
}

function csvRow(lines: readonly string[], instrument: Instrument | undefined, subAccount: string | undefined): number {
  const matches = instrument ? instrumentMatcher(instrument) : () => true;
  return firstLine(lines, (line) => matches(line) && (subAccount === undefined || line.includes(subAccount)), 1) ?? 1;
}

export interface FieldQuery {
  readonly field: CsvField;
  /** The position at fault, if the fault is in one. */
  readonly instrument?: Instrument;
  /** The sub-safekeeping account the position belongs to; absent for the statement's own account. */
  readonly subAccount?: string;
}

/**
 * Finds the line of a field in a statement the parser read, for faults found after parsing (the
 * domain's rules): the position's block found by its ISIN (within its sub-account when it has
 * one), then the field's line within it; a header field's first line. Falls back to the block's or
 * the file's first line rather than fail: a located problem must always be given.
 */
export function locateField(text: string, format: StatementFormat, { field, instrument, subAccount }: FieldQuery): FieldLocation {
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  const marker = MARKERS[field];
  if (format === 'CSV') return { line: csvRow(lines, instrument, subAccount) + 1, field: `${field} (column "${snakeCase(field)}")` };
  if (format === 'SEMT002') {
    const position = instrument ? xmlPosition(lines, instrument, subAccount) : undefined;
    const name = marker?.xml.name ?? field;
    const at = firstLine(lines, (line) => opening(name).test(line), position?.start ?? 0, position?.end ?? lines.length) ?? position?.start ?? 0;
    const xpath = position?.xpath ? `${position.xpath}/${marker?.xml.path ?? name}` : `/Document/SctiesBalCtdyRpt/${marker?.xml.path ?? name}`;
    return { line: at + 1, xpath, field: `${name} (${marker?.label ?? field})` };
  }
  const position = instrument ? swiftPosition(lines, instrument, subAccount) : undefined;
  const prefix = marker?.swift ?? ':';
  const at = firstLine(lines, (line) => line.startsWith(prefix), position?.start ?? 0, position?.end ?? lines.length) ?? position?.start ?? 0;
  const tag = /^:(\d\d[A-Z])::?(\w{4})?/.exec(lines[at] ?? '');
  const label = marker?.label ?? field;
  return { line: at + 1, field: tag ? `${tag[1]}${tag[2] ? `::${tag[2]}` : ''} (${label})` : label };
}
