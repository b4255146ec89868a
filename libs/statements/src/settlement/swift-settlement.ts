import { normalizeBic } from '@recon/domain';
import { ParseOptions } from '../options';
import { ProblemCollector } from '../problems';
import { SwiftBlock, SwiftField } from '../swift/blocks';
import { SwiftEnvelope } from '../swift/envelope';
import { SwiftReader } from '../swift/located';
import { custodianOf, reference, safekeepingAccount, terminalBic } from '../swift/statement-header';
import { dateOf, instrument } from '../swift/values';
import { SettlementFieldLines } from './settlement-message';

/** The 20C references of every A1 LINK block of sequence A, by qualifier (RELA, PREV, ASRF …), with their fields. */
export function linkReferences(reader: SwiftReader, genl: SwiftBlock, problems: ProblemCollector): ReadonlyMap<string, SwiftField> {
  const found = new Map<string, SwiftField>();
  for (const link of reader.blocks(genl, 'LINK')) {
    for (const field of link.fields) {
      if (field.tag !== '20C' || field.qualifier === undefined || found.has(field.qualifier)) continue;
      if (problems.attempt(() => reference(reader, field)) !== undefined) found.set(field.qualifier, field);
    }
  }
  return found;
}

/** What sequence A says in every MT544 to MT548: the custodian, this message's SEME and the references it links. */
export interface SwiftSettlementHeader {
  readonly custodian: string;
  readonly senderBic?: string;
  readonly messageReference: string;
  readonly links: ReadonlyMap<string, SwiftField>;
  readonly referenceLine: number;
}

export function readSettlementHeader(reader: SwiftReader, genl: SwiftBlock, envelope: SwiftEnvelope, options: ParseOptions, problems: ProblemCollector): SwiftSettlementHeader {
  const semeField = problems.attempt(() => reader.required(genl, ['20C'], 'SEME'));
  const messageReference = problems.attempt(() => (semeField ? reference(reader, semeField) : ''), '');
  const custodian = problems.attempt(() => custodianOf(envelope, options, reader.fileName), '');
  const senderBic = envelope.senderTerminal === undefined ? undefined : normalizeBic(terminalBic(envelope.senderTerminal));
  return {
    custodian,
    ...(senderBic === undefined ? {} : { senderBic }),
    messageReference,
    links: linkReferences(reader, genl, problems),
    referenceLine: semeField?.line ?? genl.line,
  };
}

/** RELA (the account owner's reference, our trade's) and ASRF (the custodian's own), when linked. */
export function ownerAndServicerReferences(links: ReadonlyMap<string, SwiftField>): { accountOwnerReference?: string; custodianReference?: string } {
  const owner = links.get('RELA')?.value;
  const servicer = links.get('ASRF')?.value;
  return { ...(owner === undefined ? {} : { accountOwnerReference: owner }), ...(servicer === undefined ? {} : { custodianReference: servicer }) };
}

/** 35B with an ISIN: a settlement is matched to a trade by the asset's ISIN, a local code alone will not do. */
export function requiredIsin(reader: SwiftReader, block: SwiftBlock): { isin: string; line: number } {
  const field = reader.required(block, ['35B']);
  const fail = reader.failAt(field);
  const { isin } = instrument(field, fail);
  return isin === undefined ? fail('names no ISIN: a settlement is matched to its trade by the ISIN of the asset') : { isin, line: field.line };
}

/** A 98A/98C/98E date of the block, as `YYYY-MM-DD` or, with a time, `YYYY-MM-DDTHH:MM:SS`. */
export function dateIn(reader: SwiftReader, block: SwiftBlock, qualifier: string, withTime = false): string | undefined {
  const field = reader.optional(block, ['98A', '98C', '98E'], qualifier);
  if (!field) return undefined;
  const asOf = dateOf(field.value, field.tag, reader.failAt(field));
  return withTime && asOf.time !== undefined ? `${asOf.date}T${asOf.time}${asOf.utcOffset ?? ''}` : asOf.date;
}

export function accountIn(reader: SwiftReader, block: SwiftBlock | undefined): string | undefined {
  return block && safekeepingAccount(reader, block);
}

export const linesOf = (lines: { [K in keyof SettlementFieldLines]: number | undefined }): SettlementFieldLines =>
  Object.fromEntries(Object.entries(lines).filter(([, line]) => line !== undefined)) as unknown as SettlementFieldLines;
