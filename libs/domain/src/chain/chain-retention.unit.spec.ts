import { AnyDomainEvent } from '../catalogue/domain-event';
import { AssetFacts } from '../reconciliation/facts/documents';
import { OBSERVED_TRANSFER_RETENTION_DAYS, RECENT_EVENT_IDS } from '../reconciliation/facts/retention';
import { deployed, registered, requested, StreamEvent } from '../reconciliation/facts/testing/events';
import { factsOf, project, snapshotFrom } from '../reconciliation/facts/testing/projector';
import { POLICY } from '../reconciliation/testing/scenarios';
import { reconcileAsset } from '../reconciliation/testing/with-test-ids';

const TOKEN = 10n ** 18n;
const HASH = (n: number) => '0x' + n.toString(16).padStart(64, '0');
const ref = { assetId: 'aapl', chainId: 1, contractAddress: '0x' + '1'.padStart(40, '0') };
const DAY_MS = 86_400_000;
/** Block n is mined on day n of 2025, its events recorded a minute later. */
const timeOf = (block: number, minutes = 0) => new Date(Date.parse('2025-01-01T08:00:00Z') + block * DAY_MS + minutes * 60_000).toISOString();
const txOf = (block: number) => HASH(0xa000 + block);
const onChain = (eventId: string, block: number, event: AnyDomainEvent, recordedAt = timeOf(block, 1)): StreamEvent => ({ stream: 'chain-1', eventId, event, recordedAt });
const observed = (block: number, tokens: bigint, { direction = 'mint' as 'mint' | 'burn', fork = 0, logIndex = 0, recordedAt = timeOf(block, 1) } = {}) =>
  onChain(`transfer:${block}:${logIndex}:${fork}`, block, { type: 'ChainTransferObserved', data: { ...ref, blockNumber: block, blockHash: HASH(block + fork * 10_000), blockTime: timeOf(block), direction, txHash: txOf(block), logIndex, amount: (tokens * TOKEN).toString() } }, recordedAt);
const reverted = (block: number, tokens: bigint, recordedAt: string, fork = 0) =>
  onChain(`reverted:${block}:${fork}`, block, { type: 'ChainTransferReverted', data: { ...ref, direction: 'mint', txHash: txOf(block), logIndex: 0, amount: (tokens * TOKEN).toString(), blockNumber: block, blockHash: HASH(block + fork * 10_000) } }, recordedAt);
const read = (block: number, units: bigint, recordedAt = timeOf(block, 1)) =>
  onChain(`read:${block}`, block, { type: 'TotalSupplyRead', data: { ...ref, blockNumber: block, blockHash: HASH(block), blockTime: timeOf(block), amount: units.toString() } }, recordedAt);
const rebased = (block: number, multiplier: string, logIndex = 1) =>
  onChain(`multiplier:${block}`, block, { type: 'ChainMultiplierObserved', data: { ...ref, blockNumber: block, blockHash: HASH(block), blockTime: timeOf(block), txHash: HASH(0xb000 + block), logIndex, multiplier } });
const recordedByHand = (eventId: string, requestId: string, block: number, tokens: bigint, recordedAt: string): StreamEvent => ({
  stream: `issuance-${requestId}`, eventId, recordedAt,
  event: { type: 'MintedOnChain', data: { requestId, assetId: 'aapl', chainId: 1, txHash: txOf(block), logIndex: 0, amount: (tokens * TOKEN).toString(), blockNumber: block, blockTime: timeOf(block) } },
});

const setUp = [registered('ev-asset'), deployed('ev-d1', 1, 18)].map((e) => ({ ...e, recordedAt: '2024-12-01T00:00:00Z' }));
const docsAfter = (...events: StreamEvent[]) => project(factsOf([...setUp, ...events]));
const assetOf = (events: StreamEvent[]) => docsAfter(...events).get('asset:aapl') as AssetFacts;
const supplyAfter = (...events: StreamEvent[]) => snapshotFrom(docsAfter(...events), 'aapl', events.at(-1)?.recordedAt).chains[0]?.supply;
const supplyBreaks = (...events: StreamEvent[]) => {
  const now = events.at(-1)?.recordedAt ?? POLICY.now;
  return reconcileAsset(snapshotFrom(docsAfter(...events), 'aapl', now), { ...POLICY, now }).filter((f) => f.breakType === 'supply-mismatch');
};

/** One mint of `block` tokens a day, observed by the watcher with no request behind it, days 1 to `days`. */
const dailyMints = (days: number) => Array.from({ length: days }, (_unused, i) => observed(i + 1, BigInt(i + 1)));
const sumTo = (days: number) => (BigInt(days) * BigInt(days + 1)) / 2n * TOKEN;

describe('Retention of the transfers the chain watcher observed', () => {
  describe('Given a year of daily mints that no request names', () => {
    const history = dailyMints(365);
    it('should keep only the transfers of the retention period, the rest folded into the chain\'s compacted supply', () => {
      const asset = assetOf(history);
      expect(Object.keys(asset.transfers).length).toBeLessThanOrEqual(OBSERVED_TRANSFER_RETENTION_DAYS + 1);
      expect(asset.chains[1]?.compactedThroughBlock).toBe(365 - OBSERVED_TRANSFER_RETENTION_DAYS - 1);
    });
    it('should keep the supply exact', () => expect(supplyAfter(...history)).toBe(sumTo(365)));
    it('should keep the facts the same size when the history doubles', () => {
      const sizeOf = (days: number) => JSON.stringify(assetOf(dailyMints(days))).length;
      expect(sizeOf(730)).toBeLessThan(sizeOf(365) * 1.05);
    });
  });

  describe('When an observation folded into the compacted supply is delivered again, long after its id was forgotten', () => {
    const history = dailyMints(365);
    const late = timeOf(366);
    it('should count it once', () => {
      expect(history.length).toBeGreaterThan(RECENT_EVENT_IDS);
      expect(supplyAfter(...history, { ...observed(3, 3n), recordedAt: late })).toBe(sumTo(365));
    });
    it('should count a request\'s MintedOnChain naming it once, the request fulfilled by it', () => {
      const request = { ...requested('ev-r', 'mint', 'MR-3', 1, 3n * TOKEN, timeOf(365)), recordedAt: late };
      const docs = docsAfter(...history, request, recordedByHand('ev-m', 'MR-3', 3, 3n, late));
      const snapshot = snapshotFrom(docs, 'aapl', timeOf(368));
      expect(snapshot.chains[0]?.supply).toBe(sumTo(365));
      expect(snapshot.mintsAndBurns.filter((t) => t.requestId === 'MR-3').map((t) => t.amount)).toEqual([3n * TOKEN]);
      expect(reconcileAsset(snapshot, { ...POLICY, now: timeOf(368) }).filter((f) => f.subject === 'request:MR-3')).toEqual([]);
    });
  });

  describe('When a reorg reverts a transfer already folded into the compacted supply', () => {
    const history = dailyMints(365);
    const revert = reverted(3, 3n, timeOf(366));
    it('should still subtract it', () => expect(supplyAfter(...history, revert)).toBe(sumTo(365) - 3n * TOKEN));
    it('should subtract it once when the reversal is delivered again', () =>
      expect(supplyAfter(...history, revert, ...dailyMints(300).map((e) => ({ ...e, eventId: `again-${e.eventId}`, recordedAt: timeOf(366, 2) })), { ...revert, recordedAt: timeOf(367) }))
        .toBe(sumTo(365) - 3n * TOKEN));
  });
});

describe('A reverted log stays reverted', () => {
  const events = [observed(10, 5n), observed(14, 3n), reverted(14, 3n, timeOf(14, 5))];
  describe('When the request\'s MintedOnChain of the reverted log arrives after the reversal', () => {
    it('should not bring the transfer back', () => expect(supplyAfter(...events, recordedByHand('ev-m', 'MR-1', 14, 3n, timeOf(14, 6)))).toBe(5n * TOKEN));
  });
  describe('When the reverted observation is delivered again', () => {
    it('should not bring it back', () => expect(supplyAfter(...events, { ...observed(14, 3n), recordedAt: timeOf(14, 7) })).toBe(5n * TOKEN));
  });
  describe('When the same transaction is mined again in a block of the new branch', () => {
    const again = observed(14, 3n, { fork: 1, recordedAt: timeOf(14, 8) });
    it('should count it: that is a new fact', () => expect(supplyAfter(...events, again)).toBe(8n * TOKEN));
    it('should attach the request\'s MintedOnChain to it without counting twice', () =>
      expect(supplyAfter(...events, again, recordedByHand('ev-m', 'MR-1', 14, 3n, timeOf(14, 9)))).toBe(8n * TOKEN));
  });
});

describe('Supply of a rebasing token with mints and burns before and after multiplier changes', () => {
  const M = (tokens: string) => BigInt(tokens.replace('.', '')) * TOKEN / 10n;
  describe('Given 100 minted at 1, a change to 1.5, 30 minted and 15 burned at 1.5', () => {
    // shares: 100 + 20 − 10 = 110; totalSupply() = 110 × 1.5 = 165, while the Transfers sum to 115.
    const events = [observed(1, 100n), rebased(2, '1.5'), observed(3, 30n), observed(4, 15n, { direction: 'burn' })];
    it('should explain totalSupply() of 165 as the rebase', () => expect(supplyBreaks(...events, read(5, M('165.0')))).toEqual([]));
    it('should raise a supply mismatch for a mint the watcher never saw', () =>
      expect(supplyBreaks(...events, read(5, M('195.0'))).map((f) => f.figures.differenceUnits)).toEqual([(80n * TOKEN).toString()]));
    it('should raise the ratio the old rule took for a rebase (the Transfer sum times 1.5)', () =>
      expect(supplyBreaks(...events, read(5, M('172.5')))).toHaveLength(1));
  });

  describe('Given a second change, and a mint in the same block just before the change', () => {
    // 100 at 1 = 100 shares; block 2: a mint of 30 at log 0 (still 1: 30 shares), then 1.5 at log 1; block 3: 2; mint of 40 at 2 = 20 shares.
    const events = [observed(1, 100n), observed(2, 30n), rebased(2, '1.5'), rebased(3, '2'), observed(4, 40n)];
    it('should convert each at the multiplier of its own log: 150 shares × 2', () => expect(supplyBreaks(...events, read(5, 300n * TOKEN))).toEqual([]));
  });

  describe('Given a rebasing history longer than retention', () => {
    const events = [observed(1, 100n), rebased(2, '1.5'), ...Array.from({ length: 60 }, (_unused, i) => observed(i + 3, 3n)), read(63, 150n * TOKEN + 60n * 3n * TOKEN)];
    it('should keep the compacted transfers\' shares, so the reading is still explained', () => {
      expect(assetOf(events).chains[1]?.compactedShares).toBeDefined();
      expect(supplyBreaks(...events)).toEqual([]);
    });
  });
});
