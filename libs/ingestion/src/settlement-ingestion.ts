import { CommandMetadata, DomainError, MatchedBy, matchSettlementMessage, SettlementMessageKeys, TradeAwaitingSettlement, TradeCommand, tradeDecider } from '@recon/domain';
import { formatDecimal, SettlementConfirmationMessage, SettlementMessage, SettlementStatusAdvice } from '@recon/statements';
import { BookedTrade, remainingOf } from './trade-book';
import { StatementProblem, StatementRefusedError } from './statement-problem';

/** A settlement message as read: its file names every refusal. */
export interface SettlementSource {
  readonly file: string;
  readonly statement: SettlementMessage;
}

/** What one settlement message comes to: the command it sends (none for a pending status), and why. */
export interface SettlementPlan {
  readonly command?: TradeCommand;
  readonly tradeId?: string;
  /** How the trade was found; confirmation-reference: the trade already has the confirmation (or, for a CANC, the one cancelled). */
  readonly matchedBy?: MatchedBy | 'confirmation-reference';
  /** confirmation, cancellation, failing, pending, other-status */
  readonly kind: 'confirmation' | 'cancellation' | 'failing' | 'pending' | 'other-status';
  readonly quantity?: string;
  readonly reasonCode?: string;
  readonly status?: string;
}

/** How a refusal names the field, as the message's own standard does. */
const MT_FIELDS = {
  reference: '20C (SEME reference)',
  link: '20C (RELA reference)',
  cancels: '20C (PREV reference)',
  keys: '35B (financial instrument)',
  quantity: '36B (ESTT quantity)',
  status: '25D (status)',
} as const;
type FieldOf = keyof typeof MT_FIELDS;
const ISO_FIELDS: Readonly<Record<FieldOf, string>> = {
  reference: 'BizMsgIdr (message reference)',
  link: 'AcctOwnrTxId (account owner transaction id)',
  cancels: 'BizMsgIdr (message reference)',
  keys: 'ISIN (financial instrument)',
  quantity: 'SttldQty (settled quantity)',
  status: 'SttlmSts (settlement status)',
};

const sideOf = (direction: 'RECEIVE' | 'DELIVER' | undefined) => (direction === undefined ? undefined : direction === 'RECEIVE' ? 'BUY' as const : 'SELL' as const);

/** The settlement time of a confirmation: its effective settlement date at 00:00 UTC, or the date and time when given with an offset. */
function settledAtOf(effective: string): string {
  const [date = '', time] = effective.split('T');
  return time !== undefined && /[+-]\d{2}:\d{2}$/.test(time) ? effective : `${date}T00:00:00Z`;
}

/** The account a message settles in (97A::SAFE, SfkpgAcct), at its sender: a trade that names another is no candidate by keys. */
const accountOf = (message: { custodian: string; account?: string }) =>
  (message.account === undefined ? {} : { account: { custodian: message.custodian, account: message.account } });

function awaiting(book: readonly BookedTrade[]): TradeAwaitingSettlement[] {
  return book.flatMap((trade) => {
    const { state } = trade;
    if (state.status === 'Cancelled' || trade.isin === undefined) return [];
    const { tradeId, side, quantity, settlementDate, accountOwnerReference, custodianReference, settlementAccount } = state.execution;
    return [{
      tradeId, isin: trade.isin, side, quantity, remaining: remainingOf(trade), settlementDate,
      ...(settlementAccount === undefined ? {} : { account: { custodian: settlementAccount.custodian, account: settlementAccount.account } }),
      ...(accountOwnerReference === undefined ? {} : { accountOwnerReference }),
      ...(custodianReference === undefined ? {} : { custodianReference }),
    }];
  });
}

/**
 * Plans what one settlement message records, checked against the trade's rules before anything is
 * appended; a refusal names the file, the message's SEME, the field and why, and nothing of the file
 * is taken (all-or-nothing, as for statements):
 * 1. a confirmation already applied to a trade (its SEME is one of the trade's confirmations) goes
 *    to that trade again, where it changes nothing: the same file twice is one settlement;
 * 2. a cancellation (23G CANC) reverses the confirmation its PREV names, on the trade that has it;
 * 3. otherwise the message finds its trade (matchSettlementMessage): a confirmation records the
 *    settled quantity, a failing status (PENF) a settlement failure with the custodian's reason code.
 *    A pending status (PEND) changes no figure and is reported, not recorded.
 */
export function settlementPlan(source: SettlementSource, book: readonly BookedTrade[], metadata: CommandMetadata, windowDays: number): SettlementPlan {
  const message = source.statement;
  const fields = message.format.startsWith('MT') ? MT_FIELDS : ISO_FIELDS;
  const refuse = (field: FieldOf, line: number | undefined, reason: string): never => {
    const problem: StatementProblem = { file: source.file, line: line ?? message.lines.reference, field: fields[field], message: `message ${message.messageReference}: ${reason}` };
    throw new StatementRefusedError(source.file, [problem]);
  };
  const plan = message.kind === 'SETTLEMENT_CONFIRMATION' ? confirmationPlan(message, book, metadata, windowDays, refuse) : statusPlan(message, book, metadata, windowDays, refuse);
  if (plan.command) {
    const trade = book.find((t) => t.state.execution.tradeId === plan.tradeId);
    try {
      tradeDecider.decide(plan.command, trade?.state ?? tradeDecider.initialState());
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const field = plan.kind === 'failing' ? 'status' : plan.kind === 'cancellation' ? 'cancels' : 'quantity';
      refuse(field, field === 'status' ? message.lines.status : field === 'cancels' ? message.lines.cancels : message.lines.quantity, `trade ${plan.tradeId}: ${error.message}`);
    }
  }
  return plan;
}

type Refuse = (field: FieldOf, line: number | undefined, reason: string) => never;

function matched(message: SettlementMessage, keys: SettlementMessageKeys, book: readonly BookedTrade[], windowDays: number, refuse: Refuse): { tradeId: string; by: NonNullable<SettlementPlan['matchedBy']> } {
  const match = matchSettlementMessage(awaiting(book), keys, windowDays);
  if (match.kind === 'refused') return refuse(match.field === 'link' ? 'link' : 'keys', match.field === 'link' ? message.lines.link : message.lines.instrument, match.reason);
  return { tradeId: match.tradeId, by: match.by };
}

function confirmationPlan(message: SettlementConfirmationMessage, book: readonly BookedTrade[], metadata: CommandMetadata, windowDays: number, refuse: Refuse): SettlementPlan {
  const quantity = formatDecimal(message.quantity.units);
  if (message.messageFunction === 'CANC') {
    const cancels = message.cancels ?? '';
    const trade = book.find((t) => t.state.confirmations.has(cancels));
    if (!trade) return refuse('cancels', message.lines.cancels, `cancels confirmation ${cancels}, which no trade has recorded`);
    const tradeId = trade.state.execution.tradeId;
    return { kind: 'cancellation', tradeId, matchedBy: 'confirmation-reference', quantity, command: { type: 'ReverseSettlement', data: { tradeId, confirmationId: cancels, reversalId: message.messageReference }, metadata } };
  }
  const known = book.find((t) => t.state.confirmations.has(message.messageReference));
  const side = sideOf(message.direction);
  const { tradeId, by } = known
    ? { tradeId: known.state.execution.tradeId, by: 'confirmation-reference' as const }
    : matched(message, {
        isin: message.isin, side, quantity,
        settlementDate: message.settlementDate ?? message.effectiveSettlementDate.slice(0, 10),
        ...accountOf(message),
        ...(message.accountOwnerReference === undefined ? {} : { accountOwnerReference: message.accountOwnerReference }),
        ...(message.custodianReference === undefined ? {} : { custodianReference: message.custodianReference }),
      }, book, windowDays, refuse);
  const command: TradeCommand = { type: 'RecordSettlement', data: { tradeId, confirmationId: message.messageReference, quantity, settledAt: settledAtOf(message.effectiveSettlementDate) }, metadata };
  return { kind: 'confirmation', tradeId, matchedBy: by, quantity, command };
}

// MT548 25D::SETT (settlement status): PENF failing, the settlement date passed and it did not settle; PEND pending, it may still settle.
const FAILING = 'PENF';
const PENDING = 'PEND';
const STANDARD_REASON = /^[A-Z0-9]{4}$/;

function statusPlan(message: SettlementStatusAdvice, book: readonly BookedTrade[], metadata: CommandMetadata, windowDays: number, refuse: Refuse): SettlementPlan {
  const settlement = message.statuses.find((status) => status.type === 'SETT' && (status.code === FAILING || status.code === PENDING));
  if (!settlement) return { kind: 'other-status', status: message.statuses.map((s) => `${s.type}//${s.code}`).join(', ') };
  const { tradeId, by } = matched(message, {
    ...(message.isin === undefined ? {} : { isin: message.isin }),
    ...(message.direction === undefined ? {} : { side: sideOf(message.direction) }),
    ...(message.settlementDate === undefined ? {} : { settlementDate: message.settlementDate }),
    ...accountOf(message),
    ...(message.accountOwnerReference === undefined ? {} : { accountOwnerReference: message.accountOwnerReference }),
    ...(message.custodianReference === undefined ? {} : { custodianReference: message.custodianReference }),
  }, book, windowDays, refuse);
  const [reason] = settlement.reasons;
  const reasonCode = reason && STANDARD_REASON.test(reason.code) ? reason.code : undefined;
  const status = `${settlement.type}//${settlement.code}`;
  if (settlement.code === PENDING) return { kind: 'pending', tradeId, matchedBy: by, status, ...(reasonCode === undefined ? {} : { reasonCode }) };
  const text = reason?.narrative ?? (reason ? `settlement failing, reason ${reason.code}` : 'settlement failing, no reason given');
  const command: TradeCommand = {
    type: 'RecordSettlementFailure',
    data: { tradeId, failureId: message.messageReference, reason: text, ...(reasonCode === undefined ? {} : { reasonCode }) },
    metadata,
  };
  return { kind: 'failing', tradeId, matchedBy: by, status, ...(reasonCode === undefined ? {} : { reasonCode }), command };
}
