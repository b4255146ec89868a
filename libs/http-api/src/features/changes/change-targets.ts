import { AssetCommand, assetDecider, assetStream, ChangePayload, CommandMetadata, CustodyCommand, custodyDecider, custodyStream, Decider, DomainError, TradeCommand, tradeDecider, tradeStream } from '@recon/domain';
import { AggregateCommandMessage, DomainEvent, EventSourcing, RequestContext } from '@recon/command-execution';
import { ExecuteCustodyCommand, ExecuteTradeCommand } from '@recon/ingestion';
import { ExecuteAssetCommand } from '../assets/asset-command';

/** Where a change's command goes: its stream and decider (to check it), and the CQRS message that carries it out. */
export interface ChangeTarget {
  readonly streamId: string;
  readonly decider: Decider<never, DomainEvent, unknown>;
  readonly command: unknown;
  readonly sourcing: EventSourcing;
  message(context: RequestContext): AggregateCommandMessage<unknown>;
}

const CUSTODY_TYPES = new Set(['ReceiveStatement', 'RecordCustodyMovement']);
const ASSET_TYPES = new Set(['ChangeMultiplier', 'RecordTokenDeployment', 'LinkCustodyAccount']);
/** Trades are booked by one operator, except a correction inside a sealed period. */
const TRADE_TYPES = new Set(['ExecuteTrade', 'AmendTrade', 'CancelTrade', 'RecordSettlement', 'RecordSettlementFailure']);

/**
 * The command a change would run, built from its stored payload with the metadata of whoever runs
 * it: the maker when it is checked at proposal, the checker when it is carried out.
 */
export function changeTarget(payload: ChangePayload, metadata: CommandMetadata): ChangeTarget {
  const sourcing: EventSourcing = payload.sourcing ?? {};
  if (CUSTODY_TYPES.has(payload.type)) {
    const command = { type: payload.type, data: payload.data, metadata } as unknown as CustodyCommand;
    const { custodian, account } = command.data as { custodian: string; account: string };
    return {
      streamId: custodyStream(custodian, account), decider: custodyDecider as unknown as ChangeTarget['decider'], command, sourcing,
      message: (context) => new ExecuteCustodyCommand(command, context, sourcing),
    };
  }
  if (ASSET_TYPES.has(payload.type)) {
    const command = { type: payload.type, data: payload.data, metadata } as unknown as AssetCommand;
    return {
      streamId: assetStream(command.data.assetId), decider: assetDecider as unknown as ChangeTarget['decider'], command, sourcing,
      message: (context) => new ExecuteAssetCommand(command, context, sourcing),
    };
  }
  if (TRADE_TYPES.has(payload.type)) {
    const command = { type: payload.type, data: payload.data, metadata } as unknown as TradeCommand;
    return {
      streamId: tradeStream(command.data.tradeId), decider: tradeDecider as unknown as ChangeTarget['decider'], command, sourcing,
      message: (context) => new ExecuteTradeCommand(command, context, sourcing),
    };
  }
  throw new DomainError('INVALID_FIELD', `payload.type: ${payload.type} is not a command a change can carry`);
}
