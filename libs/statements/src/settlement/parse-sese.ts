import { normalizeBic } from '@recon/domain';
import { statementText } from '../input';
import { fileNameOf, ParseOptions } from '../options';
import { ProblemCollector } from '../problems';
import { quantityOf } from '../semt002/quantities';
import { findDocument } from '../semt002/parse-semt002';
import { isoAsOf } from '../values/calendar';
import { canonicalBic, checkedIsin } from '../values/identifiers';
import { readXml } from '../xml/read-xml';
import { XmlElement } from '../xml/xml-element';
import { XmlReader } from '../xml/xml-reader';
import { messageIdentity, PartialSettlement, SettlementConfirmationMessage, SettlementDirection, SettlementStatus, SettlementStatusAdvice } from './settlement-message';
import { linesOf } from './swift-settlement';

export const SESE025_NAMESPACE_PREFIX = 'urn:iso:std:iso:20022:tech:xsd:sese.025.';
export const SESE024_NAMESPACE_PREFIX = 'urn:iso:std:iso:20022:tech:xsd:sese.024.';

const DIRECTIONS: Readonly<Record<string, SettlementDirection>> = { RECE: 'RECEIVE', DELI: 'DELIVER' };
const PAYMENTS = { APMT: 'APMT', FREE: 'FREE' } as const;
// sese.025 AddtlParams/PrtlSttlm, as MT54x 22F::PARS: PAIN a part settled, PARC the rest of one partially confirmed.
const PARTIALS: Readonly<Record<string, PartialSettlement>> = { PAIN: 'PAIN', PARC: 'PARC' };

interface SeseHeader {
  readonly reader: XmlReader;
  readonly message: XmlElement;
  readonly custodian: string;
  readonly senderBic?: string;
  readonly messageReference: string;
  readonly referenceLine: number;
}

/** The message element, and from the business application header its sender (From BICFI) and BizMsgIdr, the message's own reference. */
function readHeader(input: Uint8Array | string, options: ParseOptions, messageName: string, problems: ProblemCollector): SeseHeader {
  const fileName = fileNameOf(options);
  const reader = new XmlReader(fileName);
  const root = readXml(statementText(input, fileName), fileName);
  const { document, appHeader } = findDocument(root);
  if (!document) return reader.failAt(root, 'Document', null)('holds no Document');
  const message = reader.required(document, messageName, messageName);
  const sender = appHeader && problems.attempt(() => reader.optional(appHeader, 'Fr/FIId/FinInstnId/BICFI'));
  const custodian = problems.attempt(() => {
    if (sender) return canonicalBic(sender.text, reader.failAt(sender, 'sender'));
    if (options.custodian !== undefined) return canonicalBic(options.custodian, reader.failAt(message, 'custodian given by the caller', options.custodian));
    return reader.failAt(message, 'custodian', null)('is unknown: no AppHdr names the sender (Fr/FIId/FinInstnId/BICFI), and no custodian was given');
  }, '');
  const idElement = appHeader && problems.attempt(() => reader.optional(appHeader, 'BizMsgIdr'));
  if (!idElement) problems.attempt(() => reader.failAt(document, 'message reference', null)('has no AppHdr with a BizMsgIdr: the message\'s own reference'));
  const senderBic = sender && normalizeBic(sender.text);
  return { reader, message, custodian, ...(senderBic === undefined ? {} : { senderBic }), messageReference: idElement?.text ?? '', referenceLine: idElement?.line ?? document.line };
}

const dateIn = (reader: XmlReader, parent: XmlElement, path: string, label: string): { date: string; line: number } | undefined => {
  const element = reader.optional(parent, `${path}/Dt/Dt`) ?? reader.optional(parent, `${path}/Dt/DtTm`);
  if (!element) return undefined;
  const asOf = isoAsOf(element.text.replace(/\.\d+/, ''), reader.failAt(element, label));
  return { date: asOf.time !== undefined && asOf.utcOffset !== undefined ? `${asOf.date}T${asOf.time}${asOf.utcOffset}` : asOf.date, line: element.line };
};

const isinIn = (reader: XmlReader, parent: XmlElement): { isin: string; line: number } => {
  const element = reader.required(parent, 'FinInstrmId/ISIN', 'ISIN');
  return { isin: checkedIsin(element.text, reader.failAt(element, 'ISIN')), line: element.line };
};

/** Our reference (AcctOwnrTxId) and the custodian's (AcctSvcrTxId); `NONREF` says there is none. */
function references(reader: XmlReader, ids: XmlElement | undefined): { accountOwnerReference?: string; custodianReference?: string; line?: number } {
  if (!ids) return {};
  const owner = reader.optional(ids, 'AcctOwnrTxId');
  const servicer = reader.text(ids, 'AcctSvcrTxId');
  return {
    ...(owner && owner.text !== 'NONREF' ? { accountOwnerReference: owner.text } : {}),
    ...(servicer && servicer !== 'NONREF' ? { custodianReference: servicer } : {}),
    ...(owner ? { line: owner.line } : {}),
  };
}

/**
 * ISO 20022 sese.025 Securities Settlement Transaction Confirmation, any version: the instruction
 * (TxIdDtls/AcctOwnrTxId, AcctSvcrTxId), receipt or delivery (SctiesMvmntTp, Pmt), dates (TradDtls:
 * SttlmDt, FctvSttlmDt), the instrument (FinInstrmId/ISIN), what settled (QtyAndAcctDtls/SttldQty)
 * into which account (SfkpgAcct/Id), and a partial settlement (AddtlParams/PrtlSttlm).
 */
export function parseSese025(input: Uint8Array | string, options: ParseOptions = {}): SettlementConfirmationMessage {
  const problems = new ProblemCollector();
  return problems.run(() => {
    const header = readHeader(input, options, 'SctiesSttlmTxConf', problems);
    const { reader, message } = header;
    const ids = problems.attempt(() => reader.required(message, 'TxIdDtls', 'transaction identification'));
    const refs = problems.attempt(() => references(reader, ids), {});
    const direction = ids && problems.attempt(() => {
      reader.required(ids, 'SctiesMvmntTp', 'securities movement type');
      return reader.code(ids, 'SctiesMvmntTp', 'securities movement type', DIRECTIONS);
    });
    const payment = ids && problems.attempt(() => reader.code(ids, 'Pmt', 'payment', PAYMENTS));
    const instrument = problems.attempt(() => isinIn(reader, message));
    const trade = reader.optional(message, 'TradDtls');
    const settlementDate = trade && problems.attempt(() => dateIn(reader, trade, 'SttlmDt', 'settlement date'));
    const tradeDate = trade && problems.attempt(() => dateIn(reader, trade, 'TradDt', 'trade date'));
    const effective = problems.attempt(() => {
      reader.required(message, 'TradDtls/FctvSttlmDt', 'effective settlement date');
      return trade && dateIn(reader, trade, 'FctvSttlmDt', 'effective settlement date');
    });
    const settled = problems.attempt(() => {
      const element = reader.required(message, 'QtyAndAcctDtls/SttldQty', 'settled quantity');
      const { quantity } = quantityOf(reader, element, 'settled quantity');
      const fail = reader.failAt(element, 'settled quantity', null);
      if (quantity.type !== 'UNIT') fail(`is a ${quantity.type} quantity: shares settle in Unit`);
      if (quantity.units <= 0n) fail('is not a positive quantity');
      return { quantity, line: element.line };
    });
    const account = problems.attempt(() => reader.text(message, 'QtyAndAcctDtls/SfkpgAcct/Id'));
    const partial = problems.attempt(() => reader.code(message, 'AddtlParams/PrtlSttlm', 'partial settlement', PARTIALS));
    return {
      kind: 'SETTLEMENT_CONFIRMATION',
      format: 'SESE025',
      ...messageIdentity(header, refs, account),
      // ISO 20022 has no 23G: a sese.025 is always a new confirmation.
      messageFunction: 'NEWM',
      direction: direction ?? 'RECEIVE',
      payment: payment ?? 'APMT',
      isin: instrument?.isin ?? '',
      quantity: settled?.quantity ?? { type: 'UNIT', units: 0n },
      ...(settlementDate ? { settlementDate: settlementDate.date.slice(0, 10) } : {}),
      effectiveSettlementDate: effective?.date ?? '',
      ...(tradeDate ? { tradeDate: tradeDate.date.slice(0, 10) } : {}),
      ...(partial === undefined ? {} : { partial }),
      lines: linesOf({ reference: header.referenceLine, link: refs.line, instrument: instrument?.line, quantity: settled?.line }),
    };
  });
}

/** SttlmSts: Pdg (pending, MT548 PEND) or Flng (failing, PENF), each with its reasons (Rsn/Cd/Cd, AddtlRsnInf) or NoSpcfdRsn. */
function settlementStatus(reader: XmlReader, message: XmlElement): { status: SettlementStatus; line: number } | undefined {
  const status = reader.optional(message, 'SttlmSts');
  if (!status) return undefined;
  const kinds = [['Pdg', 'PEND'], ['Flng', 'PENF']] as const;
  for (const [name, code] of kinds) {
    const element = reader.optional(status, name);
    if (!element) continue;
    const reasons = element.children.filter((child) => child.name === 'Rsn').map((reason) => {
      const codeElement = reader.optional(reason, 'Cd/Cd') ?? reader.optional(reason, 'Cd/Prtry/Id');
      const narrative = reader.text(reason, 'AddtlRsnInf');
      return { code: codeElement?.text ?? 'NORE', ...(narrative ? { narrative } : {}) };
    });
    return { status: { type: 'SETT', code, reasons }, line: element.line };
  }
  return undefined;
}

/**
 * ISO 20022 sese.024 Securities Settlement Transaction Status Advice, any version: the instruction
 * (TxId/AcctOwnrTxId, AcctSvcrTxId), its settlement status (SttlmSts/Pdg or Flng with Rsn/Cd/Cd),
 * and, in TxDtls, the instrument, quantity, account, receipt or delivery and settlement date.
 */
export function parseSese024(input: Uint8Array | string, options: ParseOptions = {}): SettlementStatusAdvice {
  const problems = new ProblemCollector();
  return problems.run(() => {
    const header = readHeader(input, options, 'SctiesSttlmTxStsAdvc', problems);
    const { reader, message } = header;
    const refs = problems.attempt(() => references(reader, reader.optional(message, 'TxId')), {});
    if (refs.accountOwnerReference === undefined && refs.custodianReference === undefined) {
      problems.attempt(() => reader.failAt(message, 'transaction identification', null)('names no instruction: TxId/AcctOwnrTxId or AcctSvcrTxId is required'));
    }
    const status = problems.attempt(() => settlementStatus(reader, message));
    const details = reader.optional(message, 'TxDtls');
    const instrument = details && problems.attempt(() => isinIn(reader, details));
    const quantity = details && problems.attempt(() => {
      const element = reader.optional(details, 'SttlmQty');
      return element && { quantity: quantityOf(reader, element, 'settlement quantity').quantity, line: element.line };
    });
    const direction = details && problems.attempt(() => reader.code(details, 'SctiesMvmntTp', 'securities movement type', DIRECTIONS));
    const settlementDate = details && problems.attempt(() => dateIn(reader, details, 'SttlmDt', 'settlement date'));
    const account = details && problems.attempt(() => reader.text(details, 'SfkpgAcct/Id'));
    return {
      kind: 'SETTLEMENT_STATUS',
      format: 'SESE024',
      ...messageIdentity(header, refs, account),
      ...(instrument ? { isin: instrument.isin } : {}),
      statuses: status ? [status.status] : [],
      ...(direction ? { direction } : {}),
      ...(quantity ? { quantity: quantity.quantity } : {}),
      ...(settlementDate ? { settlementDate: settlementDate.date.slice(0, 10) } : {}),
      lines: linesOf({ reference: header.referenceLine, link: refs.line, instrument: instrument?.line, quantity: quantity?.line, status: status?.line }),
    };
  });
}
