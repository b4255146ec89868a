import { APPLE, deployed, linked, registered, statement, statementCancelled, StreamEvent } from './testing/events';
import { factsOf, project, snapshotFrom } from './testing/projector';

const held = (eventId: string, statementReference: string, asOf: string, quantity: string) =>
  statement(eventId, { account: 'SAFE-1', statementReference, asOf, positions: [{ isin: APPLE, quantity }] }, '2025-03-14T06:00:00Z');
const setup = [registered('ev-asset'), deployed('ev-deploy', 1, 18), linked('ev-link', 'SAFE-1')];
const positionAfter = (...events: StreamEvent[]) => snapshotFrom(project(factsOf([...setup, ...events]))).positions[0]!;
const movementsAfter = (...events: StreamEvent[]) => positionAfter(...events).statementMovements?.map((m) => [m.fromDate, m.toDate, m.statementReference, m.quantity]);

describe('Folding the holdings movements between statements', () => {
  describe('Given one statement only', () => {
    it('should know no movement', () => expect(movementsAfter(held('e1', 'A', '2025-03-11', '100'))).toBeUndefined());
  });

  describe('When statements of three dates have arrived', () => {
    const three = [held('e1', 'A', '2025-03-11', '100'), held('e2', 'B', '2025-03-12', '600'), held('e3', 'C', '2025-03-13', '600')];
    it('should keep each movement, the latest ending at the current statement', () =>
      expect(movementsAfter(...three)).toEqual([['2025-03-11', '2025-03-12', 'B', '500'], ['2025-03-12', '2025-03-13', 'C', '0']]));
    it('should name the statements behind each movement', () =>
      expect(positionAfter(...three).statementMovements?.[0]?.eventIds).toEqual(['e1', 'e2']));
  });

  describe('When the current statement is corrected on its date', () => {
    it('should measure the movement to the correction', () =>
      expect(movementsAfter(held('e1', 'A', '2025-03-12', '100'), held('e2', 'B', '2025-03-13', '600'), held('e3', 'B2', '2025-03-13', '400')))
        .toEqual([['2025-03-12', '2025-03-13', 'B2', '300']]));
  });

  describe('When the current statement is cancelled', () => {
    it('should know the movements before it, and none up to the statement it gave way to', () =>
      expect(movementsAfter(held('e1', 'A', '2025-03-11', '100'), held('e2', 'B', '2025-03-12', '600'), held('e3', 'C', '2025-03-13', '650'), statementCancelled('e4', 'SAFE-1', 'C')))
        .toEqual([['2025-03-11', '2025-03-12', 'B', '500']]));
  });

  describe('When the movements grow older than settled-trade retention (recorded on 2025-03-14)', () => {
    it('should drop them, keeping the latest', () =>
      expect(movementsAfter(
        held('e1', 'A', '2025-01-02', '100'), held('e2', 'B', '2025-01-03', '600'), held('e3', 'C', '2025-03-13', '650'),
      )).toEqual([['2025-01-03', '2025-03-13', 'C', '50']]));
  });
});
