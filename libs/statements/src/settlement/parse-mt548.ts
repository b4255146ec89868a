import { ParseOptions } from '../options';
import { ProblemCollector } from '../problems';
import { ParseSteps, runSteps } from '../steps';
import { SwiftBlock } from '../swift/blocks';
import { fieldLabel } from '../swift/field-tags';
import { SwiftReader } from '../swift/located';
import { readSwiftMessage } from '../swift/message';
import { balance, code } from '../swift/values';
import { messageIdentity, SettlementDirection, SettlementStatus, SettlementStatusAdvice } from './settlement-message';
import { accountIn, dateIn, linesOf, ownerAndServicerReferences, readSettlementHeader, requiredIsin } from './swift-settlement';

// MT548 23G: INST the status of an instruction, CAST the status of a request to cancel one.
const FUNCTIONS = { INST: 'INST', CAST: 'CAST' } as const;
const DIRECTIONS: Readonly<Record<string, SettlementDirection>> = { RECE: 'RECEIVE', DELI: 'DELIVER' };
const STATUS = /^([A-Z0-9]{4})$/;

/** A2 STAT: `25D::SETT//PENF`, and each A2a REAS: `24B::PENF//CLAC` with its `70D::REAS` narrative. */
function readStatus(reader: SwiftReader, stat: SwiftBlock): { status: SettlementStatus; line: number } {
  // 25D has a qualifier per kind of status (SETT, MTCH, IPRC …); one status per STAT block.
  const [field, repeat] = stat.fields.filter((candidate) => candidate.tag === '25D');
  if (!field) return reader.failIn(stat, fieldLabel('25D'), 'is missing from block STAT');
  if (repeat) reader.failAt(repeat)(`repeats the status of line ${field.line}: one status per STAT block`);
  const fail = reader.failAt(field);
  if (field.qualifier === undefined || !STATUS.test(field.value)) fail('is not a status (:QUAL//CODE)');
  const reasons = reader.blocks(stat, 'REAS').map((reas) => {
    const reasonField = reas.fields.find((candidate) => candidate.tag === '24B') ?? reader.failIn(reas, fieldLabel('24B'), 'is missing from block REAS');
    // MT548 usage rule: the 24B qualifier repeats the status it gives the reason of (PENF reasons for a PENF status).
    if (reasonField.qualifier !== field.value) reader.failAt(reasonField)(`gives a reason of ${reasonField.qualifier ?? 'no status'}, but the status is ${field.value}`);
    if (!STATUS.test(reasonField.value)) reader.failAt(reasonField)('is not a reason code (four letters or digits)');
    const narrative = reader.optional(reas, ['70D'], 'REAS')?.value.split('\n').map((line) => line.trim()).join(' ');
    return { code: reasonField.issuer === '' ? reasonField.value : `${reasonField.issuer}/${reasonField.value}`, ...(narrative ? { narrative } : {}) };
  });
  return { status: { type: field.qualifier ?? '', code: field.issuer === '' ? field.value : `${field.issuer}/${field.value}`, reasons }, line: field.line };
}

/**
 * MT548 Settlement Status and Processing Advice (ISO 15022): which instruction (LINK 20C::RELA, the
 * account owner's reference), its status (A2 25D, e.g. SETT//PENF failing, SETT//PEND pending) with
 * the reasons (A2a 24B, e.g. PENF//CLAC, 70D narrative), and, in sequence B SETTRAN, the instrument,
 * quantity, account and settlement date it is about.
 */
export function parseMt548(input: Uint8Array | string, options: ParseOptions = {}): SettlementStatusAdvice {
  const problems = new ProblemCollector();
  return problems.run(() => runSteps(readMt548(input, options, problems)));
}

function* readMt548(input: Uint8Array | string, options: ParseOptions, problems: ProblemCollector): ParseSteps<SettlementStatusAdvice> {
  const { envelope, root, reader } = yield* readSwiftMessage(input, options, '548');
  const genl = reader.requiredBlock(root, 'GENL');
  const header = readSettlementHeader(reader, genl, envelope, options, problems);
  problems.attempt(() => {
    const field = reader.required(genl, ['23G']);
    return code({ ...field, value: field.value.split('/')[0] ?? '' }, reader.failAt(field), FUNCTIONS);
  });
  const owner = header.links.get('RELA');
  // MT548 rule: the advice is about an instruction, and a LINK names it.
  if (owner === undefined && header.links.get('ASRF') === undefined) {
    problems.attempt(() => reader.failIn(genl, `${fieldLabel('20C', 'RELA')} in 16R (LINK)`, 'is missing: a status advice names the instruction it is about (20C::RELA, or the custodian\'s 20C::ASRF)'));
  }
  const stats = reader.blocks(genl, 'STAT').flatMap((stat) => problems.attempt(() => [readStatus(reader, stat)], []));
  if (stats.length === 0 && reader.blocks(genl, 'STAT').length === 0) problems.attempt(() => reader.failIn(genl, '16R (STAT)', 'is missing from block GENL: an advice gives a status'));
  const settran = reader.blocks(root, 'SETTRAN')[0];
  const instrument = settran && problems.attempt(() => requiredIsin(reader, settran));
  const quantity = settran && problems.attempt(() => {
    const field = reader.optional(settran, ['36B'], 'SETT');
    return field && { quantity: balance(field, reader.failAt(field)), line: field.line };
  });
  const direction = settran && problems.attempt(() => {
    const field = reader.optional(settran, ['22H'], 'REDE');
    return field && code(field, reader.failAt(field), DIRECTIONS);
  });
  const settlementDate = settran && problems.attempt(() => dateIn(reader, settran, 'SETT'));
  const account = problems.attempt(() => accountIn(reader, settran));
  return {
    kind: 'SETTLEMENT_STATUS',
    format: 'MT548',
    ...messageIdentity(header, ownerAndServicerReferences(header.links), account),
    ...(instrument ? { isin: instrument.isin } : {}),
    statuses: stats.map((stat) => stat.status),
    ...(direction ? { direction } : {}),
    ...(quantity ? { quantity: quantity.quantity } : {}),
    ...(settlementDate ? { settlementDate } : {}),
    lines: linesOf({ reference: header.referenceLine, link: owner?.line, instrument: instrument?.line, quantity: quantity?.line, status: stats[0]?.line }),
  };
}
