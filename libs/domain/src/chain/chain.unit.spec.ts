import { specification } from '../testing/decider-specification';
import { meta } from '../testing/fixtures';
import { ChainCommand, ObservedTransfer } from './commands';
import { CHAIN_ANCHORS, chainDecider, foldChainEvents } from './decider';
import { ChainEvent } from './events';
import { chainEventId, chainStream } from './stream';

const { given } = specification(chainDecider);
const ref = { assetId: 'aapl', chainId: 1, contractAddress: '0x' + 'c0'.repeat(20) };
const HASH = (n: number) => '0x' + n.toString(16).padStart(64, '0');
const TIME = (block: number) => new Date(Date.UTC(2025, 2, 14, 9, 0, block)).toISOString();
const TEN = '10000000000000000000';
const block = (n: number, fork = 0) => ({ blockNumber: n, blockHash: HASH(n + fork * 1000), blockTime: TIME(n) });

const transfer = (n: number, direction: 'mint' | 'burn' = 'mint', amount = TEN, fork = 0): ObservedTransfer =>
  ({ ...block(n, fork), direction, txHash: HASH(0xa000 + n), logIndex: 0, amount });
const scan = (fromBlock: number, to: number, transfers: ObservedTransfer[] = [], totalSupply = '0', fork = 0): ChainCommand => ({
  type: 'RecordChainScan', data: { ...ref, fromBlock, toBlock: block(to, fork), transfers, multiplierUpdates: [], totalSupply }, metadata: meta('chain-watcher'),
});
const observed = (t: ObservedTransfer): ChainEvent => ({ type: 'ChainTransferObserved', data: { ...ref, ...t } });
const read = (to: number, amount: string, fork = 0): ChainEvent => ({ type: 'TotalSupplyRead', data: { ...ref, ...block(to, fork), amount } });
const revert = (forkBlock: number): ChainCommand => ({ type: 'RevertOrphanedBlocks', data: { ...ref, forkBlock: block(forkBlock) }, metadata: meta('chain-watcher') });
const reverted = (t: ObservedTransfer): ChainEvent => {
  const { blockTime: _unused, ...rest } = t;
  return { type: 'ChainTransferReverted', data: { ...ref, ...rest } };
};
const reorg = (fork: number, orphaned: number[]): ChainEvent => ({
  type: 'ChainReorgDetected', data: { ...ref, forkBlockNumber: fork, forkBlockHash: HASH(fork), forkBlockTime: TIME(fork), orphanedBlocks: orphaned.map((n) => ({ blockNumber: n, blockHash: HASH(n) })) },
});
/** One ten-block scan per reading from block 101 on, `count` of them, a mint in the first: more scans than the kept anchors. */
const longHistory = (count: number): ChainEvent[] => [observed(transfer(103)), ...Array.from({ length: count }, (_, i) => read(110 + i * 10, TEN))];

describe('Chain decider', () => {
  describe('Given nothing scanned yet', () => {
    it('should record the mints and burns of the first range and totalSupply() at its end', () =>
      given([]).when(scan(100, 110, [transfer(103), transfer(105, 'burn', '4')], '9999999999999999996')).then([
        observed(transfer(103)), observed(transfer(105, 'burn', '4')), read(110, '9999999999999999996'),
      ]));
    it('should record an empty range as a reading only: the cursor moves', () => given([]).when(scan(100, 110)).then([read(110, '0')]));
    it('should refuse a transfer outside the range it claims to come from', () => given([]).when(scan(100, 110, [transfer(111)])).thenThrows('OUTSIDE_SCAN'));
    it('should refuse a zero or fractional amount', () => given([]).when(scan(100, 110, [transfer(103, 'mint', '1.5')])).thenThrows('INVALID_QUANTITY'));
    it('should refuse a range that ends before it starts', () => given([]).when(scan(110, 100)).thenThrows('OUTSIDE_SCAN'));
  });

  describe('Given a cursor at block 110', () => {
    const history = [observed(transfer(103)), read(110, TEN)];
    it('should record the next range', () => given(history).when(scan(111, 120, [transfer(115)], '20000000000000000000')).then([observed(transfer(115)), read(120, '20000000000000000000')]));
    it('should refuse a range that skips a block', () => given(history).when(scan(112, 120)).thenThrows('CURSOR_GAP'));
    it('should refuse a range that would count a block twice', () => given(history).when(scan(110, 120)).thenThrows('CURSOR_GAP'));
    it('should treat the same range again as a no-op: a retried append', () => given(history).when(scan(100, 110, [transfer(103)], TEN)).then([]));
    it('should refuse another deployment on this stream', () =>
      given(history).when({ ...scan(111, 120), data: { ...scan(111, 120).data, chainId: 8453 } } as ChainCommand).thenThrows('CHAIN_MISMATCH'));
  });

  describe('Given a rebasing token', () => {
    it('should record a MultiplierUpdated as a multiplier at MULTIPLIER_SCALE', () =>
      given([]).when({ ...scan(100, 110), data: { ...scan(100, 110).data, multiplierUpdates: [{ ...block(104), txHash: HASH(0xb104), logIndex: 1, value: '1250000000000000000' }] } } as ChainCommand).then([
        { type: 'ChainMultiplierObserved', data: { ...ref, ...block(104), txHash: HASH(0xb104), logIndex: 1, multiplier: '1.25' } }, read(110, '0'),
      ]));
  });

  describe('When recorded blocks are orphaned by a reorg', () => {
    const history = [observed(transfer(103)), read(110, TEN), observed(transfer(115)), read(120, '20000000000000000000')];
    it('should revert each transfer above the fork and move the cursor back to it', () =>
      given(history).when(revert(110)).then([reverted(transfer(115)), reorg(110, [120])]));
    it('should then take the new branch from the block after the fork, the same transaction in another block included', () =>
      given([...history, ...chainDecider.decide(revert(110), history.reduce(chainDecider.evolve, chainDecider.initialState()))])
        .when(scan(111, 121, [transfer(116, 'mint', TEN, 1)], '20000000000000000000', 1))
        .then([observed(transfer(116, 'mint', TEN, 1)), read(121, '20000000000000000000', 1)]));
    it('should refuse a fork at or above the cursor', () => given(history).when(revert(120)).thenThrows('NOTHING_ORPHANED'));
    it('should revert everything when no recorded block is canonical any more, the fork being the block before the start block', () =>
      given(history).when(revert(99)).then([reverted(transfer(103)), reverted(transfer(115)), reorg(99, [110, 120])]));
    it('should then record the first range again from the start block, the same transactions in their new blocks', () => {
      const rewound = [...history, reverted(transfer(103)), reverted(transfer(115)), reorg(99, [110, 120])];
      given(rewound).when(scan(100, 110, [transfer(104, 'mint', TEN, 1)], TEN, 1)).then([observed(transfer(104, 'mint', TEN, 1)), read(110, TEN, 1)]);
    });
  });

  describe(`When a reorg forks below every one of the ${CHAIN_ANCHORS} kept anchors`, () => {
    const history = [...longHistory(CHAIN_ANCHORS + 20), observed(transfer(1_585)), read(1_590, TEN)];
    const state = foldChainEvents(chainDecider.initialState(), history);
    it('should keep the anchors bounded and every transfer not reverted, however old', () => {
      expect(state.anchors).toHaveLength(CHAIN_ANCHORS);
      expect(Object.values(state.live).map((t) => t.blockNumber)).toEqual([103, 1_585]);
    });
    it('should revert the transfers above a fork older than every anchor, and move the cursor back to it', () =>
      given(history).when(revert(120)).then([reverted(transfer(1_585)), reorg(120, state.anchors.map((a) => a.blockNumber))]));
    it('should revert an old transfer when the fork is below it too', () =>
      given(history).when(revert(100)).then([reverted(transfer(103)), reverted(transfer(1_585)), reorg(100, state.anchors.map((a) => a.blockNumber))]));
    it('should take the next range right after the fork', () => {
      const after = [...history, reverted(transfer(1_585)), reorg(120, state.anchors.map((a) => a.blockNumber))];
      given(after).when(scan(121, 130, [], TEN, 1)).then([read(130, TEN, 1)]);
    });
    it('should refuse a range that does not start right after the fork', () =>
      given([...history, reverted(transfer(1_585)), reorg(120, state.anchors.map((a) => a.blockNumber))]).when(scan(1_591, 1_600)).thenThrows('CURSOR_GAP'));
  });

  describe('When naming streams and events', () => {
    it('should use one stream per deployment, address lower-case', () => expect(chainStream(1, '0x' + 'C0'.repeat(20))).toBe(`chain-1-0x${'c0'.repeat(20)}`));
    it('should name a transfer by chain, tx hash, log index and block hash, so a re-included transaction is a new fact', () => {
      expect(chainEventId(observed(transfer(103)))).toBe(`transfer:1:${HASH(0xa000 + 103)}:0:${HASH(103)}`);
      expect(chainEventId(observed(transfer(103, 'mint', TEN, 1)))).not.toBe(chainEventId(observed(transfer(103))));
    });
  });
});

describe('Folding a chain stream in bulk', () => {
  it('should give the state reducing with evolve gives', () => {
    const history = [observed(transfer(103)), observed(transfer(104)), read(110, TEN), observed(transfer(115)), read(120, TEN), reverted(transfer(115)), reorg(110, [120])];
    expect(foldChainEvents(chainDecider.initialState(), history)).toEqual(history.reduce(chainDecider.evolve, chainDecider.initialState()));
  });
  it('should give the same state in two parts as in one, more readings than anchors included', () => {
    const history = [...longHistory(CHAIN_ANCHORS + 5), observed(transfer(1_435))];
    const inParts = foldChainEvents(foldChainEvents(chainDecider.initialState(), history.slice(0, 40)), history.slice(40));
    expect(inParts).toEqual(history.reduce(chainDecider.evolve, chainDecider.initialState()));
  });
});
