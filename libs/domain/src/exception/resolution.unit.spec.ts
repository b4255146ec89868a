import { DomainError } from '../shared/decider';
import { specification } from '../testing/decider-specification';
import { meta, NOW } from '../testing/fixtures';
import { ExceptionCommand, ProposeResolution, RaiseException } from './commands';
import { exceptionDecider } from './decider';
import { ExceptionEvent, ExceptionRaised } from './events';

const { given } = specification(exceptionDecider);
/** The refusal a command meets after `history`: the tests check its code and the field its message names. */
function refusalOf(history: readonly ExceptionEvent[], command: ExceptionCommand): DomainError {
  const state = history.reduce(exceptionDecider.evolve, exceptionDecider.initialState());
  try {
    exceptionDecider.decide(command, state);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('the command was not refused');
}
const ref = { exceptionId: 'x1', assetId: 'aapl' };
const LATER = '2025-03-20T09:00:00.000Z';

const raisedWith = (data: Partial<ExceptionRaised['data']> = {}): ExceptionEvent => ({
  type: 'ExceptionRaised',
  data: {
    ...ref, breakType: 'under-collateralized', severity: 'critical', subject: 'collateral',
    figures: { required: '1000', held: '990', difference: '-10', tolerance: '0.000001' }, evidenceEventIds: ['e1', 'e2'], raisedAt: NOW, ...data,
  },
});
const raised = raisedWith();
const unknownInstrument = raisedWith({ breakType: 'unknown-instrument', severity: 'low', subject: 'isin:DEMOCHZZ:SAFE-1:US0000000001', figures: { quantity: '40' } });

const propose = (terms: Omit<ProposeResolution['data'], 'exceptionId' | 'proposalId'>, actor = 'alice'): ExceptionCommand => ({
  type: 'ProposeResolution', data: { exceptionId: 'x1', proposalId: 'p1', ...terms }, metadata: meta(actor),
});
const approve = (actor = 'carol'): ExceptionCommand => ({ type: 'ApproveResolution', data: { exceptionId: 'x1', proposalId: 'p1' }, metadata: meta(actor) });
/** The reconciler sees the break again, at `at`. */
const raiseAgain = (figures: Record<string, string>, evidenceEventIds: string[] = ['e1', 'e2'], at = LATER): ExceptionCommand => {
  const command: RaiseException = {
    type: 'RaiseException',
    data: { ...ref, breakType: 'under-collateralized', severity: 'critical', subject: 'collateral', figures, evidenceEventIds, asOf: at },
    metadata: meta('reconciler', at),
  };
  return command;
};
const sameBreak = { required: '1000', held: '990', difference: '-10', tolerance: '0.000001' };

const accept = { outcome: 'accept-difference', reasonCode: 'TIMING', justification: 'custodian books the lot on Monday', amount: '10', until: '2025-03-31' };
const acceptProposed: ExceptionEvent = {
  type: 'ResolutionProposed',
  data: { ...ref, proposalId: 'p1', maker: 'alice', ...accept, resolution: 'accept-difference up to 10 until 2025-03-31 (TIMING): custodian books the lot on Monday', proposedAt: NOW },
} as ExceptionEvent;
const approvedBy = (checker = 'carol'): ExceptionEvent => ({ type: 'ResolutionApproved', data: { ...ref, proposalId: 'p1', maker: 'alice', checker, approvedAt: NOW } });
const closedWith = (proposed: ExceptionEvent): ExceptionEvent => {
  const { proposalId, maker: _maker, proposedAt: _at, exceptionId: _id, assetId: _asset, ...terms } = (proposed as Extract<ExceptionEvent, { type: 'ResolutionProposed' }>).data;
  return { type: 'ExceptionClosed', data: { ...ref, ...terms, proposalId, closedAt: NOW } };
};
const reopenedBecause = (reason: string, figures: Record<string, string>, evidenceEventIds = ['e1', 'e2'], at = LATER): ExceptionEvent => ({
  type: 'ExceptionReopened',
  data: { ...ref, reason, reopenedBy: 'reconciler', severity: 'critical', figures, evidenceEventIds, asOf: at, reopenedAt: at },
});

describe('Resolution outcomes', () => {
  describe('When a maker proposes an outcome', () => {
    it('should record the outcome, its reason code and justification, with the terms in words', () =>
      given([raised]).when(propose(accept)).then([acceptProposed]));
    it.each([
      ['an unknown outcome', { ...accept, outcome: 'forget-it' }, 'outcome'],
      ['an unknown reason code', { ...accept, reasonCode: 'BORED' }, 'reasonCode'],
      ['no justification', { ...accept, justification: ' ' }, 'justification'],
      ['accept-difference without an amount', { ...accept, amount: undefined }, 'amount'],
      ['accept-difference with a negative amount', { ...accept, amount: '-1' }, 'amount'],
      ['accept-difference without a date', { ...accept, until: undefined }, 'until'],
      ['accept-difference with a date no calendar has', { ...accept, until: '2025-02-30' }, 'until'],
      ['accept-difference with an ISIN', { ...accept, isin: 'US0000000001' }, 'isin'],
      ['write-off with a date', { outcome: 'write-off', reasonCode: 'ROUNDING', justification: 'x', until: '2025-03-31' }, 'until'],
      ['ignore-instrument on a collateral break', { outcome: 'ignore-instrument', reasonCode: 'NOT_TOKENIZED', justification: 'x' }, 'outcome'],
      ['fixed-at-source with an amount', { outcome: 'fixed-at-source', reasonCode: 'CUSTODIAN_ERROR', justification: 'x', amount: '1' }, 'amount'],
    ])('should refuse %s, naming the field', (_name, terms, field) => {
      const refusal = refusalOf([raised], propose(terms));
      expect(refusal.code).toMatch(/^INVALID_/);
      expect(refusal.message).toMatch(new RegExp(`^${field}:`));
    });
    it('should refuse an accept-difference on a break with no difference', () =>
      expect(refusalOf([raisedWith({ breakType: 'stale-missing-statement', severity: 'medium', figures: { missingStatementDate: '2025-03-13' } })], propose(accept)).message).toMatch(/^outcome:/));
    it('should keep a free-text proposal as it was recorded before outcomes', () =>
      given([raised]).when(propose({ resolution: 'statement was late' })).then([
        { type: 'ResolutionProposed', data: { ...ref, proposalId: 'p1', maker: 'alice', resolution: 'statement was late', proposedAt: NOW } },
      ]));
  });

  describe('When a difference is accepted', () => {
    const history = [raised, acceptProposed, approvedBy(), closedWith(acceptProposed)];
    it('should close it on approval by another identity, with the terms', () =>
      given([raised, acceptProposed]).when(approve()).then([approvedBy(), closedWith(acceptProposed)]));
    it('should refuse approval by the maker', () => given([raised, acceptProposed]).when(approve('alice')).thenThrows('MAKER_CHECKER'));
    it('should stay closed while the reconciler sees the same difference', () => given(history).when(raiseAgain(sameBreak)).then([]));
    it('should stay closed while the difference moves within the accepted amount', () =>
      given(history).when(raiseAgain({ ...sameBreak, held: '992', difference: '-8' })).then([]));
    it('should stay closed on the last accepted day', () => given(history).when(raiseAgain(sameBreak, ['e1', 'e2'], '2025-03-31T23:59:00.000Z')).then([]));
    it('should reopen when the difference grows beyond the accepted amount, saying so', () => {
      const grown = { ...sameBreak, held: '988', difference: '-12' };
      return given(history).when(raiseAgain(grown)).then([reopenedBecause('difference 12 exceeds accepted 10', grown)]);
    });
    it('should reopen once the date has passed, saying so', () => {
      const at = '2025-04-01T00:00:00.000Z';
      return given(history).when(raiseAgain(sameBreak, ['e1', 'e2'], at)).then([reopenedBecause('acceptance expired 2025-03-31', sameBreak, ['e1', 'e2'], at)]);
    });
  });

  describe('When a difference is written off', () => {
    const writeOff = { outcome: 'write-off', reasonCode: 'BOOKING_ERROR', justification: 'booked twice in 2024, adjusted' };
    const proposed = {
      type: 'ResolutionProposed',
      data: { ...ref, proposalId: 'p1', maker: 'alice', ...writeOff, amount: '-10', resolution: 'write-off of -10 (BOOKING_ERROR): booked twice in 2024, adjusted', proposedAt: NOW },
    } as ExceptionEvent;
    const adjustment: ExceptionEvent = {
      type: 'AdjustmentRecorded',
      data: {
        ...ref, adjustmentId: 'p1', breakType: 'under-collateralized', subject: 'collateral', amount: '-10', reasonCode: 'BOOKING_ERROR',
        justification: 'booked twice in 2024, adjusted', proposedBy: 'alice', approvedBy: 'carol', recordedAt: NOW,
      },
    };
    const history = [raised, proposed, approvedBy(), adjustment, closedWith(proposed)];
    it('should take the whole difference when no amount is given', () => given([raised]).when(propose(writeOff)).then([proposed]));
    it('should record the adjusting entry with who proposed and who approved, and close', () =>
      given([raised, proposed]).when(approve()).then([approvedBy(), adjustment, closedWith(proposed)]));
    it('should stay closed while the difference net of the adjustment is within tolerance', () => given(history).when(raiseAgain(sameBreak)).then([]));
    it('should reopen when what remains after the adjustment exceeds tolerance', () => {
      const grown = { ...sameBreak, held: '985', difference: '-15' };
      return given(history).when(raiseAgain(grown)).then([reopenedBecause('difference -15 net of written-off -10 leaves -5, beyond tolerance 0.000001', grown)]);
    });
  });

  describe('When an instrument is ignored', () => {
    const ignore = { outcome: 'ignore-instrument', reasonCode: 'NOT_TOKENIZED', justification: 'bond held for the treasury, never tokenized' };
    const proposed = {
      type: 'ResolutionProposed',
      data: { ...ref, proposalId: 'p1', maker: 'alice', ...ignore, isin: 'US0000000001', resolution: 'ignore-instrument US0000000001 (NOT_TOKENIZED): bond held for the treasury, never tokenized', proposedAt: NOW },
    } as ExceptionEvent;
    it('should take the ISIN from the break', () => given([unknownInstrument]).when(propose(ignore)).then([proposed]));
    it('should refuse another ISIN than the break\'s', () =>
      expect(refusalOf([unknownInstrument], propose({ ...ignore, isin: 'US0000000002' })).message).toMatch(/^isin:/));
    it('should put the ISIN on the account\'s ignore list on approval by another identity', () =>
      given([unknownInstrument, proposed]).when(approve()).then([approvedBy(), {
        type: 'InstrumentIgnored',
        data: {
          ...ref, custodian: 'DEMOCHZZ', account: 'SAFE-1', isin: 'US0000000001', reasonCode: 'NOT_TOKENIZED',
          justification: 'bond held for the treasury, never tokenized', proposedBy: 'alice', approvedBy: 'carol', ignoredAt: NOW,
        },
      }, closedWith(proposed)]));
    it('should refuse approval by the maker', () => given([unknownInstrument, proposed]).when(approve('alice')).thenThrows('MAKER_CHECKER'));
  });

  describe('When a break was fixed at source', () => {
    const fixed = { outcome: 'fixed-at-source', reasonCode: 'CUSTODIAN_ERROR', justification: 'custodian corrects the statement' };
    const proposed = {
      type: 'ResolutionProposed',
      data: { ...ref, proposalId: 'p1', maker: 'alice', ...fixed, resolution: 'fixed-at-source (CUSTODIAN_ERROR): custodian corrects the statement', proposedAt: NOW },
    } as ExceptionEvent;
    const history = [raised, proposed, approvedBy(), closedWith(proposed)];
    it('should stay closed when the reconciler raises it on the evidence it was closed on', () => given(history).when(raiseAgain(sameBreak)).then([]));
    it('should reopen when the break is seen on newer evidence, naming it', () =>
      given(history).when(raiseAgain(sameBreak, ['e1', 'e7'])).then([reopenedBecause('seen again on evidence e7', sameBreak, ['e1', 'e7'])]));
    it('should take a new proposal once reopened', () =>
      given([...history, reopenedBecause('seen again on evidence e7', sameBreak, ['e1', 'e7'])]).when({ ...propose(fixed), data: { ...propose(fixed).data, proposalId: 'p2' } } as ExceptionCommand)
        .then([{ ...proposed, data: { ...proposed.data, proposalId: 'p2' } } as ExceptionEvent]));
  });

  describe('When a free-text resolution was closed before outcomes existed', () => {
    const history: ExceptionEvent[] = [
      raised,
      { type: 'ResolutionProposed', data: { ...ref, proposalId: 'p1', maker: 'alice', resolution: 'statement was late', proposedAt: NOW } },
      approvedBy(),
      { type: 'ExceptionClosed', data: { ...ref, proposalId: 'p1', resolution: 'statement was late', closedAt: NOW } },
    ];
    it('should count as fixed at source: the same evidence keeps it closed', () => given(history).when(raiseAgain(sameBreak)).then([]));
    it('should reopen on newer evidence', () =>
      given(history).when(raiseAgain(sameBreak, ['e9'])).then([reopenedBecause('seen again on evidence e9', sameBreak, ['e9'])]));
  });
});
