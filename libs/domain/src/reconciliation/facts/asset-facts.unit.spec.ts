import { DomainError } from '../../shared/decider';
import { TOKEN } from '../testing/scenarios';
import { amended, cancelled, deployed, executed, failed, HASH, onChain, registered, requested, reversed, settled, StreamEvent } from './testing/events';
import { factsOf, project, snapshotFrom } from './testing/projector';

const snapshotAfter = (...events: StreamEvent[]) => snapshotFrom(project(factsOf([registered('ev-asset'), ...events])));

describe('Reading trades from their streams', () => {
  describe('When a trade is amended', () => {
    it('should take the new quantity and settlement date, with both events as evidence', () =>
      expect(snapshotAfter(executed('e1', 't1', 'BUY', '100', '2025-03-12', '2025-03-13'), amended('e2', 't1', '110', '2025-03-14')).trades).toEqual([
        { tradeId: 't1', side: 'BUY', quantity: '110', tradeDate: '2025-03-12', settlementDate: '2025-03-14', eventIds: ['e1', 'e2'], failures: [] },
      ]));
  });

  describe('When a trade is cancelled', () => {
    it('should drop it', () => expect(snapshotAfter(executed('e1', 't1', 'BUY', '100', '2025-03-12', '2025-03-13'), cancelled('e2', 't1')).trades).toEqual([]));
  });

  describe('When a settlement fails', () => {
    it('should list the failure on the trade, which stays due', () =>
      expect(snapshotAfter(executed('e1', 't1', 'SELL', '5', '2025-03-05', '2025-03-06'), failed('e2', 't1', 'f1', '2025-03-06T12:00:00Z')).trades[0]?.failures).toEqual([
        { failureId: 'f1', reason: 'no securities', failedAt: '2025-03-06T12:00:00Z', eventIds: ['e2'] },
      ]));
  });

  describe('When a trade settles in two confirmations', () => {
    it('should list each confirmation with its own quantity', () =>
      expect(snapshotAfter(
        executed('e1', 't1', 'BUY', '100', '2025-03-11', '2025-03-12'),
        settled('e2', 't1', 'BUY', 'c1', '60', '40', '2025-03-12T10:00:00Z'),
        settled('e3', 't1', 'BUY', 'c2', '40', '0', '2025-03-12T11:00:00Z'),
      ).confirmations).toEqual([
        { confirmationId: 'c1', tradeId: 't1', side: 'BUY', quantity: '60', settledAt: '2025-03-12T10:00:00Z', eventIds: ['e2'] },
        { confirmationId: 'c2', tradeId: 't1', side: 'BUY', quantity: '40', settledAt: '2025-03-12T11:00:00Z', eventIds: ['e3'] },
      ]));
  });
});

describe('Reading cancelled confirmations', () => {
  const trade = executed('e1', 't1', 'BUY', '100', '2025-03-11', '2025-03-12');
  const first = settled('e2', 't1', 'BUY', 'c1', '60', '40', '2025-03-12T10:00:00Z');
  const second = settled('e3', 't1', 'BUY', 'c2', '40', '0', '2025-03-12T11:00:00Z');
  const cancelSecond = reversed('e4', 't1', 'BUY', 'c2', '40', '60', '40');

  describe('When the custodian cancels the confirmation that settled the trade', () => {
    it('should drop that confirmation and keep the other', () =>
      expect(snapshotAfter(trade, first, second, cancelSecond).confirmations.map((c) => c.confirmationId)).toEqual(['c1']));
    it('should make the trade due again (no settlement time)', () =>
      expect(project(factsOf([registered('ev-asset'), trade, first, second, cancelSecond])).get('asset:aapl')).toMatchObject({ trades: { t1: { reversed: ['c2'] } } }));
    it('should not count the cancelled confirmation when its event is delivered again', () => {
      const facts = factsOf([registered('ev-asset'), trade, first, second, cancelSecond]);
      const again = project([...facts, facts[3]!, facts[4]!]);
      expect(again).toEqual(project(facts));
      expect(snapshotFrom(again).confirmations.map((c) => c.confirmationId)).toEqual(['c1']);
    });
  });

  describe('When a failure carries the custodian\'s reason code', () => {
    it('should keep the code on the failure', () =>
      expect(snapshotAfter(trade, failed('e2', 't1', 'f1', '2025-03-12T12:00:00Z', 'CLAC')).trades[0]?.failures).toEqual([
        { failureId: 'f1', reason: 'no securities', failedAt: '2025-03-12T12:00:00Z', eventIds: ['e2'], reasonCode: 'CLAC' },
      ]));
  });
});

describe('Reading chains and issuance', () => {
  describe('Given a token deployed with nothing minted yet', () => {
    it('should state the chain with supply 0, evidenced by the deployment', () =>
      expect(snapshotAfter(deployed('ev-deploy', 1, 18)).chains).toEqual([
        { chainId: 1, supply: 0n, decimals: 18, asOfBlock: 0, asOfTime: '2025-03-14T06:01:00.000Z', eventIds: ['ev-deploy'] },
      ]));
  });

  describe('Given a mint whose stream arrives before the token deployment', () => {
    const mint = [requested('e1', 'mint', 'r1', 1, 5n * TOKEN, '2025-03-13T08:00:00Z'), onChain('e2', 'mint', 'r1', 1, 5n * TOKEN, 100, '2025-03-13T09:00:00Z')];
    it('should leave the chain, its request and its mint out until the deployment is known', () => {
      const snapshot = snapshotAfter(...mint);
      expect([snapshot.chains, snapshot.requests, snapshot.mintsAndBurns]).toEqual([[], [], []]);
    });
    it('should count them once it arrives', () => {
      const snapshot = snapshotAfter(...mint, deployed('ev-deploy', 1, 18));
      expect(snapshot.chains[0]).toMatchObject({ supply: 5n * TOKEN, asOfBlock: 100, asOfTime: '2025-03-13T09:00:00Z', eventIds: ['e2'] });
      expect(snapshot.requests).toEqual([{ requestId: 'r1', kind: 'mint', chainId: 1, amount: 5n * TOKEN, requestedAt: '2025-03-13T08:00:00Z', eventIds: ['e1'] }]);
      expect(snapshot.mintsAndBurns).toEqual([
        { chainId: 1, txHash: HASH(100), logIndex: 0, direction: 'mint', amount: 5n * TOKEN, blockNumber: 100, blockTime: '2025-03-13T09:00:00Z', requestId: 'r1', eventIds: ['e2'] },
      ]);
    });
  });

  describe('Given an asset whose registration has not arrived', () => {
    it('should refuse to build a snapshot, there being no multiplier to reconcile with', () =>
      expect(() => snapshotFrom(project(factsOf([deployed('e1', 1, 18)])))).toThrow(DomainError));
  });
});
