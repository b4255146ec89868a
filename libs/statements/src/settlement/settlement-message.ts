import { Quantity } from '../statement';

/**
 * Settlement messages a custodian sends about one transaction, read into one normalized shape each:
 * a confirmation that shares moved (MT544 to MT547, sese.025) and an advice of where an instruction
 * stands (MT548, sese.024). Quantities are exact decimals as in statement.ts.
 */
export type SettlementMessageFormat = 'MT544' | 'MT545' | 'MT546' | 'MT547' | 'MT548' | 'SESE025' | 'SESE024';

/** MT544/545 and sese.025 RECE confirm a receipt (our BUY); MT546/547 and DELI a delivery (our SELL). */
export type SettlementDirection = 'RECEIVE' | 'DELIVER';

/** 22F::PARS: PAIN a part settled and some remains; PARC the remaining part of one partially confirmed before. */
export type PartialSettlement = 'PAIN' | 'PARC';

/** Where in the file each value was read, so that a refusal after parsing still names line and field. */
export interface SettlementFieldLines {
  readonly reference: number;
  readonly link?: number;
  readonly cancels?: number;
  readonly instrument?: number;
  readonly quantity?: number;
  readonly status?: number;
}

interface SettlementMessageHeader {
  readonly format: SettlementMessageFormat;
  /** BIC of the account servicer (the sender) in the domain's normal form. */
  readonly custodian: string;
  readonly senderBic?: string;
  /** 20C::SEME (sese: the AppHdr BizMsgIdr, else the message's own id): this message's own reference. */
  readonly messageReference: string;
  /** 20C::RELA in LINK (sese: AcctOwnrTxId): the account owner's reference of the instruction, our trade's. */
  readonly accountOwnerReference?: string;
  /** 20C::ASRF in LINK (sese: AcctSvcrTxId): the custodian's own reference of the transaction. */
  readonly custodianReference?: string;
  /** 97A::SAFE, SfkpgAcct/Id. */
  readonly account?: string;
  readonly isin?: string;
  readonly lines: SettlementFieldLines;
}

/** MT544 to MT547, sese.025: the shares moved, all of the instruction or part of it. */
export interface SettlementConfirmationMessage extends SettlementMessageHeader {
  readonly kind: 'SETTLEMENT_CONFIRMATION';
  /** 23G NEWM a confirmation; CANC withdraws the confirmation named in `cancels` (MT54x 20C::PREV). */
  readonly messageFunction: 'NEWM' | 'CANC';
  readonly cancels?: string;
  readonly direction: SettlementDirection;
  /** APMT against payment (MT545, MT547), FREE free of payment (MT544, MT546). */
  readonly payment: 'APMT' | 'FREE';
  readonly isin: string;
  /** 36B::ESTT, SttldQty: what settled with this message, positive. */
  readonly quantity: Quantity;
  /** 98A::SETT, the contractual settlement date (YYYY-MM-DD). */
  readonly settlementDate?: string;
  /** 98A/C::ESET, FctvSttlmDt: when it settled (YYYY-MM-DD, or date and time `YYYY-MM-DDTHH:MM:SS`). */
  readonly effectiveSettlementDate: string;
  readonly tradeDate?: string;
  readonly partial?: PartialSettlement;
}

/** 25D::SETT and kin, SttlmSts: PEND pending, PENF failing, with the standard's reason codes. */
export interface SettlementStatus {
  /** The 25D qualifier: SETT (settlement), MTCH (matching), IPRC (instruction processing) …; sese.024 Pdg → SETT. */
  readonly type: string;
  /** PEND, PENF, MACH, NMAT, PACK …, as sent. */
  readonly code: string;
  readonly reasons: readonly { readonly code: string; readonly narrative?: string }[];
}

/** MT548, sese.024: where an instruction stands; a failing status with its reason raises a settlement break. */
export interface SettlementStatusAdvice extends SettlementMessageHeader {
  readonly kind: 'SETTLEMENT_STATUS';
  readonly statuses: readonly SettlementStatus[];
  readonly direction?: SettlementDirection;
  readonly quantity?: Quantity;
  readonly settlementDate?: string;
}

export type SettlementMessage = SettlementConfirmationMessage | SettlementStatusAdvice;

/**
 * Who sent a settlement message and what it refers to, as every format reads them: the sender, the
 * message's own reference, the account owner's and custodian's references, the safekeeping account;
 * optional ones only when present.
 */
export function messageIdentity(
  header: { readonly custodian: string; readonly senderBic?: string; readonly messageReference: string },
  references: { readonly accountOwnerReference?: string; readonly custodianReference?: string },
  account: string | undefined,
) {
  return {
    custodian: header.custodian,
    ...(header.senderBic === undefined ? {} : { senderBic: header.senderBic }),
    messageReference: header.messageReference,
    ...(references.accountOwnerReference === undefined ? {} : { accountOwnerReference: references.accountOwnerReference }),
    ...(references.custodianReference === undefined ? {} : { custodianReference: references.custodianReference }),
    ...(account === undefined ? {} : { account }),
  };
}
