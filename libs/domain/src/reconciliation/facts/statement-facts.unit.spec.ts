import { SAFE_1 } from '../testing/scenarios';
import { INCOMPLETE_STATEMENTS } from './retention';
import { APPLE, conflicting, deployed, linked, registered, statement, StreamEvent } from './testing/events';
import { factsOf, project, snapshotFrom } from './testing/projector';

type Page = Parameters<typeof statement>[1];
const page = (eventId: string, fields: Omit<Page, 'account'>, receivedAt = '2025-03-14T06:00:00Z') => statement(eventId, { account: 'SAFE-1', ...fields }, receivedAt);
const apple = (quantity: string) => [{ isin: APPLE, quantity }];
const snapshotAfter = (...statements: StreamEvent[]) =>
  snapshotFrom(project(factsOf([registered('ev-asset'), deployed('ev-deploy', 1, 18), linked('ev-link', 'SAFE-1'), ...statements])));
const positionAfter = (...statements: StreamEvent[]) => snapshotAfter(...statements).positions;

describe('Reading custody positions from statements', () => {
  describe('Given no statement yet', () => {
    const snapshot = snapshotAfter();
    it('should state no position', () => expect(snapshot.positions).toEqual([]));
    it('should still expect a statement, none having arrived', () =>
      expect(snapshot.statements.expected).toEqual([{ ...SAFE_1, expectedDate: '2025-03-13', dueAt: '2025-03-14T07:00:00.000Z', eventIds: [] }]));
  });

  describe('When a statement of a later date arrives', () => {
    it('should replace the position', () =>
      expect(positionAfter(page('e1', { statementReference: 'A', asOf: '2025-03-12', positions: apple('10') }), page('e2', { statementReference: 'B', asOf: '2025-03-13', positions: apple('12') })))
        .toEqual([{
          ...SAFE_1, quantity: '12', statementDate: '2025-03-13', statementReference: 'B', basis: 'SETTLED', eventIds: ['e2'],
          statementMovements: [{ fromDate: '2025-03-12', toDate: '2025-03-13', statementReference: 'B', quantity: '2', eventIds: ['e1', 'e2'] }],
        }]));
  });

  describe('When a statement of an older date arrives after', () => {
    it('should ignore it', () =>
      expect(positionAfter(page('e1', { statementReference: 'B', asOf: '2025-03-13', positions: apple('12') }), page('e2', { statementReference: 'A', asOf: '2025-03-12', positions: apple('10') }))[0])
        .toMatchObject({ quantity: '12', statementReference: 'B', eventIds: ['e1'] }));
  });

  describe('When another page of the current statement arrives', () => {
    it('should add its lines, with both pages as evidence', () =>
      expect(positionAfter(
        page('e1', { statementReference: 'A', asOf: '2025-03-13', page: 1, lastPage: false, positions: apple('10.5') }),
        page('e2', { statementReference: 'A', asOf: '2025-03-13', page: 2, lastPage: true, positions: apple('0.25') }),
      )[0]).toMatchObject({ quantity: '10.75', eventIds: ['e1', 'e2'] }));
  });

  describe('When another reference of the same date arrives', () => {
    const first = page('e1', { statementReference: 'A', asOf: '2025-03-13', positions: apple('10') });
    const correction = page('e2', { statementReference: 'A2', asOf: '2025-03-13', positions: apple('11') });
    it('should replace the statement', () => expect(positionAfter(first, correction)[0]).toMatchObject({ quantity: '11', statementReference: 'A2' }));
    it('should not bring the replaced one back when it is delivered again', () =>
      expect(positionAfter(first, correction, page('e1-again', { statementReference: 'A', asOf: '2025-03-13', positions: apple('10') }))[0]).toMatchObject({ quantity: '11', statementReference: 'A2' }));
  });

  describe('When a complete statement has no line for the asset', () => {
    it('should state a position of 0', () =>
      expect(positionAfter(page('e1', { statementReference: 'A', asOf: '2025-03-13', positions: [] }))[0]).toMatchObject({ quantity: '0' }));
  });

  describe('When delta statements follow a complete one', () => {
    it('should add their signed changes to the holdings before them, exactly', () =>
      expect(positionAfter(
        page('e1', { statementReference: 'A', asOf: '2025-03-11', positions: apple('100') }),
        page('e2', { statementReference: 'B', asOf: '2025-03-12', completeness: 'DELTA', positions: apple('5.000000000000000001') }),
        page('e3', { statementReference: 'C', asOf: '2025-03-13', completeness: 'DELTA', positions: apple('-3') }),
      )[0]).toMatchObject({ quantity: '102.000000000000000001', statementReference: 'C', eventIds: ['e1', 'e2', 'e3'] }));
    it('should keep the holding of a delta that does not mention the asset', () =>
      expect(positionAfter(
        page('e1', { statementReference: 'A', asOf: '2025-03-12', positions: apple('100') }),
        page('e2', { statementReference: 'B', asOf: '2025-03-13', completeness: 'DELTA', positions: [] }),
      )[0]).toMatchObject({ quantity: '100' }));
  });
});

describe('Tracking statement pages', () => {
  describe('Given a statement superseded before all its pages arrived', () => {
    const partial = page('e1', { statementReference: 'A', asOf: '2025-03-12', page: 1, lastPage: false, positions: apple('10') }, '2025-03-13T06:00:00Z');
    const next = page('e2', { statementReference: 'B', asOf: '2025-03-13', positions: apple('10') });
    it('should keep it as a statement still missing pages', () =>
      expect(snapshotAfter(partial, next).statements.pages).toEqual([
        { ...SAFE_1, statementReference: 'A', statementDate: '2025-03-12', pagesReceived: [1], firstReceivedAt: '2025-03-13T06:00:00Z', eventIds: ['e1'] },
      ]));
    it('should forget it once its last page arrives late', () =>
      expect(snapshotAfter(partial, next, page('e3', { statementReference: 'A', asOf: '2025-03-12', page: 2, lastPage: true }, '2025-03-14T08:00:00Z')).statements.pages).toEqual([]));
    it(`should keep no more than the ${INCOMPLETE_STATEMENTS} latest of them`, () => {
      const partials = Array.from({ length: INCOMPLETE_STATEMENTS + 3 }, (_, day) =>
        page(`p${day}`, { statementReference: `P${day}`, asOf: `2025-02-${String(day + 10).padStart(2, '0')}`, page: 1, lastPage: false }));
      expect(snapshotAfter(...partials, next).statements.pages.map((p) => p.statementReference)).toEqual(['P7', 'P6', 'P5', 'P4', 'P3']);
    });
  });

  describe('Given a conflicting delivery of a page of the current statement', () => {
    const original = page('e1', { statementReference: 'A', asOf: '2025-03-13', positions: apple('10') });
    const conflict = conflicting('e2', { account: 'SAFE-1', statementReference: 'A', asOf: '2025-03-13', positions: [] }, '2025-03-14T07:00:00Z');
    it('should show the asset quantity on both, 0 where the line is absent', () =>
      expect(snapshotAfter(original, conflict).statements.conflictingDuplicates).toEqual([
        { ...SAFE_1, statementId: 'bank-A-1', statementReference: 'A', page: 1, originalQuantity: '10', conflictingQuantity: '0', eventIds: ['e1', 'e2'] },
      ]));
    it('should no longer count once a later statement replaces it', () =>
      expect(snapshotAfter(original, conflict, page('e3', { statementReference: 'B', asOf: '2025-03-14', positions: apple('10') })).statements.conflictingDuplicates).toEqual([]));
  });
});
