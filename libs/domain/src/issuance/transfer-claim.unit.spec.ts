import { specification } from '../testing/decider-specification';
import { meta, NOW } from '../testing/fixtures';
import { ChainTransferClaimed, ChainTransferReleased, transferClaimDecider, TransferClaimCommand, transferClaimStream } from './transfer-claim';

const { given } = specification(transferClaimDecider);
const TX = `0x${'ab'.repeat(32)}`;
const ref = { chainId: 8453, txHash: TX, logIndex: 3 };
const claim = (assetId = 'bAAPL', requestId = 'MR-1'): TransferClaimCommand => ({ type: 'ClaimChainTransfer', data: { ...ref, assetId, requestId }, metadata: meta('alice') });
const release = (requestId = 'MR-1'): TransferClaimCommand => ({ type: 'ReleaseChainTransfer', data: { ...ref, requestId, reason: 'EXCEEDS_REQUEST' }, metadata: meta('alice') });
const claimed: ChainTransferClaimed = { type: 'ChainTransferClaimed', data: { ...ref, assetId: 'bAAPL', requestId: 'MR-1', claimedAt: NOW } };
const released: ChainTransferReleased = { type: 'ChainTransferReleased', data: { ...ref, assetId: 'bAAPL', requestId: 'MR-1', reason: 'EXCEEDS_REQUEST', releasedAt: NOW } };

describe('One on-chain transfer, one request', () => {
  describe('When a transfer nobody recorded is claimed', () => {
    it('should record the claim for the request and its asset', () => given([]).when(claim()).then([claimed]));
    it('should refuse a transaction hash that is not one', () => given([]).when({ ...claim(), data: { ...ref, txHash: '0x12', assetId: 'bAAPL', requestId: 'MR-1' } } as TransferClaimCommand).thenThrows('INVALID_TX_HASH'));
  });

  describe('When the same request claims it again (a retry)', () => {
    it('should record nothing', () => given([claimed]).when(claim()).then([]));
  });

  describe('When another asset or another request claims it', () => {
    it('should refuse it, naming the asset and request it belongs to', () => {
      expect(() => given([claimed]).when(claim('bCSPX', 'MR-9')).then([])).toThrow(/already recorded for asset bAAPL \(request MR-1\)/);
      given([claimed]).when(claim('bAAPL', 'MR-2')).thenThrows('TRANSFER_ALREADY_RECORDED');
    });
  });

  describe('When the claiming request\'s own stream refused the transfer', () => {
    it('should release it', () => given([claimed]).when(release()).then([released]));
    it('should let another request claim it afterwards', () =>
      given([claimed, released]).when(claim('bCSPX', 'MR-9')).then([{ type: 'ChainTransferClaimed', data: { ...ref, assetId: 'bCSPX', requestId: 'MR-9', claimedAt: NOW } }]));
    it('should release nothing for a request that does not hold the claim', () => given([claimed]).when(release('MR-9')).then([]));
  });

  describe('When naming the stream', () => {
    it('should key it by chain, lower-case hash and log index', () => expect(transferClaimStream(8453, TX.toUpperCase().replace('0X', '0x'), 3)).toBe(`chain-transfer-8453-${TX}-3`));
  });
});
