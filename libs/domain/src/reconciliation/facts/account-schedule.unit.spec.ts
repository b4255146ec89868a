import { AnyDomainEvent } from '../../catalogue/domain-event';
import { StatementSchedule } from '../../schedule/schedule';
import { at, SAFE_1 } from '../testing/scenarios';
import { reconcileAsset } from '../testing/with-test-ids';
import { factKeysOf } from './fact-keys';
import { deployed, linked, registered, statement, StreamEvent } from './testing/events';
import { interleaving, seededRandom, withRedeliveries } from './testing/interleave';
import { factsOf, project, snapshotFrom } from './testing/projector';

const SCHEDULE: StatementSchedule = {
  frequency: 'DAILY', cutOff: '18:00', timezone: 'America/New_York', calendar: { weekend: ['SAT', 'SUN'], holidays: ['2025-03-13'] }, grace: { hours: 4 },
};
const ref = { custodian: 'bank', account: 'SAFE-1', proposalId: 'P-1' };
const proposedEvent: AnyDomainEvent = { type: 'StatementScheduleProposed', data: { ...ref, schedule: SCHEDULE, maker: 'alice', proposedAt: '2025-03-14T05:00:00Z' } };
const approvedEvent: AnyDomainEvent = { type: 'StatementScheduleApproved', data: { ...ref, schedule: SCHEDULE, maker: 'alice', checker: 'bob', approvedAt: '2025-03-14T05:30:00Z' } };
const onSchedule = (eventId: string, event: AnyDomainEvent): StreamEvent => ({ stream: 'schedule-bank-SAFE-1', eventId, event });
const expectedAfter = (...events: StreamEvent[]) =>
  snapshotFrom(project(factsOf([registered('ev-asset'), deployed('ev-deploy', 1, 18), linked('ev-link', 'SAFE-1'), ...events]))).statements.expected;

describe('An account\'s statement schedule in its facts', () => {
  it('should update the account\'s document on approval only: a proposal or a rejection changes no facts', () => {
    expect(factKeysOf(approvedEvent)).toEqual(['account:bank/SAFE-1']);
    expect(factKeysOf(proposedEvent)).toEqual([]);
    expect(factKeysOf({ type: 'StatementScheduleRejected', data: { ...ref, maker: 'alice', rejectedBy: 'bob', reason: 'no', rejectedAt: '2025-03-14T05:30:00Z' } })).toEqual([]);
  });

  describe('Given no approved schedule', () => {
    it('should expect statements by the default calendar, with no grace of its own', () =>
      expect(expectedAfter()).toEqual([{ ...SAFE_1, expectedDate: '2025-03-13', dueAt: '2025-03-14T07:00:00.000Z', eventIds: [] }]));
  });

  describe('Given an approved schedule in New York with Thursday 13 March a holiday', () => {
    // At 09:30 UTC on Friday 14 March (05:30 in New York), Wednesday's statement is due only at 18:00 today (Thursday is no business day).
    it('should expect Tuesday\'s statement, due Wednesday at 18:00 New York time, with the schedule\'s grace and its approval as evidence', () =>
      expect(expectedAfter(onSchedule('ev-approved', approvedEvent))).toEqual([
        { ...SAFE_1, expectedDate: '2025-03-11', dueAt: '2025-03-12T22:00:00.000Z', grace: { hours: 4 }, eventIds: ['ev-approved'] },
      ]));
    it('should name the latest statement received', () =>
      expect(expectedAfter(onSchedule('ev-approved', approvedEvent), statement('ev-stmt', { account: 'SAFE-1', statementReference: 'A', asOf: '2025-03-11' }, '2025-03-14T06:00:00Z'))[0])
        .toMatchObject({ latestStatementDate: '2025-03-11', eventIds: ['ev-approved', 'ev-stmt'] }));
  });

  describe('Given the schedule, the statement of Tuesday 11 March received, and Thursday 13 a holiday', () => {
    // Wednesday's statement would be due on Thursday at 18:00 New York time; the holiday moves it to Friday 14 at 18:00 (22:00 UTC), stale 4 hours later.
    const base = [onSchedule('ev-approved', approvedEvent), statement('ev-0311', { account: 'SAFE-1', statementReference: 'A', asOf: '2025-03-11' }, '2025-03-12T21:00:00Z')];
    const staleAt = (now: string, ...more: StreamEvent[]) => {
      const docs = project(factsOf([registered('ev-asset'), deployed('ev-deploy', 1, 18), linked('ev-link', 'SAFE-1'), ...base, ...more]));
      return reconcileAsset(snapshotFrom(docs, 'aapl', now), at(now)).filter((f) => f.breakType === 'stale-missing-statement');
    };
    it('should raise nothing after the unshifted due time and grace', () => expect(staleAt('2025-03-14T03:00:00Z')).toEqual([]));
    it('should raise nothing at the shifted due time, the grace still running', () => expect(staleAt('2025-03-15T02:00:00Z')).toEqual([]));
    it('should raise the stale statement once the grace after the shifted due time has passed, naming what is missing', () =>
      expect(staleAt('2025-03-15T02:00:01Z').map((f) => [f.subject, f.figures, f.evidenceEventIds])).toEqual([[
        'account:bank:SAFE-1', { missingStatementDate: '2025-03-12', dueAt: '2025-03-14T22:00:00.000Z', lastReceivedDate: '2025-03-11' }, ['ev-approved', 'ev-0311'],
      ]]));
    it('should clear when the statement of that date arrives', () =>
      expect(staleAt('2025-03-15T02:00:01Z', statement('ev-0312', { account: 'SAFE-1', statementReference: 'B', asOf: '2025-03-12' }, '2025-03-15T01:00:00Z'))).toEqual([]));
    it('should clear when a later statement arrives instead', () =>
      expect(staleAt('2025-03-15T02:00:01Z', statement('ev-0314', { account: 'SAFE-1', statementReference: 'C', asOf: '2025-03-14' }, '2025-03-15T01:00:00Z'))).toEqual([]));
  });

  describe('When the approvals and the statements interleave in any order, some delivered twice', () => {
    const revised: AnyDomainEvent = { type: 'StatementScheduleApproved', data: { ...approvedEvent.data, proposalId: 'P-2', schedule: { ...SCHEDULE, cutOff: '17:00' } } } as AnyDomainEvent;
    const events = [
      registered('ev-asset'), deployed('ev-deploy', 1, 18), linked('ev-link', 'SAFE-1'), onSchedule('ev-approved', approvedEvent),
      statement('ev-0311', { account: 'SAFE-1', statementReference: 'A', asOf: '2025-03-11' }, '2025-03-12T21:00:00Z'), onSchedule('ev-revised', revised),
    ];
    const streams = new Map(events.map((e) => [e.eventId, e.stream]));
    const facts = factsOf(events);
    const inOrder = snapshotFrom(project(facts)).statements.expected;
    it('should keep the schedule approved last on its stream', () => expect(inOrder[0]).toMatchObject({ dueAt: '2025-03-12T21:00:00.000Z', eventIds: ['ev-revised', 'ev-0311'] }));
    it.each(Array.from({ length: 30 }, (_, seed) => seed))('should expect the same statement (seed %i)', (seed) => {
      const random = seededRandom(seed);
      const shuffled = withRedeliveries(interleaving(facts, (fact) => streams.get(fact.eventId) ?? '', random), random);
      expect(snapshotFrom(project(shuffled)).statements.expected).toEqual(inOrder);
    });
  });
});
