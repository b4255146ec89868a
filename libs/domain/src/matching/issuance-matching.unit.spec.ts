import { ChainMintBurn, IssuanceRequestToMatch, matchIssuance } from './issuance-matching';
import { TradeToSettle } from './settlement-matching';

const TOKEN = 10n ** 18n;
const POLICY = {
  tolerance: '0.000001', window: { hours: 24 }, now: '2025-03-14T09:30:00Z',
  decimals: new Map([[1, 18], [8453, 6]]),
  multipliers: [{ multiplier: '2', effectiveAt: '2024-01-01T00:00:00Z', eventIds: [] }],
};
const request = (changes: Partial<IssuanceRequestToMatch> = {}): IssuanceRequestToMatch =>
  ({ requestId: 'r1', kind: 'mint', chainId: 1, amount: 10n * TOKEN, requestedAt: '2025-03-14T08:00:00Z', eventIds: ['ev-r1'], ...changes });
const onChain = (logIndex: number, amount: bigint, changes: Partial<ChainMintBurn> = {}): ChainMintBurn =>
  ({ chainId: 1, txHash: '0x' + '11'.repeat(32), logIndex, direction: 'mint', amount, blockNumber: 100 + logIndex, blockTime: '2025-03-14T08:30:00Z', eventIds: [`ev-log-${logIndex}`], ...changes });
const buy = (quantity: string, tradeDate = '2025-03-14'): TradeToSettle =>
  ({ tradeId: 't1', side: 'BUY', quantity, tradeDate, settlementDate: '2025-03-17', eventIds: ['ev-t1'] });

describe('Matching mints and burns', () => {
  describe('When a request is minted in two parts without references', () => {
    const result = matchIssuance([request()], [onChain(2, 6n * TOKEN), onChain(1, 4n * TOKEN)], [], POLICY);
    it('should fulfil the request with both', () =>
      expect(result.requests.map((r) => [r.request.requestId, r.onChain, r.remaining, r.complete, r.transfers.map((t) => t.logIndex)])).toEqual([['r1', 10n * TOKEN, 0n, true, [1, 2]]]));
    it('should leave nothing unmatched', () => expect(result.unmatched).toEqual([]));
  });

  describe('When a mint differs from the request by less than the tolerance', () => {
    // 10 tokens less 1e-7 token = 2e-7 share less at 2 shares per token: within 0.000001 share.
    it('should complete the request', () =>
      expect(matchIssuance([request()], [onChain(1, 10n * TOKEN - 10n ** 11n)], [], POLICY).requests[0]?.complete).toBe(true));
    it('should not take a mint beyond the remainder plus tolerance', () =>
      expect(matchIssuance([request()], [onChain(1, 11n * TOKEN)], [], POLICY).unmatched.map((u) => u.item.logIndex)).toEqual([1]));
  });

  describe('When the chain event is outside the request\'s window or on another chain', () => {
    it('should not match a mint 25 hours after the request', () =>
      expect(matchIssuance([request()], [onChain(1, 10n * TOKEN, { blockTime: '2025-03-15T09:00:00Z' })], [], POLICY).unmatched).toHaveLength(1));
    it('should not match a mint on another chain', () =>
      expect(matchIssuance([request()], [onChain(1, 10_000_000n, { chainId: 8453 })], [], POLICY).requests[0]?.onChain).toBe(0n));
    it('should not match a burn to a mint request', () =>
      expect(matchIssuance([request()], [onChain(1, 10n * TOKEN, { direction: 'burn' })], [], POLICY).unmatched[0]?.reason)
        .toBe('no redemption request on chain 1 and no SELL trade of 20 shares within the window'));
  });

  describe('When a request has the purchase behind it', () => {
    it('should link the trade of the same size in shares', () =>
      expect(matchIssuance([request()], [], [buy('20')], POLICY).requests[0]?.trade?.tradeId).toBe('t1'));
    it('should not link a trade of another size', () => expect(matchIssuance([request()], [], [buy('19')], POLICY).requests[0]?.trade).toBeUndefined());
    it('should link the trade the request names, whatever its size', () =>
      expect(matchIssuance([request({ tradeId: 't1' })], [], [buy('19')], POLICY).requests[0]?.trade?.tradeId).toBe('t1'));
  });

  describe('When a mint has no request but a purchase of its size', () => {
    it('should match it to the trade', () =>
      expect(matchIssuance([], [onChain(1, 10n * TOKEN)], [buy('20')], POLICY).matched.map((m) => [m.transfer.logIndex, m.requestId, m.tradeId])).toEqual([[1, undefined, 't1']]));
  });

  describe('When a request is not fulfilled', () => {
    it('should expire after its window', () =>
      expect(matchIssuance([request({ requestedAt: '2025-03-13T09:00:00Z' })], [onChain(1, 4n * TOKEN, { blockTime: '2025-03-13T10:00:00Z' })], [], POLICY).requests[0])
        .toMatchObject({ remaining: 6n * TOKEN, complete: false, expired: true, windowEndsAt: '2025-03-14T09:00:00.000Z' }));
    it('should not expire inside it', () => expect(matchIssuance([request()], [], [], POLICY).requests[0]?.expired).toBe(false));
  });

  describe('When a chain event names its request', () => {
    it('should match it to that request even outside the window', () =>
      expect(matchIssuance([request()], [onChain(1, 10n * TOKEN, { requestId: 'r1', blockTime: '2025-03-16T00:00:00Z' })], [], POLICY).requests[0]?.complete).toBe(true));
  });

  describe('When a chain has no known decimals', () => {
    it('should refuse to guess', () => expect(() => matchIssuance([request({ chainId: 10 })], [], [buy('20')], POLICY)).toThrow('no token decimals known for chain 10'));
  });
});

describe('Matching a request that names its trade', () => {
  // The request of the 14th names t1, bought for it, due on the 17th; the mint waits for the shares.
  const named = request({ tradeId: 't1' });
  const mintOn = (blockTime: string) => onChain(1, 10n * TOKEN, { blockTime });
  const withTrade = (settledAt: string | null, now: string) => ({ ...POLICY, now, tradeSettledAt: new Map([['t1', settledAt]]) });

  describe('When the trade is still pending past the mint window', () => {
    const result = matchIssuance([named], [], [buy('20', '2025-03-13')], withTrade(null, '2025-03-17T09:30:00Z'));
    it('should pair the request with the trade it names', () => expect(result.requests[0]?.trade?.tradeId).toBe('t1'));
    it('should not expire the request: it waits for the trade to settle', () =>
      expect([result.requests[0]?.expired, result.requests[0]?.windowEndsAt]).toEqual([false, undefined]));
  });

  describe('When the trade settles on the 17th and the mint follows on the 18th', () => {
    const result = matchIssuance([named], [mintOn('2025-03-18T08:00:00Z')], [buy('20', '2025-03-13')], withTrade('2025-03-17T10:00:00Z', '2025-03-18T09:30:00Z'));
    it('should take the mint for the request: its window runs from the settlement', () =>
      expect([result.requests[0]?.complete, result.unmatched]).toEqual([true, []]));
  });

  describe('When the trade settled and no mint came within the window after', () => {
    const result = matchIssuance([named], [], [buy('20', '2025-03-13')], withTrade('2025-03-17T10:00:00Z', '2025-03-18T10:00:01Z'));
    it('should expire the request then', () =>
      expect([result.requests[0]?.expired, result.requests[0]?.windowEndsAt]).toEqual([true, '2025-03-18T10:00:00.000Z']));
  });

  describe('When the request names no trade', () => {
    it('should expire after the window from the request, as before', () =>
      expect(matchIssuance([request()], [], [buy('20', '2025-03-13')], withTrade(null, '2025-03-15T08:00:01Z')).requests[0]?.expired).toBe(true));
  });
});
