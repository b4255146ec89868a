import { DomainError, TradeSide, tradeStream } from '@recon/domain';
import { EventStore } from '@recon/event-store';

/**
 * A request that names its trade must name one that can be behind it: of the same asset, and buying
 * the shares for a mint or selling them after a redemption (422 TRADE_MISMATCH). Otherwise matching
 * would pair the request with a trade it cannot be about. A trade not booked yet is accepted: a
 * participant's request usually comes before the desk buys; until the trade is booked the request's
 * window runs as for any request. A trade's asset and side never change.
 */
export async function requireTradeBehind(store: EventStore, body: { tradeId?: string; assetId: string }, side: TradeSide): Promise<void> {
  if (body.tradeId === undefined) return;
  const [first] = await store.readStream(tradeStream(body.tradeId), { maxCount: 1 });
  const trade = first?.data as { assetId?: string; side?: TradeSide } | undefined;
  if (!trade) return;
  if (trade.assetId !== body.assetId) throw new DomainError('TRADE_MISMATCH', `tradeId: trade ${body.tradeId} is for asset ${trade.assetId}, not ${body.assetId}`);
  if (trade.side !== side) throw new DomainError('TRADE_MISMATCH', `tradeId: trade ${body.tradeId} is a ${trade.side}; a ${side === 'BUY' ? 'mint' : 'redemption'} request needs a ${side}`);
}
