import { StatementParseError } from '../errors';
import { ParseOptions } from '../options';
import { StatementBasis, StatementCompleteness, StatementCopy, StatementFunction, StatementHeader } from '../statement';
import { canonicalBic } from '../values/identifiers';
import { SwiftBlock } from './blocks';
import { SwiftEnvelope } from './envelope';
import { SwiftReader } from './located';
import { account, code } from './values';

const BASES: Readonly<Record<string, StatementBasis>> = { SETT: 'SETTLED', TRAD: 'TRADED' };
const COMPLETENESS: Readonly<Record<string, StatementCompleteness>> = { COMP: 'COMPLETE', DELT: 'DELTA' };
const FUNCTIONS: Readonly<Record<string, StatementFunction>> = { NEWM: 'NEW', CANC: 'CANCEL' };
const COPIES: Readonly<Record<string, StatementCopy>> = { COPY: 'COPY', DUPL: 'DUPLICATE', CODU: 'COPY_DUPLICATE' };
const PAGE = /^(\d{1,5})\/(ONLY|MORE|LAST)$/;

/** The safekeeping account of a GENL or SUBSAFE block: 97A/97B::SAFE, or a blockchain wallet (97D). */
export function safekeepingAccount(reader: SwiftReader, block: SwiftBlock): string | undefined {
  const field = reader.optional(block, ['97A', '97B'], 'SAFE') ?? reader.optional(block, ['97D'], 'SAFE') ?? reader.optional(block, ['97D'], 'BCAW');
  return field && account(field, reader.failAt(field));
}

function custodianOf(envelope: SwiftEnvelope, options: ParseOptions, fileName: string): string {
  const terminal = envelope.senderTerminal;
  // A logical terminal address is the BIC8, one terminal letter, then the branch code.
  const bic = terminal === undefined ? options.custodian : `${terminal.slice(0, 8)}${terminal.slice(9)}`;
  const fail = (reason: string): never => {
    throw new StatementParseError({ fileName, line: 1 }, { field: 'custodian (sender BIC)', ...(bic === undefined ? {} : { value: bic }), reason });
  };
  return bic === undefined ? fail('is unknown: the file has no SWIFT header and no custodian was given') : canonicalBic(bic, fail);
}

/**
 * Sequence A (GENL), common to MT535 and MT536. Older senders omit 22F qualifiers: without
 * 22F::CODE a statement is complete and without 22F::STBA it is on settled positions, as the
 * releases that made them optional read their absence.
 */
export function readHeader(
  reader: SwiftReader,
  genl: SwiftBlock,
  envelope: SwiftEnvelope,
  options: ParseOptions,
): Omit<StatementHeader, 'format' | 'asOf'> {
  const pageField = reader.required(genl, ['28E']);
  const page = PAGE.exec(pageField.value) ?? reader.failAt(pageField)('is not a page number and indicator (n/ONLY|MORE|LAST)');
  if (Number(page[1]) === 0) reader.failAt(pageField)('numbers page 0: pages count from 1');
  const referenceField = reader.required(genl, ['20C'], 'SEME');
  if (!/^[^\n/][^\n]{0,15}$/.test(referenceField.value)) reader.failAt(referenceField)('is not a reference (up to 16 characters)');
  const functionField = reader.required(genl, ['23G']);
  const [functionCode = '', copyCode, extra] = functionField.value.split('/');
  const fail = reader.failAt(functionField);
  if (extra !== undefined) fail('is not a function (NEWM|CANC[/COPY|DUPL|CODU])');
  const statementFunction = code({ ...functionField, value: functionCode }, fail, FUNCTIONS);
  const copy = copyCode === undefined ? undefined : code({ ...functionField, value: copyCode }, fail, COPIES);
  const basisField = reader.optional(genl, ['22F'], 'STBA');
  const completenessField = reader.optional(genl, ['22F'], 'CODE');
  const frequency = reader.optional(genl, ['22F'], 'SFRE')?.value;
  return {
    custodian: custodianOf(envelope, options, reader.fileName),
    account: safekeepingAccount(reader, genl) ?? reader.failIn(genl, '97A (SAFE account)', 'is missing from block GENL'),
    reference: referenceField.value,
    page: Number(page[1]),
    lastPage: page[2] !== 'MORE',
    basis: basisField ? code(basisField, reader.failAt(basisField), BASES) : 'SETTLED',
    completeness: completenessField ? code(completenessField, reader.failAt(completenessField), COMPLETENESS) : 'COMPLETE',
    function: statementFunction,
    ...(copy === undefined ? {} : { copy }),
    ...(frequency === undefined ? {} : { frequency }),
  };
}
