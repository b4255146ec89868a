import type { RecordedEvent } from '@recon/event-store';
import { currentCollateralization } from '../queries/collateralization-queries';
import { useProjectionSchema } from './testing/projection-schema';
import { recordedEvents } from './testing/recorded-events';

const db = useProjectionSchema('supply_logs');

const TOKEN = 10n ** 18n;
const HASH = (n: number) => `0x${n.toString(16).padStart(64, '0')}`;
const contractAddress = `0x${'1'.padStart(40, '0')}`;
const log = { assetId: 'A1', chainId: 1, txHash: HASH(0xa1), logIndex: 3, amount: (5n * TOKEN).toString(), blockNumber: 40, blockTime: '2025-03-14T08:00:00.000Z' };
const event = recordedEvents('2025-03-14T08:01:00.000Z');
const setUp = () => [
  event('AssetRegistered', { assetId: 'A1', isin: 'XS0000000001', symbol: 'A1', name: 'Asset', initialMultiplier: '1', registeredAt: '2025-01-01T00:00:00.000Z' }),
  event('TokenDeployed', { assetId: 'A1', chainId: 1, contractAddress, decimals: 18 }),
];
const observed = (blockHash = HASH(40)) => event('ChainTransferObserved', { ...log, contractAddress, direction: 'mint', blockHash });
const recordedByHand = (requestId: string) => event('MintedOnChain', { ...log, requestId });
const reverted = () => event('ChainTransferReverted', { ...log, contractAddress, direction: 'mint', blockHash: HASH(40) });
const read = (amount: bigint, blockNumber: number, blockTime: string) => event('TotalSupplyRead', { assetId: 'A1', chainId: 1, contractAddress, blockNumber, blockHash: HASH(blockNumber), blockTime, amount: amount.toString() });
const reorg = (fork: number) => event('ChainReorgDetected', { assetId: 'A1', chainId: 1, contractAddress, forkBlockNumber: fork, forkBlockHash: HASH(fork), orphanedBlocks: [] });

/** The events one by one (each its own transaction) or all in one batch, then the asset's view. */
async function viewAfter(events: readonly RecordedEvent[], oneByOne: boolean) {
  await db.project(oneByOne ? events.map((e) => [e]) : [events]);
  const [view] = await currentCollateralization(db.dataSource, db.schema, 'A1');
  return view!;
}

describe.each([['one by one', true], ['in one batch', false]] as const)('Supply read model, events applied %s', (_name, oneByOne) => {
  describe('When the watcher observes a log the issuance API also recorded', () => {
    it('should count it once, whichever came first', async () => {
      expect((await viewAfter([...setUp(), recordedByHand('R1'), observed()], oneByOne)).chains[0]?.supply).toBe((5n * TOKEN).toString());
      expect((await viewAfter([...setUp(), observed(), recordedByHand('R1')], oneByOne)).chains[0]?.supply).toBe((5n * TOKEN).toString());
    });
  });

  describe('When the log is reverted and named again afterwards', () => {
    it('should keep it reverted when the request\'s MintedOnChain or the same observation arrives later', async () =>
      expect((await viewAfter([...setUp(), observed(), recordedByHand('R1'), reverted(), recordedByHand('R2'), observed()], oneByOne)).chains[0]?.supply).toBe('0'));
    it('should count it again when the watcher sees the transaction in a block of the new branch', async () =>
      expect((await viewAfter([...setUp(), observed(), reverted(), observed(HASH(41)), recordedByHand('R1')], oneByOne)).chains[0]?.supply).toBe((5n * TOKEN).toString()));
  });

  describe('When the watcher reads totalSupply() at the end of its scans', () => {
    it('should show the latest reading and the last confirmed block per chain and per asset', async () => {
      const view = await viewAfter([...setUp(), observed(), read(5n * TOKEN, 50, '2025-03-14T08:10:00.000Z'), read(5n * TOKEN, 60, '2025-03-14T08:12:00.000Z')], oneByOne);
      expect(view.chains.map((c) => [c.chainId, c.totalSupply, c.lastConfirmedBlock])).toEqual([[1, (5n * TOKEN).toString(), { number: '60', time: '2025-03-14T08:12:00.000Z' }]]);
      expect(view.lastConfirmedBlock).toEqual({ chainId: 1, number: '60', time: '2025-03-14T08:12:00.000Z' });
    });
    it('should drop a reading a reorg orphaned, and keep one below the fork', async () => {
      const readings = [...setUp(), read(0n, 50, '2025-03-14T08:10:00.000Z'), read(0n, 60, '2025-03-14T08:12:00.000Z')];
      expect((await viewAfter([...readings, reorg(55)], oneByOne)).chains[0]?.lastConfirmedBlock).toBeNull();
      expect((await viewAfter([...readings, reorg(60)], oneByOne)).chains[0]?.lastConfirmedBlock).toEqual({ number: '60', time: '2025-03-14T08:12:00.000Z' });
    });
  });
});
