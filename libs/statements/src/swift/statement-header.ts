import { normalizeBic } from '@recon/domain';
import { StatementParseError } from '../errors';
import { ParseOptions } from '../options';
import { ProblemCollector } from '../problems';
import { CopyOrDuplicate, MessageFunction, PageContinuation, StatementBasis, StatementCompleteness, StatementCopy, StatementFunction, StatementHeader } from '../statement';
import { BASIS_CODES } from '../statement-key';
import { canonicalBic } from '../values/identifiers';
import { SwiftBlock } from './blocks';
import { SwiftEnvelope } from './envelope';
import { fieldLabel } from './field-tags';
import { SwiftReader } from './located';
import { account, code } from './values';

const BASES: Readonly<Record<string, StatementBasis>> = { SETT: 'SETTLED', TRAD: 'TRADED' };
const COMPLETENESS: Readonly<Record<string, StatementCompleteness>> = { COMP: 'COMPLETE', DELT: 'DELTA' };
const FUNCTIONS: Readonly<Record<string, MessageFunction>> = { NEWM: 'NEWM', CANC: 'CANC' };
const COPIES: Readonly<Record<string, CopyOrDuplicate>> = { COPY: 'COPY', DUPL: 'DUPL', CODU: 'CODU' };
const FUNCTION_WORDS: Readonly<Record<MessageFunction, StatementFunction>> = { NEWM: 'NEW', CANC: 'CANCEL' };
const COPY_WORDS: Readonly<Record<CopyOrDuplicate, StatementCopy>> = { COPY: 'COPY', DUPL: 'DUPLICATE', CODU: 'COPY_DUPLICATE' };
const PAGE = /^(\d{1,5})\/(ONLY|MORE|LAST)$/;
// 20C `:4!c//16x`: SWIFT x characters, and (network validated rule T26) no leading or trailing slash, no `//`.
const REFERENCE = /^[^\n/](?:[^\n]{0,14}[^\n/])?$/;
const DEFAULT_STATEMENT_TYPE = 'CUST';

/** The safekeeping account of a GENL or SUBSAFE block: 97A/97B::SAFE, or a blockchain wallet (97D). */
export function safekeepingAccount(reader: SwiftReader, block: SwiftBlock): string | undefined {
  const field = reader.optional(block, ['97A', '97B'], 'SAFE') ?? reader.optional(block, ['97D'], 'SAFE') ?? reader.optional(block, ['97D'], 'BCAW');
  return field && account(field, reader.failAt(field));
}

/** A logical terminal address is the BIC8, one terminal letter, then the branch code. */
export const terminalBic = (terminal: string): string => `${terminal.slice(0, 8)}${terminal.slice(9)}`;

export function custodianOf(envelope: SwiftEnvelope, options: ParseOptions, fileName: string): string {
  const terminal = envelope.senderTerminal;
  const bic = terminal === undefined ? options.custodian : terminalBic(terminal);
  const fail = (reason: string): never => {
    throw new StatementParseError({ fileName, line: 1 }, { field: 'custodian (sender BIC)', ...(bic === undefined ? {} : { value: bic }), reason });
  };
  return bic === undefined ? fail('is unknown: the file has no SWIFT header and no custodian was given') : canonicalBic(bic, fail);
}

export function reference(reader: SwiftReader, field: { value: string } & Parameters<SwiftReader['failAt']>[0]): string {
  if (!REFERENCE.test(field.value)) reader.failAt(field)('is not a reference (1 to 16 characters, no leading or trailing slash)');
  return field.value;
}

/** 20C::PREV of every A1 LINK block, in order. */
function linkedReferences(reader: SwiftReader, genl: SwiftBlock): string[] {
  return reader.blocks(genl, 'LINK').flatMap((link) => link.fields.filter((field) => field.tag === '20C' && field.qualifier === 'PREV').map((field) => reference(reader, field)));
}

/** What sequence A says about the message and the statement, before the date (which MT535 and MT536 give differently). */
export type SwiftHeader = Omit<StatementHeader, 'format' | 'asOf' | 'statementDateTime' | 'statementKey'>;

/**
 * Sequence A (GENL), common to MT535 and MT536. Older senders omit 22F qualifiers: without
 * 22F::CODE a statement is complete and without 22F::STBA it is on settled positions, as the
 * releases that made them optional read their absence. Each field is read on its own, so that a
 * refused file names every bad field of the header.
 */
export function readHeader(reader: SwiftReader, genl: SwiftBlock, envelope: SwiftEnvelope, options: ParseOptions, problems: ProblemCollector): SwiftHeader {
  const page = problems.attempt<{ number: number; continuation: PageContinuation }>(() => {
    const pageField = reader.required(genl, ['28E']);
    const match = PAGE.exec(pageField.value) ?? reader.failAt(pageField)('is not a page number and indicator (n/ONLY|MORE|LAST)');
    if (Number(match[1]) === 0) reader.failAt(pageField)('numbers page 0: pages count from 1');
    return { number: Number(match[1]), continuation: match[2] as PageContinuation };
  }, { number: 1, continuation: 'ONLY' });
  const messageReference = problems.attempt(() => reference(reader, reader.required(genl, ['20C'], 'SEME')), '');
  const functionOf = problems.attempt<{ messageFunction: MessageFunction; copyOrDuplicate?: CopyOrDuplicate }>(() => {
    const functionField = reader.required(genl, ['23G']);
    const [functionCode = '', copyCode, extra] = functionField.value.split('/');
    const fail = reader.failAt(functionField);
    if (extra !== undefined) fail('is not a function (NEWM|CANC[/COPY|DUPL|CODU])');
    const messageFunction = code({ ...functionField, value: functionCode }, fail, FUNCTIONS);
    return { messageFunction, ...(copyCode === undefined ? {} : { copyOrDuplicate: code({ ...functionField, value: copyCode }, fail, COPIES) }) };
  }, { messageFunction: 'NEWM' });
  const links = problems.attempt(() => linkedReferences(reader, genl), []);
  // MT535/MT536 network validated rule C2 (error code E08): with 23G CANC, sequence A1 (LINK) must be present and name the cancelled message in 20C::PREV. The CANC's own SEME is new.
  const cancels = functionOf.messageFunction === 'CANC' ? links[0] : undefined;
  if (functionOf.messageFunction === 'CANC' && cancels === undefined) {
    problems.attempt(() =>
      reader.failIn(genl, `${fieldLabel('20C', 'PREV')} in 16R (LINK)`, 'is missing: a cancellation (23G CANC) must name the message it cancels in 20C::PREV of a LINK block (network validated rule E08)'),
    );
  }
  const basis = problems.attempt(() => {
    const field = reader.optional(genl, ['22F'], 'STBA');
    return field ? code(field, reader.failAt(field), BASES) : 'SETTLED';
  }, 'SETTLED');
  const completeness = problems.attempt(() => {
    const field = reader.optional(genl, ['22F'], 'CODE');
    return field ? code(field, reader.failAt(field), COMPLETENESS) : 'COMPLETE';
  }, 'COMPLETE');
  const frequency = problems.attempt(() => reader.optional(genl, ['22F'], 'SFRE')?.value);
  const statementType = problems.attempt(() => reader.optional(genl, ['22F'], 'STTY')?.value, undefined) ?? DEFAULT_STATEMENT_TYPE;
  const custodian = problems.attempt(() => custodianOf(envelope, options, reader.fileName), '');
  const statementAccount = problems.attempt(() => safekeepingAccount(reader, genl) ?? reader.failIn(genl, '97A (SAFE account)', 'is missing from block GENL'), '');
  const senderBic = envelope.senderTerminal === undefined ? undefined : normalizeBic(terminalBic(envelope.senderTerminal));
  return {
    custodian,
    account: statementAccount,
    reference: messageReference,
    page: page.number,
    lastPage: page.continuation !== 'MORE',
    basis,
    completeness,
    function: FUNCTION_WORDS[functionOf.messageFunction],
    ...(functionOf.copyOrDuplicate === undefined ? {} : { copy: COPY_WORDS[functionOf.copyOrDuplicate] }),
    ...(frequency === undefined ? {} : { frequency }),
    messageReference,
    linkedReferences: links,
    messageFunction: functionOf.messageFunction,
    ...(functionOf.copyOrDuplicate === undefined ? {} : { copyOrDuplicate: functionOf.copyOrDuplicate }),
    ...(cancels === undefined ? {} : { cancels }),
    statementType,
    basisCode: BASIS_CODES[basis],
    pageNumber: page.number,
    continuation: page.continuation,
    ...(senderBic === undefined ? {} : { senderBic }),
  };
}
