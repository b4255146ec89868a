import { AnyDomainEvent } from '../catalogue/domain-event';
import { deployed, registered, StreamEvent } from '../reconciliation/facts/testing/events';
import { factsOf, project, snapshotFrom } from '../reconciliation/facts/testing/projector';
import { POLICY } from '../reconciliation/testing/scenarios';
import { BlockRef } from './events';
import { reconcileAsset } from '../reconciliation/testing/with-test-ids';

const TOKEN = 10n ** 18n;
const HASH = (n: number) => '0x' + n.toString(16).padStart(64, '0');
const ref = (chainId: number) => ({ assetId: 'aapl', chainId, contractAddress: '0x' + String(chainId).padStart(40, '0') });
const at = (n: number, fork = 0): BlockRef => ({ blockNumber: n, blockHash: HASH(n + fork * 1000), blockTime: `2025-03-14T08:${String(n % 60).padStart(2, '0')}:00Z` });
const on = (chainId: number, eventId: string, event: AnyDomainEvent): StreamEvent => ({ stream: `chain-${chainId}`, eventId, event });
const minted = (chainId: number, id: string, block: number, tokens: bigint, direction: 'mint' | 'burn' = 'mint') =>
  on(chainId, id, { type: 'ChainTransferObserved', data: { ...ref(chainId), ...at(block), direction, txHash: HASH(0xa000 + block), logIndex: 0, amount: (tokens * TOKEN).toString() } });
const reverted = (chainId: number, id: string, block: number, tokens: bigint) =>
  on(chainId, id, { type: 'ChainTransferReverted', data: { ...ref(chainId), direction: 'mint', txHash: HASH(0xa000 + block), logIndex: 0, amount: (tokens * TOKEN).toString(), blockNumber: block, blockHash: HASH(block) } });
const read = (chainId: number, id: string, block: number, tokens: bigint) =>
  on(chainId, id, { type: 'TotalSupplyRead', data: { ...ref(chainId), ...at(block), amount: (tokens * TOKEN).toString() } });
const reorg = (chainId: number, id: string, fork: number, orphaned: number) =>
  on(chainId, id, { type: 'ChainReorgDetected', data: { ...ref(chainId), forkBlockNumber: fork, forkBlockHash: HASH(fork), orphanedBlocks: [{ blockNumber: orphaned, blockHash: HASH(orphaned) }] } });
const rebased = (chainId: number, id: string, block: number, multiplier: string) =>
  on(chainId, id, { type: 'ChainMultiplierObserved', data: { ...ref(chainId), ...at(block), txHash: HASH(0xb000 + block), logIndex: 1, multiplier } });

const snapshotAfter = (...events: StreamEvent[]) => snapshotFrom(project(factsOf([registered('ev-asset'), deployed('ev-d1', 1, 18), deployed('ev-d8453', 8453, 18), ...events])));
const supplyBreaks = (...events: StreamEvent[]) => reconcileAsset(snapshotAfter(...events), POLICY).filter((f) => f.breakType === 'supply-mismatch');

describe('Chain observations in the reconciliation facts', () => {
  describe('Given mints and a burn observed on two chains with no request behind them', () => {
    const events = [minted(1, 'm1', 10, 5n), minted(1, 'b1', 12, 2n, 'burn'), read(1, 'r1', 20, 3n), minted(8453, 'm2', 30, 7n), read(8453, 'r2', 40, 7n)];
    it('should keep each chain its own supply, evidenced by the observations, with its totalSupply() reading', () =>
      expect(snapshotAfter(...events).chains.map(({ chainId, supply, asOfBlock, eventIds, totalSupplyReading }) => ({ chainId, supply, asOfBlock, eventIds, reading: totalSupplyReading?.amount }))).toEqual([
        { chainId: 1, supply: 3n * TOKEN, asOfBlock: 20, eventIds: ['m1', 'b1'], reading: 3n * TOKEN },
        { chainId: 8453, supply: 7n * TOKEN, asOfBlock: 40, eventIds: ['m2'], reading: 7n * TOKEN },
      ]));
    it('should list the mints and burns without a request, for matching to raise', () =>
      expect(snapshotAfter(...events).mintsAndBurns.map((t) => [t.chainId, t.direction, t.requestId])).toEqual([[1, 'mint', undefined], [1, 'burn', undefined], [8453, 'mint', undefined]]));
    it('should find no supply mismatch while the readings agree', () => expect(supplyBreaks(...events)).toEqual([]));
  });

  describe('When totalSupply() disagrees with the observed Transfers and nothing on chain rebased', () => {
    it('should raise a supply mismatch on that chain with the reading as evidence', () =>
      expect(supplyBreaks(minted(1, 'm1', 10, 5n), read(1, 'r1', 20, 6n))).toMatchObject([{ subject: 'chain:1', figures: { transferSumUnits: (5n * TOKEN).toString(), totalSupplyUnits: (6n * TOKEN).toString() }, evidenceEventIds: ['m1', 'r1'] }]));
  });

  describe('When a rebasing token updated its multiplier before the reading', () => {
    it('should take the rebase as the explanation', () => expect(supplyBreaks(minted(1, 'm1', 10, 100n), rebased(1, 'x1', 15, '1.5'), read(1, 'r1', 20, 150n))).toEqual([]));
    it('should still raise a mismatch the rebase does not explain', () => expect(supplyBreaks(minted(1, 'm1', 10, 100n), rebased(1, 'x1', 15, '1.5'), read(1, 'r1', 20, 151n))).toHaveLength(1));
  });

  describe('When a reorg forked below the highest block seen', () => {
    const history = [minted(1, 'm1', 10, 5n), read(1, 'r1', 20, 5n), minted(1, 'm2', 30, 3n), read(1, 'r2', 40, 8n), reverted(1, 'v2', 30, 3n)];
    const forkedAt = (fork: number): StreamEvent => {
      const detected = reorg(1, 'g1', fork, 40);
      return { ...detected, event: { ...detected.event, data: { ...detected.event.data, forkBlockTime: at(fork).blockTime } } as AnyDomainEvent };
    };
    it('should name the fork, a block the chain still has, as the chain\'s last block, with its time', () => {
      const [chain] = snapshotAfter(...history, forkedAt(20)).chains;
      expect([chain?.asOfBlock, chain?.asOfTime]).toEqual([20, at(20).blockTime]);
    });
    it('should move on with the next reading of the new branch, even below the orphaned height', () =>
      expect(snapshotAfter(...history, forkedAt(20), read(1, 'r3', 25, 5n)).chains[0]?.asOfBlock).toBe(25));
    it('should leave the last block of a reorg recorded without the fork\'s time as it was', () =>
      expect(snapshotAfter(...history, reorg(1, 'g1', 20, 40)).chains[0]?.asOfBlock).toBe(40));
  });

  describe('When a reorg orphaned a mint and the reading after it', () => {
    const events = [minted(1, 'm1', 10, 5n), read(1, 'r1', 12, 5n), minted(1, 'm2', 14, 3n), read(1, 'r2', 16, 8n), reverted(1, 'v2', 14, 3n), reorg(1, 'g1', 12, 16)];
    it('should count only what the canonical chain still has, and drop the orphaned reading', () => {
      const [chain] = snapshotAfter(...events).chains;
      expect([chain?.supply, chain?.eventIds, chain?.totalSupplyReading]).toEqual([5n * TOKEN, ['m1'], undefined]);
    });
    it('should not count the same mint twice when a later MintedOnChain names the request for it', () => {
      const request = { requestId: 'MR-1', assetId: 'aapl', chainId: 1, txHash: HASH(0xa000 + 10), logIndex: 0, amount: (5n * TOKEN).toString(), ...at(10) };
      const { blockHash: _unused, ...mint } = request;
      const chain = snapshotAfter(...events, { stream: 'issuance-MR-1', eventId: 'i1', event: { type: 'MintedOnChain', data: mint } });
      expect([chain.chains[0]?.supply, chain.mintsAndBurns.map((t) => t.requestId)]).toEqual([5n * TOKEN, ['MR-1']]);
    });
  });
});
