import { ChainEvent } from './events';
import { recordedPositions } from './recorded-positions';

const ref = { assetId: 'aapl', chainId: 1, contractAddress: '0x' + 'c0'.repeat(20) };
const HASH = (n: number, fork = 0) => '0x' + (n + fork * 1000).toString(16).padStart(64, '0');
const TIME = '2025-03-14T09:00:00.000Z';
const read = (n: number, fork = 0): ChainEvent => ({ type: 'TotalSupplyRead', data: { ...ref, blockNumber: n, blockHash: HASH(n, fork), blockTime: TIME, amount: '0' } });
const minted = (n: number, fork = 0): ChainEvent =>
  ({ type: 'ChainTransferObserved', data: { ...ref, blockNumber: n, blockHash: HASH(n, fork), blockTime: TIME, direction: 'mint', txHash: HASH(0xa000 + n), logIndex: 0, amount: '1' } });
const rebased = (n: number): ChainEvent => ({ type: 'ChainMultiplierObserved', data: { ...ref, blockNumber: n, blockHash: HASH(n), blockTime: TIME, txHash: HASH(0xb000 + n), logIndex: 1, multiplier: '1.5' } });
const reorg = (fork: number): ChainEvent => ({ type: 'ChainReorgDetected', data: { ...ref, forkBlockNumber: fork, forkBlockHash: HASH(fork), orphanedBlocks: [] } });

describe('Recorded positions of a chain stream', () => {
  describe('Given readings, a mint and a multiplier update', () => {
    it('should list every block recorded at, oldest first, once each', () =>
      expect(recordedPositions([minted(103), rebased(104), read(110), minted(110), read(120)]).map((p) => p.blockNumber)).toEqual([103, 104, 110, 120]));
  });
  describe('When a reorg orphaned some of them', () => {
    it('should drop the orphaned positions and keep the new branch recorded after it', () =>
      expect(recordedPositions([minted(103), read(110), minted(115), read(120), reorg(110), minted(116, 1), read(121, 1)]))
        .toEqual([{ blockNumber: 103, blockHash: HASH(103) }, { blockNumber: 110, blockHash: HASH(110) }, { blockNumber: 116, blockHash: HASH(116, 1) }, { blockNumber: 121, blockHash: HASH(121, 1) }]));
  });
  describe('Given nothing recorded', () => {
    it('should list nothing', () => expect(recordedPositions([])).toEqual([]));
  });
});
