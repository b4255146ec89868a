import { specification } from '../testing/decider-specification';
import { meta, NOW } from '../testing/fixtures';
import { IssuanceCommand } from './commands';
import { issuanceDecider } from './decider';
import { ChainTransferData, IssuanceEvent } from './events';
import { issuanceStream } from './stream';

const { given } = specification(issuanceDecider);
const TX = '0x' + 'ab'.repeat(32);
const TEN_TOKENS = '10000000000000000000';
const FOUR_TOKENS = '4000000000000000000';
const SIX_TOKENS = '6000000000000000000';

const requestMint = (amount = TEN_TOKENS, requestId = 'r1'): IssuanceCommand => ({
  type: 'RequestMint', data: { requestId, assetId: 'aapl', chainId: 1, amount }, metadata: meta(),
});
const requestRedemption: IssuanceCommand = {
  type: 'RequestRedemption', data: { requestId: 'r1', assetId: 'aapl', chainId: 1, amount: TEN_TOKENS }, metadata: meta(),
};
const mintRequested: IssuanceEvent = { type: 'MintRequested', data: { requestId: 'r1', assetId: 'aapl', chainId: 1, amount: TEN_TOKENS, requestedAt: NOW } };
const redemptionRequested: IssuanceEvent = { ...mintRequested, type: 'RedemptionRequested' };

const onChain = (type: 'RecordMintOnChain' | 'RecordBurnOnChain', overrides: Partial<Extract<IssuanceCommand, { type: 'RecordMintOnChain' }>['data']> = {}): IssuanceCommand => ({
  type,
  data: { requestId: 'r1', chainId: 1, txHash: TX.toUpperCase().replace('0X', '0x'), logIndex: 3, amount: TEN_TOKENS, blockNumber: 21000000, blockTime: '2025-03-14T10:00:11Z', ...overrides },
  metadata: meta('chain-watcher'),
});
const transfer = (overrides: Partial<ChainTransferData> = {}): ChainTransferData => ({
  requestId: 'r1', assetId: 'aapl', chainId: 1, txHash: TX, logIndex: 3, amount: TEN_TOKENS, blockNumber: 21000000, blockTime: '2025-03-14T10:00:11Z', ...overrides,
});
const mint = (overrides: Partial<Extract<IssuanceCommand, { type: 'RecordMintOnChain' }>['data']> = {}) => onChain('RecordMintOnChain', overrides);
const burn = (overrides: Partial<Extract<IssuanceCommand, { type: 'RecordBurnOnChain' }>['data']> = {}) => onChain('RecordBurnOnChain', overrides);

describe('Issuance decider', () => {
  describe('When nothing was requested', () => {
    it('should record a mint request in base units', () => given([]).when(requestMint()).then([mintRequested]));
    it('should record a redemption request', () => given([]).when(requestRedemption).then([redemptionRequested]));
    it('should refuse an amount with decimals: requests are in base units', () => given([]).when(requestMint('10.5')).thenThrows('INVALID_QUANTITY'));
    it('should refuse a zero amount', () => given([]).when(requestMint('0')).thenThrows('INVALID_QUANTITY'));
    describe('When the request names its trade and its business time', () => {
      const linked = (requestedAt: string): IssuanceCommand => ({
        type: 'RequestMint', data: { requestId: 'r1', assetId: 'aapl', chainId: 1, amount: TEN_TOKENS, tradeId: 'T-1', requestedAt }, metadata: meta(),
      });
      const linkedEvent: IssuanceEvent = { type: 'MintRequested', data: { ...mintRequested.data, requestedAt: '2025-03-13T16:00:00.000Z', tradeId: 'T-1' } };
      it('should record both: matching pairs the request with the trade, from the time it was made', () =>
        given([]).when(linked('2025-03-13T17:00:00+01:00')).then([linkedEvent]));
      it('should take the same request again as a no-op', () => given([linkedEvent]).when(linked('2025-03-13T16:00:00Z')).then([]));
      it('should refuse the same id with another trade', () =>
        given([linkedEvent]).when({ ...linked('2025-03-13T16:00:00Z'), data: { ...(linked('2025-03-13T16:00:00Z').data as object), tradeId: 'T-2' } } as IssuanceCommand).thenThrows('REQUEST_ALREADY_EXISTS'));
      it('should refuse a business time after the request is recorded', () => given([]).when(linked('2099-01-01T00:00:00Z')).thenThrows('INVALID_FIELD'));
      it('should refuse a business time that is not an instant', () => given([]).when(linked('yesterday')).thenThrows('INVALID_TIMESTAMP'));
    });
    it('should refuse an amount beyond uint256', () => given([]).when(requestMint((2n ** 256n).toString())).thenThrows('INVALID_QUANTITY'));
    it('should refuse a mint seen on chain', () => given([]).when(mint()).thenThrows('REQUEST_NOT_FOUND'));
    it('should refuse a burn seen on chain', () => given([]).when(burn()).thenThrows('REQUEST_NOT_FOUND'));
  });

  describe('When a mint is requested', () => {
    it('should treat the same request again as a no-op', () => given([mintRequested]).when(requestMint()).then([]));
    it('should refuse a different request under the same id', () => given([mintRequested]).when(requestMint('1')).thenThrows('REQUEST_ALREADY_EXISTS'));
    it('should refuse a redemption under the same id', () => given([mintRequested]).when(requestRedemption).thenThrows('REQUEST_ALREADY_EXISTS'));
    it('should record the mint with a lower-case tx hash', () => given([mintRequested]).when(mint()).then([{ type: 'MintedOnChain', data: transfer() }]));
    it('should record a partial mint', () =>
      given([mintRequested]).when(mint({ amount: FOUR_TOKENS })).then([{ type: 'MintedOnChain', data: transfer({ amount: FOUR_TOKENS }) }]));
    it('should refuse a mint larger than requested', () => given([mintRequested]).when(mint({ amount: TEN_TOKENS + '0' })).thenThrows('EXCEEDS_REQUEST'));
    it('should refuse a mint on another chain', () => given([mintRequested]).when(mint({ chainId: 8453 })).thenThrows('CHAIN_MISMATCH'));
    it('should refuse a burn', () => given([mintRequested]).when(burn()).thenThrows('WRONG_DIRECTION'));
    it('should refuse a malformed tx hash', () => given([mintRequested]).when(mint({ txHash: '0x12' })).thenThrows('INVALID_TX_HASH'));
    it('should refuse a negative log index', () => given([mintRequested]).when(mint({ logIndex: -1 })).thenThrows('INVALID_FIELD'));
    it('should refuse a block time that is not ISO-8601', () => given([mintRequested]).when(mint({ blockTime: '1710410411' })).thenThrows('INVALID_TIMESTAMP'));
  });

  describe('When a mint is partly on chain', () => {
    const history: IssuanceEvent[] = [mintRequested, { type: 'MintedOnChain', data: transfer({ amount: FOUR_TOKENS }) }];
    it('should ignore the same log seen again', () => given(history).when(mint({ amount: FOUR_TOKENS })).then([]));
    it('should record the rest from another log', () =>
      given(history).when(mint({ logIndex: 4, amount: SIX_TOKENS })).then([{ type: 'MintedOnChain', data: transfer({ logIndex: 4, amount: SIX_TOKENS }) }]));
    it('should refuse more than the rest', () => given(history).when(mint({ logIndex: 4, amount: TEN_TOKENS })).thenThrows('EXCEEDS_REQUEST'));
  });

  describe('When a mint is fulfilled', () => {
    const history: IssuanceEvent[] = [mintRequested, { type: 'MintedOnChain', data: transfer() }];
    it('should ignore the same log seen again after a re-scan', () => given(history).when(mint()).then([]));
    it('should refuse a further mint', () => given(history).when(mint({ logIndex: 9, amount: '1' })).thenThrows('EXCEEDS_REQUEST'));
  });

  describe('When a redemption is requested', () => {
    it('should record the burn', () => given([redemptionRequested]).when(burn()).then([{ type: 'BurnedOnChain', data: transfer() }]));
    it('should refuse a mint', () => given([redemptionRequested]).when(mint()).thenThrows('WRONG_DIRECTION'));
    it('should treat the same request again as a no-op', () => given([redemptionRequested]).when(requestRedemption).then([]));
  });

  describe('When a redemption is burned', () => {
    const history: IssuanceEvent[] = [redemptionRequested, { type: 'BurnedOnChain', data: transfer() }];
    it('should ignore the same burn log seen again', () => given(history).when(burn()).then([]));
    it('should refuse a further burn', () => given(history).when(burn({ logIndex: 4, amount: '1' })).thenThrows('EXCEEDS_REQUEST'));
  });

  describe('When naming the stream', () => {
    it('should prefix the request id', () => expect(issuanceStream('r1')).toBe('issuance-r1'));
  });
});
