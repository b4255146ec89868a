import { at, TOKEN } from '../testing/scenarios';
import { AccountFacts, AssetFacts, FactEvent } from './documents';
import { MINT_BURN_EVIDENCE, MOVEMENT_RETENTION_DAYS, RECENT_EVENT_IDS, SETTLED_RETENTION_DAYS } from './retention';
import { APPLE, deployed, executed, linked, moved, onChain, registered, requested, settled, statement, StreamEvent } from './testing/events';
import { project, snapshotFrom } from './testing/projector';
import { reconcileAsset } from '../testing/with-test-ids';

const DAY_MS = 86_400_000;
const weekdays = (count: number): string[] => {
  const days: string[] = [];
  for (let ms = Date.parse('2024-01-01T00:00:00Z'); days.length < count; ms += DAY_MS) {
    if (![0, 6].includes(new Date(ms).getUTCDay())) days.push(new Date(ms).toISOString().slice(0, 10));
  }
  return days;
};
const recorded = (at: string, { eventId, event }: StreamEvent): FactEvent => ({ eventId, recordedAt: at, event });
const quantityOf = (day: number) => BigInt((day % 7) + 1);

/**
 * Every weekday for `count` weekdays: the statement of the day before (what had settled by then),
 * a mint request minted the same morning, yesterday's purchase settling into custody, and today's
 * purchase for the mint. Balanced throughout: every token is backed by a share held or bought.
 */
function dailyHistory(count: number): { facts: FactEvent[]; days: string[] } {
  const days = weekdays(count);
  const setup = [registered('ev-asset'), deployed('ev-deploy', 1, 18), linked('ev-link', 'SAFE-1')].map((e) => recorded('2024-01-01T00:00:00Z', e));
  const daily = days.flatMap((day, i) => {
    const q = quantityOf(i);
    const heldBy = (n: number) => Array.from({ length: Math.max(n, 0) }, (_, j) => quantityOf(j)).reduce((a, b) => a + b, 0n);
    return [
      ...(i > 0 ? [recorded(`${day}T06:00:00Z`, statement(`ev-stmt-${i}`, { account: 'SAFE-1', statementReference: `S${i}`, asOf: days[i - 1]!, positions: [{ isin: APPLE, quantity: String(heldBy(i - 1)) }] }, `${day}T06:00:00Z`))] : []),
      recorded(`${day}T09:00:00Z`, requested(`ev-r${i}`, 'mint', `r${i}`, 1, q * TOKEN, `${day}T09:00:00Z`)),
      ...(i > 0 ? [
        recorded(`${day}T10:00:00Z`, settled(`ev-c${i - 1}`, `t${i - 1}`, 'BUY', `c${i - 1}`, String(quantityOf(i - 1)), '0', `${day}T10:00:00Z`)),
        recorded(`${day}T10:05:00Z`, moved(`ev-m${i - 1}`, 'SAFE-1', `m${i - 1}`, String(quantityOf(i - 1)), `${day}T10:05:00Z`)),
      ] : []),
      recorded(`${day}T11:00:00Z`, onChain(`ev-mint${i}`, 'mint', `r${i}`, 1, q * TOKEN, 1000 + i, `${day}T11:00:00Z`)),
      recorded(`${day}T15:00:00Z`, executed(`ev-t${i}`, `t${i}`, 'BUY', String(q), day, days[i + 1] ?? day)),
    ];
  });
  return { facts: [...setup, ...daily], days };
}

describe('Keeping facts documents bounded', () => {
  describe.each([260, 520])('Given %i weekdays of trading, minting and statements', (count) => {
    const { facts, days } = dailyHistory(count);
    const docs = project(facts);
    const asset = docs.get('asset:aapl') as AssetFacts;
    const account = docs.get('account:bank/SAFE-1') as AccountFacts;
    const now = `${days.at(-1)}T16:00:00.000Z`;

    it('should keep only the settled trades and fulfilled requests of the retention period', () => {
      expect(Object.keys(asset.trades).length).toBeLessThanOrEqual(SETTLED_RETENTION_DAYS);
      expect(Object.keys(asset.requests).length).toBeLessThanOrEqual(SETTLED_RETENTION_DAYS);
      expect(Object.keys(asset.transfers).length).toBeLessThanOrEqual(SETTLED_RETENTION_DAYS);
    });
    it('should keep only the movements of the retention period', () => expect(Object.keys(account.movements).length).toBeLessThanOrEqual(MOVEMENT_RETENTION_DAYS));
    it('should keep a bounded number of event ids', () => {
      expect(asset.chains[1]?.evidence).toHaveLength(MINT_BURN_EVIDENCE);
      expect(asset.recentEventIds).toHaveLength(RECENT_EVENT_IDS);
    });
    it('should keep the supply exact, compacted or not', () =>
      expect(snapshotFrom(docs, 'aapl', now).chains[0]?.supply).toBe(days.reduce((sum, _d, i) => sum + quantityOf(i), 0n) * TOKEN));
    it('should still find the asset in balance, nothing explained having lost its explanation', () =>
      expect(reconcileAsset(snapshotFrom(docs, 'aapl', now), at(now))).toEqual([]));
  });

  describe('When the history doubles', () => {
    const sizeAfter = (count: number) => [...project(dailyHistory(count).facts).values()].reduce((size, doc) => size + JSON.stringify(doc).length, 0);
    it('should keep the documents the same size, within a few digits', () => expect(sizeAfter(520)).toBeLessThan(sizeAfter(260) * 1.05));
  });

  describe('Given a linked account whose own events are all older than the asset\'s retention', () => {
    const facts = [
      recorded('2025-01-02T09:00:00Z', registered('ev-asset')),
      recorded('2025-01-02T09:01:00Z', linked('ev-link', 'SAFE-3')),
      recorded('2025-01-03T10:05:00Z', moved('ev-m0', 'SAFE-3', 'm0', '10', '2025-01-03T10:05:00Z')),
      recorded('2025-03-14T08:00:00Z', executed('ev-t1', 't1', 'BUY', '1', '2025-03-14', '2025-03-17')),
    ];
    const docs = project(facts);
    it('should still hold the old movement in the account document, whose own clock has not moved on', () =>
      expect(Object.keys((docs.get('account:bank/SAFE-3') as AccountFacts).movements)).toEqual(['m0']));
    it('should leave it out of the snapshot, as the confirmation that could explain it is gone from the asset', () =>
      expect(snapshotFrom(docs).movements).toEqual([]));
  });
});
