import { specification } from '../testing/decider-specification';
import { meta } from '../testing/fixtures';
import { ChainCommand, ObservedTransfer } from './commands';
import { chainDecider, foldChainEvents } from './decider';
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
const revert = (forkBlock: number): ChainCommand => ({ type: 'RevertOrphanedBlocks', data: { ...ref, forkBlock: { blockNumber: forkBlock, blockHash: HASH(forkBlock) } }, metadata: meta('chain-watcher') });

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
      given(history).when(revert(110)).then([
        { type: 'ChainTransferReverted', data: { ...ref, direction: 'mint', txHash: HASH(0xa000 + 115), logIndex: 0, amount: TEN, blockNumber: 115, blockHash: HASH(115) } },
        { type: 'ChainReorgDetected', data: { ...ref, forkBlockNumber: 110, forkBlockHash: HASH(110), orphanedBlocks: [{ blockNumber: 120, blockHash: HASH(120) }] } },
      ]));
    it('should then take the new branch from the block after the fork, the same transaction in another block included', () =>
      given([...history, ...chainDecider.decide(revert(110), history.reduce(chainDecider.evolve, chainDecider.initialState()))])
        .when(scan(111, 121, [transfer(116, 'mint', TEN, 1)], '20000000000000000000', 1))
        .then([observed(transfer(116, 'mint', TEN, 1)), read(121, '20000000000000000000', 1)]));
    it('should refuse a fork at or above the cursor', () => given(history).when(revert(120)).thenThrows('NOTHING_ORPHANED'));
    it('should refuse a fork older than every kept position', () => given(history).when(revert(90)).thenThrows('REORG_TOO_DEEP'));
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
    const history = [observed(transfer(103)), observed(transfer(104)), read(110, TEN), observed(transfer(115)), read(120, TEN)];
    expect(foldChainEvents(chainDecider.initialState(), history)).toEqual(history.reduce(chainDecider.evolve, chainDecider.initialState()));
  });
});
