import { DomainError, fold } from '../shared/decider';
import { specification } from '../testing/decider-specification';
import { meta } from '../testing/fixtures';
import { admitIntoPeriods } from './admission';
import { SealPeriod } from './commands';
import { periodDecider } from './decider';
import { PeriodEvent, PeriodSealed } from './events';

const spec = specification(periodDecider);
const head = { position: '42', hash: 'a'.repeat(64) };
const february = { periodId: '2026-02', from: '2026-02-01T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z', chainHead: head, publicKey: 'pk', signature: 'sig' };
const sealFebruary: SealPeriod = { type: 'SealPeriod', data: february, metadata: meta('carol') };
const februarySealed: PeriodSealed = { type: 'PeriodSealed', data: { ...february, sealedBy: 'carol', sealedAt: meta().now } };

describe('Period seals', () => {
  describe('When no period is sealed', () => {
    it('should seal a period over the chain head, naming who sealed it and when', () => {
      spec.given([]).when(sealFebruary).then([februarySealed]);
    });
    it('should refuse an unsigned seal', () => {
      spec.given([]).when({ ...sealFebruary, data: { ...february, signature: '' } }).thenThrows('unsigned-seal');
    });
    it('should refuse a period that ends before it starts', () => {
      spec.given([]).when({ ...sealFebruary, data: { ...february, to: february.from } }).thenThrows('invalid-period');
    });
    it('should refuse a correction: there is nothing to correct', () => {
      spec.given([]).when({ type: 'CorrectSealedPeriod', data: { correctionId: 'c1', streamId: 'custody-B-A', eventTypes: ['StatementReceived'], businessTime: '2026-02-28', reason: 'restated by the bank' }, metadata: meta() })
        .thenThrows('period-not-sealed');
    });
  });

  describe('When February is sealed', () => {
    it('should do nothing on a repeated close', () => {
      spec.given([februarySealed]).when(sealFebruary).then([]);
    });
    it('should refuse an overlapping period', () => {
      spec.given([februarySealed]).when({ ...sealFebruary, data: { ...february, periodId: 'late-feb', from: '2026-02-20T00:00:00.000Z', to: '2026-03-10T00:00:00.000Z' } })
        .thenThrows('period-overlaps');
    });
    it('should record an explicit correction with its reason, actor and time', () => {
      const data = { correctionId: 'c1', streamId: 'custody-B-A', eventTypes: ['StatementReceived'], businessTime: '2026-02-28', reason: 'restated by the bank' };
      spec.given([februarySealed]).when({ type: 'CorrectSealedPeriod', data, metadata: meta('dave') })
        .then([{ type: 'SealedPeriodCorrected', data: { periodId: '2026-02', ...data, correctedBy: 'dave', correctedAt: meta().now } }]);
    });
    it('should refuse a correction without a reason', () => {
      spec.given([februarySealed])
        .when({ type: 'CorrectSealedPeriod', data: { correctionId: 'c1', streamId: 's', eventTypes: [], businessTime: '2026-02-28', reason: ' ' }, metadata: meta() })
        .thenThrows('correction-reason-required');
    });
  });
});

describe('admitIntoPeriods', () => {
  const state = fold(periodDecider, [februarySealed] as PeriodEvent[]);
  const write = { streamId: 'custody-B-A', eventTypes: ['StatementReceived'] };

  it('should refuse a silent write dated inside a sealed period', () => {
    expect(() => admitIntoPeriods(state, { ...write, businessTime: '2026-02-28' }, meta())).toThrow(expect.objectContaining({ code: 'period-sealed' }) as DomainError);
  });
  it('should let writes dated outside every sealed period, or undated, through', () => {
    expect(admitIntoPeriods(state, { ...write, businessTime: '2026-03-01' }, meta())).toBeUndefined();
    expect(admitIntoPeriods(state, { ...write, businessTime: '2026-01-31T23:59:59Z' }, meta())).toBeUndefined();
    expect(admitIntoPeriods(state, write, meta())).toBeUndefined();
  });
  it('should turn an explicit correction into the command that records it', () => {
    expect(admitIntoPeriods(state, { ...write, businessTime: '2026-02-28', correction: { correctionId: 'c1', reason: 'restated by the bank' } }, meta('dave'))).toEqual({
      type: 'CorrectSealedPeriod',
      data: { correctionId: 'c1', streamId: 'custody-B-A', eventTypes: ['StatementReceived'], businessTime: '2026-02-28', reason: 'restated by the bank' },
      metadata: meta('dave'),
    });
  });
});
