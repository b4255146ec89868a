import { canonicalJson, TradeCommand } from '@recon/domain';
import { EventStore } from '@recon/event-store';
import { commandMetadata, CommandResult, EventCodec, RequestContext } from '@recon/command-execution';
import { DEFAULT_RECONCILER_SETTINGS } from '@recon/read-models';
import { createHash } from 'node:crypto';
import { IngestionReport, SettlementReport } from './ingestion-report';
import { settlementPlan, SettlementPlan, SettlementSource } from './settlement-ingestion';
import { ExecuteTradeCommand } from './trade-command';
import { tradesOnBook } from './trade-book';

/** Where a settlement file's trade command goes: the command bus, or a dry run's executor. */
export interface TradeCommandSender {
  execute(message: ExecuteTradeCommand): Promise<CommandResult>;
}

const idempotencyKeyOf = (command: TradeCommand): string =>
  `settlement.${createHash('sha256').update(canonicalJson({ type: command.type, data: command.data })).digest('hex')}`;

/** Days either side of the settlement date a message may match a trade by its keys: the reconciler's settlement window. */
const WINDOW_DAYS = DEFAULT_RECONCILER_SETTINGS.policy.windows.settlement.days ?? 1;

/** The business date a settlement message speaks for: when it settled, else the settlement date, else the day it was taken. */
function businessDateOf(source: SettlementSource, now: string): string {
  const message = source.statement;
  const date = message.kind === 'SETTLEMENT_CONFIRMATION' ? message.effectiveSettlementDate.slice(0, 10) : message.settlementDate;
  return date ?? now.slice(0, 10);
}

/**
 * Files one settlement confirmation or status advice against its trade: the plan (matching and the
 * trade's rules) is settled first from the trades on the book, then its one command goes through the
 * trade aggregate with an id that follows from its content, so the same file again appends nothing.
 */
export class SettlementFiling {
  constructor(
    private readonly trades: TradeCommandSender,
    private readonly store: EventStore,
    private readonly codec: EventCodec,
  ) {}

  async file(source: SettlementSource, context: RequestContext): Promise<IngestionReport> {
    const message = source.statement;
    const book = await tradesOnBook(this.store, this.codec);
    const plan = settlementPlan(source, book, commandMetadata(context), WINDOW_DAYS);
    const asOf = businessDateOf(source, context.now);
    let result: CommandResult | undefined;
    if (plan.command) {
      const sourcing = { sourceDocument: source.file, businessTime: `${asOf}T00:00:00Z` };
      result = await this.trades.execute(new ExecuteTradeCommand(plan.command, { ...context, idempotencyKey: idempotencyKeyOf(plan.command) }, sourcing));
    }
    const appended = (result?.appended ?? []).map(({ eventId, type }) => ({ streamId: result?.streamId ?? '', eventId, type }));
    const cancelling = message.kind === 'SETTLEMENT_CONFIRMATION' && message.messageFunction === 'CANC';
    return {
      file: source.file,
      format: message.format,
      custodian: message.custodian,
      statementReference: message.messageReference,
      messageReference: message.messageReference,
      ...(cancelling && message.cancels !== undefined ? { cancels: message.cancels } : {}),
      page: 1,
      lastPage: true,
      asOf,
      function: cancelling ? 'CANCEL' : 'NEW',
      pages: [],
      cancellations: [],
      assembly: { received: [], missing: [], withdrawn: [], complete: true, accounts: message.account === undefined ? [] : [message.account], cancelled: false },
      settlements: [reportOf(message.messageReference, plan, plan.command === undefined ? 'not-recorded' : appended.length > 0 ? 'recorded' : 'unchanged')],
      appended,
    };
  }
}

function reportOf(messageReference: string, plan: SettlementPlan, outcome: string): SettlementReport {
  return {
    messageReference,
    kind: plan.kind,
    ...(plan.tradeId === undefined ? {} : { tradeId: plan.tradeId }),
    ...(plan.matchedBy === undefined ? {} : { matchedBy: plan.matchedBy }),
    ...(plan.quantity === undefined ? {} : { quantity: plan.quantity }),
    ...(plan.status === undefined ? {} : { status: plan.status }),
    ...(plan.reasonCode === undefined ? {} : { reasonCode: plan.reasonCode }),
    outcome,
  };
}
