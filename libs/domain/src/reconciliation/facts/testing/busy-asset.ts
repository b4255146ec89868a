/**
 * The busy but balanced asset of reconciliation/testing/scenarios.ts, as the events that produce it:
 * 800 tokens (600 on chain 1, 220 minted − 20 burned on Base) × 1.5 shares per token = 1200
 * required; 790 + 400 in custody, 150 + 40 bought and not in custody, 30 sold and not delivered =
 * 1350 held, the 150 surplus being the purchase for mint r1, not on chain yet.
 */
import { BASE_TOKEN, TOKEN } from '../../testing/scenarios';
import {
  amended, APPLE, cancelled, conflicting, deployed, executed, failed, linked, moved, MSFT, multiplierChanged, onChain, recordedAt, registered, requested, settled, statement,
  StreamEvent,
} from './events';

export const busyAssetEvents = (): StreamEvent[] => [
  registered('ev-asset'),
  deployed('ev-deploy-1', 1, 18),
  deployed('ev-deploy-8453', 8453, 6),
  linked('ev-link-1', 'SAFE-1'),
  linked('ev-link-2', 'SAFE-2'),
  multiplierChanged('ev-multiplier', '1.5', '2025-03-01T00:00:00Z'),
  requested('ev-r0', 'mint', 'r0', 1, 600n * TOKEN, '2025-02-10T08:00:00Z'),
  onChain('ev-mint-r0', 'mint', 'r0', 1, 600n * TOKEN, 20_000_000, '2025-02-10T09:00:00Z'),
  requested('ev-r00', 'mint', 'r00', 8453, 220n * BASE_TOKEN, '2025-02-10T08:00:00Z'),
  onChain('ev-mint-r00a', 'mint', 'r00', 8453, 120n * BASE_TOKEN, 25_000_000, '2025-02-10T09:00:00Z'),
  onChain('ev-mint-r00b', 'mint', 'r00', 8453, 100n * BASE_TOKEN, 25_000_000, '2025-02-10T09:00:00Z', 1),
  statement('ev-stmt-1-0312', { account: 'SAFE-1', statementReference: 'S1-0312', asOf: '2025-03-12', positions: [{ isin: APPLE, quantity: '755' }] }, '2025-03-13T06:00:00Z'),
  executed('ev-t3', 't3', 'BUY', '100', '2025-03-11', '2025-03-14'),
  settled('ev-c1', 't3', 'BUY', 'c1', '60', '40', '2025-03-12T14:00:00Z'),
  moved('ev-m1', 'SAFE-1', 'm1', '60', '2025-03-12T15:00:00Z'),
  requested('ev-r2', 'redemption', 'r2', 8453, 20n * BASE_TOKEN, '2025-03-13T09:00:00Z'),
  onChain('ev-burn', 'burn', 'r2', 8453, 20n * BASE_TOKEN, 26_990_000, '2025-03-13T09:20:00Z', 4),
  executed('ev-t2', 't2', 'SELL', '30', '2025-03-13', '2025-03-14'),
  moved('ev-m2', 'SAFE-1', 'm2', '-25', '2025-03-13T10:00:00Z'),
  moved('ev-m3', 'SAFE-2', 'm3', '25', '2025-03-13T10:05:00Z'),
  statement('ev-stmt-1', { account: 'SAFE-1', statementReference: 'S1-0313', asOf: '2025-03-13', positions: [{ isin: APPLE, quantity: '790' }] }, '2025-03-14T06:00:00Z'),
  statement('ev-stmt-2a', { account: 'SAFE-2', statementReference: 'S2-0313', asOf: '2025-03-13', page: 1, lastPage: false, positions: [] }, '2025-03-14T06:00:00Z'),
  statement('ev-stmt-2b', { account: 'SAFE-2', statementReference: 'S2-0313', asOf: '2025-03-13', page: 2, lastPage: true, positions: [{ isin: APPLE, quantity: '400' }] }, '2025-03-14T06:05:00Z'),
  requested('ev-r1', 'mint', 'r1', 1, 100n * TOKEN, '2025-03-14T08:00:00Z'),
  executed('ev-t1', 't1', 'BUY', '150', '2025-03-14', '2025-03-17'),
];

/** History from January, recorded then, that retention drops: trades, movements and requests that net to nothing. */
const januaryHistory = (): StreamEvent[] => [
  executed('ev-t0', 't0', 'BUY', '10', '2025-01-02', '2025-01-03'),
  settled('ev-c0', 't0', 'BUY', 'c0', '10', '0', '2025-01-03T10:00:00Z'),
  moved('ev-m0', 'SAFE-1', 'm0', '10', '2025-01-03T10:05:00Z'),
  requested('ev-r-jan', 'mint', 'r-jan', 1, 10n * TOKEN, '2025-01-02T08:00:00Z'),
  onChain('ev-mint-jan', 'mint', 'r-jan', 1, 10n * TOKEN, 19_000_000, '2025-01-02T09:00:00Z'),
  executed('ev-t0b', 't0b', 'SELL', '10', '2025-01-06', '2025-01-07'),
  settled('ev-c0b', 't0b', 'SELL', 'c0b', '10', '0', '2025-01-07T10:00:00Z'),
  moved('ev-m0b', 'SAFE-1', 'm0b', '-10', '2025-01-07T10:05:00Z'),
  requested('ev-r-jan2', 'redemption', 'r-jan2', 1, 10n * TOKEN, '2025-01-06T08:00:00Z'),
  onChain('ev-burn-jan', 'burn', 'r-jan2', 1, 10n * TOKEN, 19_100_000, '2025-01-06T09:00:00Z'),
].map((e, index) => recordedAt(`2025-01-08T10:${String(index).padStart(2, '0')}:00Z`, e));

/**
 * The busy asset with January's history and four breaks: sale t5 failed and aged, SAFE-2's statement
 * of the 12th never got past page 1, SAFE-2's statement holds an ISIN no asset maps to, SAFE-1's
 * statement was delivered again with other content. Also a trade amended then cancelled, and an
 * older SAFE-1 statement arriving after the current one.
 */
export const brokenBusyAssetEvents = (): StreamEvent[] => {
  const busy = busyAssetEvents().map((e) => (e.eventId === 'ev-stmt-2a'
    ? statement('ev-stmt-2a', { account: 'SAFE-2', statementReference: 'S2-0313', asOf: '2025-03-13', page: 1, lastPage: false, positions: [{ isin: MSFT, quantity: '3' }] }, '2025-03-14T06:00:00Z')
    : e));
  return [
    ...januaryHistory(),
    statement('ev-stmt-2-0312', { account: 'SAFE-2', statementReference: 'S2-0312', asOf: '2025-03-12', page: 1, lastPage: false, positions: [{ isin: APPLE, quantity: '375' }] }, '2025-03-13T06:00:00Z'),
    executed('ev-t5', 't5', 'SELL', '5', '2025-03-05', '2025-03-06'),
    failed('ev-f1', 't5', 'f1', '2025-03-06T12:00:00Z'),
    executed('ev-t4', 't4', 'BUY', '50', '2025-03-12', '2025-03-13'),
    amended('ev-t4-amended', 't4', '55', '2025-03-14'),
    cancelled('ev-t4-cancelled', 't4'),
    ...busy,
    conflicting('ev-dup', { account: 'SAFE-1', statementReference: 'S1-0313', asOf: '2025-03-13', positions: [{ isin: APPLE, quantity: '780' }] }, '2025-03-14T07:00:00Z'),
    statement('ev-stmt-1-0311', { account: 'SAFE-1', statementReference: 'S1-0311', asOf: '2025-03-11', positions: [{ isin: APPLE, quantity: '700' }] }, '2025-03-14T08:00:00Z'),
  ];
};
