import { specification } from '../testing/decider-specification';
import { meta, NOW } from '../testing/fixtures';
import { RaiseException } from './commands';
import { exceptionDecider } from './decider';
import { ExceptionEvent } from './events';

const { given } = specification(exceptionDecider);
const LATER = '2025-03-15T09:30:00.000Z';
const ref = { exceptionId: 'x1', assetId: 'aapl' };

const raise = (overrides: Partial<RaiseException['data']> = {}, now = NOW): RaiseException => ({
  type: 'RaiseException',
  data: {
    ...ref, breakType: 'failed-aged-settlement', severity: 'high', subject: 'trade:t1', asOf: now,
    figures: { quantity: '100', settled: '40', remaining: '60' }, evidenceEventIds: ['e1'], ...overrides,
  },
  metadata: meta('reconciler', now),
});
const raised: ExceptionEvent = {
  type: 'ExceptionRaised',
  data: {
    ...ref, breakType: 'failed-aged-settlement', severity: 'high', subject: 'trade:t1', asOf: NOW,
    figures: { quantity: '100', settled: '40', remaining: '60' }, evidenceEventIds: ['e1'], raisedAt: NOW,
  },
};
const updated = (data: Partial<Extract<ExceptionEvent, { type: 'ExceptionFiguresUpdated' }>['data']>): ExceptionEvent => ({
  type: 'ExceptionFiguresUpdated',
  data: { ...ref, severity: 'high', figures: { quantity: '100', settled: '40', remaining: '60' }, evidenceEventIds: ['e1'], asOf: LATER, updatedAt: LATER, ...data },
});
const cleared: ExceptionEvent = { type: 'ExceptionCleared', data: { ...ref, reason: 'settled', evidenceEventIds: [], clearedAt: NOW } };

describe('Exception figures', () => {
  describe('When the reconciler raises a new break with its subject and as-of', () => {
    it('should keep both on the raised event', () => given([]).when(raise()).then([raised]));
    it('should refuse an as-of that is not a timestamp', () => given([]).when(raise({ asOf: 'yesterday' })).thenThrows('INVALID_TIMESTAMP'));
    it('should refuse an empty subject', () => given([]).when(raise({ subject: ' ' })).thenThrows('INVALID_FIELD'));
  });

  describe('When the open break is raised again', () => {
    it('should record nothing for the same figures at a later as-of and with new evidence', () =>
      given([raised]).when(raise({ asOf: LATER, evidenceEventIds: ['e1', 'e7'] }, LATER)).then([]));
    it('should record nothing for the same figures written differently', () =>
      given([raised]).when(raise({ figures: { remaining: '60.000', settled: '40.0', quantity: '100' } }, LATER)).then([]));
    it('should update the figures when they moved', () =>
      given([raised]).when(raise({ figures: { quantity: '100', settled: '70', remaining: '30' }, evidenceEventIds: ['e1', 'e8'], asOf: LATER }, LATER)).then([
        updated({ figures: { quantity: '100', settled: '70', remaining: '30' }, evidenceEventIds: ['e1', 'e8'] }),
      ]));
    it('should update the severity when the break escalates', () =>
      given([raised]).when(raise({ severity: 'critical', asOf: LATER }, LATER)).then([updated({ severity: 'critical' })]));
    it('should update when the affected list of an aggregate changes', () =>
      given([raised]).when(raise({ affected: [{ assetId: 'aapl', subject: 'trade:t2' }], asOf: LATER }, LATER)).then([
        updated({ affected: [{ assetId: 'aapl', subject: 'trade:t2' }] }),
      ]));
    it('should refuse the same id for another subject', () => given([raised]).when(raise({ subject: 'trade:t2' })).thenThrows('EXCEPTION_ID_CONFLICT'));
  });

  describe('When the figures were updated', () => {
    const history = [raised, updated({ figures: { quantity: '100', settled: '70', remaining: '30' } })];
    it('should record nothing when the updated figures are raised again', () =>
      given(history).when(raise({ figures: { quantity: '100', settled: '70', remaining: '30' } }, LATER)).then([]));
    it('should update again when the figures go back', () =>
      given(history).when(raise({ asOf: LATER }, LATER)).then([updated({})]));
  });

  describe('When the break returns after it was cleared', () => {
    it('should reopen the same exception with the new figures and as-of', () =>
      given([raised, cleared]).when(raise({ figures: { quantity: '100', settled: '0', remaining: '100' }, asOf: LATER }, LATER)).then([{
        type: 'ExceptionReopened',
        data: {
          ...ref, reason: 'break detected again', reopenedBy: 'reconciler', severity: 'high', asOf: LATER,
          figures: { quantity: '100', settled: '0', remaining: '100' }, evidenceEventIds: ['e1'], reopenedAt: LATER,
        },
      }]));
    it('should record nothing once reopened and raised again with those figures', () =>
      given([raised, cleared, { type: 'ExceptionReopened', data: { ...ref, reason: 'again', reopenedBy: 'reconciler', severity: 'high', figures: raised.data.figures, evidenceEventIds: [], reopenedAt: LATER } }])
        .when(raise({}, LATER)).then([]));
  });
});
