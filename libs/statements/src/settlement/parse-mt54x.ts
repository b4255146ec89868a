import { StatementParseError } from '../errors';
import { ParseOptions } from '../options';
import { ProblemCollector } from '../problems';
import { Quantity } from '../statement';
import { ParseSteps, runSteps } from '../steps';
import { fieldLabel } from '../swift/field-tags';
import { readSwiftMessage } from '../swift/message';
import { balance, code } from '../swift/values';
import { messageIdentity, PartialSettlement, SettlementConfirmationMessage, SettlementDirection } from './settlement-message';
import { accountIn, dateIn, linesOf, ownerAndServicerReferences, readSettlementHeader, requiredIsin } from './swift-settlement';

/** MT544 receive free, MT545 receive against payment, MT546 deliver free, MT547 deliver against payment. */
const KINDS: Readonly<Record<string, { direction: SettlementDirection; payment: 'APMT' | 'FREE' }>> = {
  '544': { direction: 'RECEIVE', payment: 'FREE' },
  '545': { direction: 'RECEIVE', payment: 'APMT' },
  '546': { direction: 'DELIVER', payment: 'FREE' },
  '547': { direction: 'DELIVER', payment: 'APMT' },
};
export const MT54X_TYPES = Object.keys(KINDS);

// MT54x 23G: NEWM a confirmation, CANC the cancellation of one sent before. RVSL (a reversal of a
// settlement that did happen) is a different business event this product does not take yet.
const FUNCTIONS = { NEWM: 'NEWM', CANC: 'CANC' } as const;
// MT54x sequence A 22F::PARS (partial settlement indicator): PAIN a part settled, PARC the rest of one partially confirmed.
const PARTIALS: Readonly<Record<string, PartialSettlement>> = { PAIN: 'PAIN', PARC: 'PARC' };

/**
 * A settlement confirmation, MT544 to MT547 (ISO 15022): what settled (FIAC 36B::ESTT), of which
 * instrument (TRADDET 35B), when (98a::ESET, the contractual 98A::SETT), into or out of which account
 * (FIAC 97A::SAFE), and which instruction it confirms (LINK 20C::RELA, the account owner's reference).
 * A CANC names the confirmation it cancels in LINK 20C::PREV. The message type comes from block 2:
 * a bare text block cannot tell a receipt from a delivery.
 */
export function parseMt54x(input: Uint8Array | string, options: ParseOptions, messageType: string): SettlementConfirmationMessage {
  const problems = new ProblemCollector();
  return problems.run(() => runSteps(readMt54x(input, options, messageType, problems)));
}

function* readMt54x(input: Uint8Array | string, options: ParseOptions, messageType: string, problems: ProblemCollector): ParseSteps<SettlementConfirmationMessage> {
  const kind = KINDS[messageType];
  if (!kind) throw new StatementParseError({ fileName: options.fileName ?? '<statement>', line: 1 }, { field: 'block 2 (message type)', value: messageType, reason: 'is not MT544, MT545, MT546 or MT547' });
  const { envelope, root, reader } = yield* readSwiftMessage(input, options, messageType);
  const genl = reader.requiredBlock(root, 'GENL');
  const header = readSettlementHeader(reader, genl, envelope, options, problems);
  const messageFunction = problems.attempt(() => {
    const field = reader.required(genl, ['23G']);
    const fail = reader.failAt(field);
    return code({ ...field, value: field.value.split('/')[0] ?? '' }, (reason) => fail(`${reason}: the function of a settlement confirmation (RVSL is not taken)`), FUNCTIONS);
  }, 'NEWM');
  const cancelsField = header.links.get('PREV');
  // MT54x network validated rule (error code E08): with 23G CANC, a LINK block must name the cancelled message in 20C::PREV.
  if (messageFunction === 'CANC' && cancelsField === undefined) {
    problems.attempt(() =>
      reader.failIn(genl, `${fieldLabel('20C', 'PREV')} in 16R (LINK)`, 'is missing: a cancellation (23G CANC) must name the confirmation it cancels in 20C::PREV of a LINK block (network validated rule E08)'),
    );
  }
  const partial = problems.attempt(() => {
    const field = reader.optional(genl, ['22F'], 'PARS');
    return field && code(field, reader.failAt(field), PARTIALS);
  });
  const traddet = problems.attempt(() => reader.requiredBlock(root, 'TRADDET'));
  const fiac = problems.attempt(() => reader.requiredBlock(root, 'FIAC'));
  const instrument = traddet && problems.attempt(() => requiredIsin(reader, traddet));
  const settlementDate = traddet && problems.attempt(() => dateIn(reader, traddet, 'SETT'));
  const tradeDate = traddet && problems.attempt(() => dateIn(reader, traddet, 'TRAD'));
  const effective = traddet && problems.attempt(() => dateIn(reader, traddet, 'ESET', true) ?? reader.failIn(traddet, fieldLabel('98A', 'ESET'), 'is missing from block TRADDET: a confirmation says when it settled'));
  const settled = fiac && problems.attempt(() => {
    const field = reader.required(fiac, ['36B'], 'ESTT');
    const fail = reader.failAt(field);
    const quantity: Quantity = balance(field, fail);
    if (quantity.type !== 'UNIT') fail(`is a ${quantity.type} quantity: shares settle in UNIT`);
    if (quantity.units <= 0n) fail('is not a positive quantity');
    return { quantity, line: field.line };
  });
  const account = problems.attempt(() => accountIn(reader, fiac));
  return {
    kind: 'SETTLEMENT_CONFIRMATION',
    format: `MT${messageType}`,
    ...messageIdentity(header, ownerAndServicerReferences(header.links), account),
    messageFunction,
    ...(cancelsField === undefined ? {} : { cancels: cancelsField.value }),
    ...kind,
    isin: instrument?.isin ?? '',
    quantity: settled?.quantity ?? { type: 'UNIT', units: 0n },
    ...(settlementDate ? { settlementDate } : {}),
    effectiveSettlementDate: effective ?? '',
    ...(tradeDate ? { tradeDate } : {}),
    ...(partial === undefined ? {} : { partial }),
    lines: linesOf({ reference: header.referenceLine, link: header.links.get('RELA')?.line, cancels: cancelsField?.line, instrument: instrument?.line, quantity: settled?.line }),
  } as SettlementConfirmationMessage;
}
