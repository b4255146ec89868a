import { ChainMintBurn } from '../matching/issuance-matching';
import { POLICY, TOKEN, with_, expectedFinding } from './testing/scenarios';
import { reconcileAsset } from './testing/with-test-ids';

const TX = '0x' + 'cd'.repeat(32);
const mint = (blockTime: string, changes: Partial<ChainMintBurn> = {}): ChainMintBurn =>
  ({ chainId: 1, txHash: TX, logIndex: 7, direction: 'mint', amount: 5n * TOKEN, blockNumber: 21_000_100, blockTime, eventIds: ['ev-mint'], ...changes });
const request = { requestId: 'r5', kind: 'mint' as const, chainId: 1, amount: 5n * TOKEN, requestedAt: '2025-03-13T07:00:00Z', eventIds: ['ev-r5'] };
// The mint is in the supply, and the shares behind it are in custody: only the match is missing.
const minted = (changes: Parameters<typeof with_>[0]) => with_({
  chains: [{ chainId: 1, supply: 1005n * TOKEN, decimals: 18, asOfBlock: 21_000_100, asOfTime: '2025-03-14T09:00:00Z', eventIds: ['ev-supply-1'] }],
  positions: [{ custodian: 'bank', account: 'SAFE-1', quantity: '1005', statementDate: '2025-03-13', statementReference: 'STMT42', basis: 'SETTLED', eventIds: ['ev-stmt'] }],
  ...changes,
});

describe('Unmatched mint / burn', () => {
  describe('When a mint on chain has no request or trade after the window', () => {
    it('should raise it with the amount in base units', () =>
      expect(reconcileAsset(minted({ mintsAndBurns: [mint('2025-03-13T08:00:00Z')] }), POLICY)).toEqual([expectedFinding({
        breakType: 'unmatched-mint-burn',
        severity: 'high',
        subject: `transfer:1:${TX}:7`,
        fault: 'chain:1',
        figures: { amountUnits: '5000000000000000000', tolerance: '0.000001' },
        reason: 'mint of 5000000000000000000 base units in block 21000100 on chain 1: no issuance request on chain 1 and no BUY trade of 5 shares within the window',
        evidenceEventIds: ['ev-mint'],
      })]));
    it('should wait while the window is open', () => expect(reconcileAsset(minted({ mintsAndBurns: [mint('2025-03-14T08:00:00Z')] }), POLICY)).toEqual([]));
    it('should clear once the request is recorded', () =>
      expect(reconcileAsset(minted({ mintsAndBurns: [mint('2025-03-13T08:00:00Z')], requests: [request] }), POLICY)).toEqual([]));
    it('should clear once the purchase behind it is booked', () =>
      expect(reconcileAsset(minted({
        mintsAndBurns: [mint('2025-03-13T08:00:00Z')],
        trades: [{ tradeId: 't5', side: 'BUY', quantity: '5', tradeDate: '2025-03-12', settlementDate: '2025-03-13', eventIds: ['ev-t5'], failures: [] }],
        confirmations: [{ confirmationId: 'c5', tradeId: 't5', side: 'BUY', quantity: '5', settledAt: '2025-03-13T10:00:00Z', eventIds: ['ev-c5'] }],
      }), POLICY)).toEqual([]));
  });

  describe('When a mint request is not on chain after the window', () => {
    it('should raise the request with what is missing', () =>
      expect(reconcileAsset(with_({ requests: [request] }), POLICY).map((f) => [f.subject, f.figures])).toEqual([[
        'request:r5',
        { requestedUnits: '5000000000000000000', onChainUnits: '0', remainingUnits: '5000000000000000000', tolerance: '0.000001' },
      ]]));
    it('should raise what remains after a partial mint', () =>
      expect(reconcileAsset(minted({
        chains: [{ chainId: 1, supply: 1002n * TOKEN, decimals: 18, asOfBlock: 21_000_100, asOfTime: '2025-03-14T09:00:00Z', eventIds: ['ev-supply-1'] }],
        positions: [{ custodian: 'bank', account: 'SAFE-1', quantity: '1002', statementDate: '2025-03-13', statementReference: 'STMT42', basis: 'SETTLED', eventIds: ['ev-stmt'] }],
        requests: [request],
        mintsAndBurns: [mint('2025-03-13T08:00:00Z', { amount: 2n * TOKEN, requestId: 'r5' })],
      }), POLICY).map((f) => [f.subject, f.figures.remainingUnits, f.evidenceEventIds])).toEqual([['request:r5', '3000000000000000000', ['ev-r5', 'ev-mint']]]));
  });
});
