import { TradeCommand, tradeDecider, tradeStream } from '@recon/domain';
import { aggregateCommandHandler, AggregateCommandMessage } from '@recon/command-execution';

/**
 * The trade aggregate's CQRS message and handler. They live with the ingestion, which records the
 * custodian's settlement confirmations and failures from files; the HTTP trade routes send theirs
 * through the same handler.
 */
export class ExecuteTradeCommand extends AggregateCommandMessage<TradeCommand> {}
export const TradeCommandHandler = aggregateCommandHandler(ExecuteTradeCommand, tradeDecider, (command) => tradeStream(command.data.tradeId));
