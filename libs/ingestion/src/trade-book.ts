import { AnyDomainEvent, formatShares, TradeEvent, tradeDecider, TradeState } from '@recon/domain';
import { EventStore } from '@recon/event-store';
import { EventCodec } from '@recon/command-execution';
import { storedPages } from './stored-pages';

/** A booked trade as its stream stands, with the ISIN of its asset. */
export interface BookedTrade {
  readonly assetId: string;
  /** Undefined while the asset's registration is unknown (it never is for a trade the API took). */
  readonly isin?: string;
  readonly state: Exclude<TradeState, { status: 'None' }>;
}

/**
 * Every trade in the store, folded with the trade decider, and the ISIN of its asset. The store's
 * port reads `$all` without a filter, so this pages through it, as linksOfAccount does: a settlement
 * file is one message about one trade, and this is what finds it among trades that may name no
 * reference. A trade index would replace the scan once books grow past what a file's latency allows.
 */
export async function tradesOnBook(store: EventStore, codec: EventCodec): Promise<BookedTrade[]> {
  const isins = new Map<string, string>();
  const states = new Map<string, TradeState>();
  for await (const page of storedPages(store)) {
    for (const recorded of page) {
      if (recorded.type === 'AssetRegistered' && recorded.streamId.startsWith('asset-')) {
        const { data } = codec.decode(recorded) as Extract<AnyDomainEvent, { type: 'AssetRegistered' }>;
        isins.set(data.assetId, data.isin);
      } else if (recorded.streamId.startsWith('trade-')) {
        const event = codec.decode(recorded) as TradeEvent;
        const tradeId = event.data.tradeId;
        states.set(tradeId, tradeDecider.evolve(states.get(tradeId) ?? tradeDecider.initialState(), event));
      }
    }
  }
  return [...states.values()].flatMap((state) => {
    if (state.status === 'None') return [];
    const isin = isins.get(state.execution.assetId);
    return [{ assetId: state.execution.assetId, ...(isin === undefined ? {} : { isin }), state }];
  });
}

/** What is left to settle of a booked trade, as decimal text. */
export const remainingOf = ({ state }: BookedTrade): string => formatShares(state.quantity - state.settled);
