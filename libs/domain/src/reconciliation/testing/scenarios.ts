/**
 * Snapshots for the reconciliation specs. `balancedAsset` is one chain, one account, nothing in
 * flight; `busyBalancedAsset` is in balance with something of every kind in flight at once, the
 * case where false positives hide. Specs change one fact and expect one finding.
 */
import { Finding } from '../finding';
import { ReconciliationPolicy } from '../policy';
import { AssetSnapshot } from '../snapshot';
import { exceptionIdFor } from './with-test-ids';

export const NOW = '2025-03-14T09:30:00.000Z';
export const TOKEN = 10n ** 18n;
export const BASE_TOKEN = 10n ** 6n;
export const SAFE_1 = { custodian: 'bank', account: 'SAFE-1' } as const;
export const SAFE_2 = { custodian: 'bank', account: 'SAFE-2' } as const;

export const POLICY: ReconciliationPolicy = {
  now: NOW,
  tolerance: '0.000001',
  staleness: { default: { hours: 2 } },
  windows: { settlement: { days: 2 }, mintBurn: { hours: 24 }, missingPage: { hours: 2 } },
  agedSettlementCriticalAfter: { days: 5 },
};

export const at = (now: string): ReconciliationPolicy => ({ ...POLICY, now });

/** A finding on 'aapl' as of NOW, with the exception id its break type and subject give. */
export const expectedFinding = (finding: Omit<Finding, 'exceptionId' | 'assetId' | 'asOf'>): Finding =>
  ({ exceptionId: exceptionIdFor('aapl', finding.breakType, finding.subject), assetId: 'aapl', asOf: NOW, ...finding });

export const balancedAsset = (): AssetSnapshot => ({
  assetId: 'aapl',
  multipliers: [{ multiplier: '1', effectiveAt: '2024-01-02T09:00:00Z', eventIds: ['ev-asset'] }],
  chains: [{ chainId: 1, supply: 1000n * TOKEN, decimals: 18, asOfBlock: 21_000_000, asOfTime: '2025-03-14T09:00:00Z', eventIds: ['ev-supply-1'] }],
  positions: [{ ...SAFE_1, quantity: '1000', statementDate: '2025-03-13', statementReference: 'STMT42', basis: 'SETTLED', eventIds: ['ev-stmt'] }],
  trades: [],
  confirmations: [],
  movements: [],
  requests: [],
  mintsAndBurns: [],
  statements: {
    expected: [{ ...SAFE_1, expectedDate: '2025-03-13', dueAt: '2025-03-14T07:00:00Z', latestStatementDate: '2025-03-13', eventIds: ['ev-stmt'] }],
    pages: [],
    unknownInstruments: [],
    conflictingDuplicates: [],
  },
});

export const with_ = (changes: Partial<AssetSnapshot>, base = balancedAsset()): AssetSnapshot => ({ ...base, ...changes });
export const withStatements = (changes: Partial<AssetSnapshot['statements']>, base = balancedAsset()): AssetSnapshot =>
  ({ ...base, statements: { ...base.statements, ...changes } });

/**
 * 800 tokens on two chains (600 at 18 decimals, 200 at 6) × 1.5 shares per token since March 1st =
 * 1200 shares required. Held = 1190 in custody + 190 bought (150 for a mint not yet on chain, 40 left
 * of a partly settled trade) − 30 sold (for a redemption already burned) = 1350: 150 above required,
 * exactly the purchase for the pending mint. Base's contract rebases, so its totalSupply() shows
 * 1.5 × its Transfer sum. Movements are all explained; every statement is in, complete.
 */
export const busyBalancedAsset = (): AssetSnapshot => ({
  assetId: 'aapl',
  multipliers: [
    { multiplier: '1', effectiveAt: '2024-01-02T09:00:00Z', eventIds: ['ev-asset'] },
    { multiplier: '1.5', effectiveAt: '2025-03-01T00:00:00Z', eventIds: ['ev-multiplier'] },
  ],
  chains: [
    {
      chainId: 1, supply: 600n * TOKEN, decimals: 18, asOfBlock: 21_000_000, asOfTime: '2025-03-14T09:00:00Z', eventIds: ['ev-supply-1'],
      totalSupplyReading: { amount: 600n * TOKEN, blockNumber: 21_000_000, readAt: '2025-03-14T09:00:00Z', eventIds: ['ev-read-1'] },
    },
    {
      chainId: 8453, supply: 200n * BASE_TOKEN, decimals: 6, asOfBlock: 27_000_000, asOfTime: '2025-03-14T09:10:00Z', eventIds: ['ev-supply-8453'],
      totalSupplyReading: { amount: 300n * BASE_TOKEN, blockNumber: 27_000_000, readAt: '2025-03-14T09:10:00Z', eventIds: ['ev-read-8453'] },
    },
  ],
  positions: [
    { ...SAFE_1, quantity: '790', statementDate: '2025-03-13', statementReference: 'S1-0313', basis: 'SETTLED', eventIds: ['ev-stmt-1'] },
    { ...SAFE_2, quantity: '400', statementDate: '2025-03-13', statementReference: 'S2-0313', basis: 'SETTLED', eventIds: ['ev-stmt-2a', 'ev-stmt-2b'] },
  ],
  trades: [
    { tradeId: 't1', side: 'BUY', quantity: '150', tradeDate: '2025-03-14', settlementDate: '2025-03-17', eventIds: ['ev-t1'], failures: [] },
    { tradeId: 't2', side: 'SELL', quantity: '30', tradeDate: '2025-03-13', settlementDate: '2025-03-14', eventIds: ['ev-t2'], failures: [] },
    { tradeId: 't3', side: 'BUY', quantity: '100', tradeDate: '2025-03-11', settlementDate: '2025-03-14', eventIds: ['ev-t3'], failures: [] },
  ],
  confirmations: [{ confirmationId: 'c1', tradeId: 't3', side: 'BUY', quantity: '60', settledAt: '2025-03-12T14:00:00Z', eventIds: ['ev-c1'] }],
  movements: [
    { ...SAFE_1, movementId: 'm1', quantity: '60', movedAt: '2025-03-12T15:00:00Z', eventIds: ['ev-m1'] },
    { ...SAFE_1, movementId: 'm2', quantity: '-25', movedAt: '2025-03-13T10:00:00Z', eventIds: ['ev-m2'] },
    { ...SAFE_2, movementId: 'm3', quantity: '25', movedAt: '2025-03-13T10:05:00Z', eventIds: ['ev-m3'] },
  ],
  requests: [
    { requestId: 'r1', kind: 'mint', chainId: 1, amount: 100n * TOKEN, requestedAt: '2025-03-14T08:00:00Z', eventIds: ['ev-r1'] },
    { requestId: 'r2', kind: 'redemption', chainId: 8453, amount: 20n * BASE_TOKEN, requestedAt: '2025-03-13T09:00:00Z', eventIds: ['ev-r2'] },
  ],
  mintsAndBurns: [
    { chainId: 8453, txHash: '0x' + 'b2'.repeat(32), logIndex: 4, direction: 'burn', amount: 20n * BASE_TOKEN, blockNumber: 26_990_000, blockTime: '2025-03-13T09:20:00Z', requestId: 'r2', eventIds: ['ev-burn'] },
  ],
  statements: {
    expected: [
      { ...SAFE_1, expectedDate: '2025-03-13', dueAt: '2025-03-14T07:00:00Z', latestStatementDate: '2025-03-13', eventIds: ['ev-stmt-1'] },
      { ...SAFE_2, expectedDate: '2025-03-13', dueAt: '2025-03-14T07:00:00Z', latestStatementDate: '2025-03-13', eventIds: ['ev-stmt-2a'] },
    ],
    pages: [{ ...SAFE_2, statementReference: 'S2-0313', statementDate: '2025-03-13', pagesReceived: [2, 1], lastPage: 2, firstReceivedAt: '2025-03-14T06:00:00Z', eventIds: ['ev-stmt-2a', 'ev-stmt-2b'] }],
    unknownInstruments: [],
    conflictingDuplicates: [],
  },
});

/** One break of every type in BREAK_TYPES, on top of the balanced asset. */
export const brokenEveryWay = (): AssetSnapshot => {
  const base = balancedAsset();
  return {
    ...base,
    chains: base.chains.map((c) => ({ ...c, totalSupplyReading: { amount: 1001n * TOKEN, blockNumber: 21_000_001, readAt: '2025-03-14T09:00:00Z', eventIds: ['ev-read'] } })),
    positions: [{
      ...SAFE_1, quantity: '900', statementDate: '2025-03-13', statementReference: 'STMT42', basis: 'SETTLED', eventIds: ['ev-stmt'],
      // The 10 bought for t2 arrived on the statement of the 13th; no confirmation says so.
      statementMovements: [{ fromDate: '2025-03-12', toDate: '2025-03-13', statementReference: 'STMT42', quantity: '10', eventIds: ['ev-stmt-0312', 'ev-stmt'] }],
    }],
    trades: [
      { tradeId: 't1', side: 'SELL', quantity: '5', tradeDate: '2025-03-07', settlementDate: '2025-03-10', eventIds: ['ev-t1'], failures: [] },
      { tradeId: 't2', side: 'BUY', quantity: '10', tradeDate: '2025-03-11', settlementDate: '2025-03-13', eventIds: ['ev-t2'], failures: [] },
    ],
    movements: [{ ...SAFE_1, movementId: 'm1', quantity: '-3', movedAt: '2025-03-10T10:00:00Z', eventIds: ['ev-m1'] }],
    mintsAndBurns: [{ chainId: 1, txHash: '0x' + 'ee'.repeat(32), logIndex: 0, direction: 'mint', amount: TOKEN, blockNumber: 20_999_000, blockTime: '2025-03-12T00:00:00Z', eventIds: ['ev-mint'] }],
    statements: {
      expected: [{ ...SAFE_1, expectedDate: '2025-03-13', dueAt: '2025-03-14T07:00:00Z', latestStatementDate: '2025-03-12', eventIds: ['ev-stmt-0312'] }],
      pages: [{ ...SAFE_1, statementReference: 'STMT42', statementDate: '2025-03-13', pagesReceived: [1], firstReceivedAt: '2025-03-14T06:00:00Z', eventIds: ['ev-stmt'] }],
      unknownInstruments: [{ ...SAFE_1, isin: 'US5949181045', quantity: '1', statementReference: 'STMT42', statementDate: '2025-03-13', eventIds: ['ev-stmt'] }],
      conflictingDuplicates: [{ ...SAFE_1, statementId: 'bank-STMT42-1', statementReference: 'STMT42', page: 1, originalQuantity: '900', conflictingQuantity: '1000', eventIds: ['ev-dup'] }],
    },
  };
};

/** The balanced asset holding 1100 shares: over-collateralized, nothing else. */
export const overCollateralized = (): AssetSnapshot =>
  with_({ positions: [{ ...SAFE_1, quantity: '1100', statementDate: '2025-03-13', statementReference: 'STMT42', basis: 'SETTLED', eventIds: ['ev-stmt'] }] });
