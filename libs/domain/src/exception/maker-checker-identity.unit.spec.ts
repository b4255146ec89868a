import { DomainError, fold } from '../shared/decider';
import { meta } from '../testing/fixtures';
import { ExceptionCommand } from './commands';
import { exceptionDecider } from './decider';
import { ExceptionEvent } from './events';

/** The history is made by the decider itself, so this rule's test does not hang on event shapes. */
function historyOf(commands: readonly ExceptionCommand[]): ExceptionEvent[] {
  return commands.reduce<ExceptionEvent[]>((events, command) => [...events, ...exceptionDecider.decide(command, fold(exceptionDecider, events))], []);
}

const raise: ExceptionCommand = {
  type: 'RaiseException',
  data: { exceptionId: 'x1', assetId: 'aapl', breakType: 'under-collateralized', severity: 'critical', figures: { required: '1000', held: '990', difference: '-10' }, evidenceEventIds: ['e1'] },
  metadata: meta('reconciler'),
};
const propose: ExceptionCommand = { type: 'ProposeResolution', data: { exceptionId: 'x1', proposalId: 'p1', resolution: 'late settlement, now booked' }, metadata: meta('alice') };
const approveAs = (actor: string): ExceptionCommand => ({ type: 'ApproveResolution', data: { exceptionId: 'x1', proposalId: 'p1' }, metadata: meta(actor) });

describe('Exception maker-checker on the normalised identity', () => {
  const history = historyOf([raise, propose]);
  it.each([' alice', 'ALICE', '  Alice\t'])('should refuse the maker spelled "%s" as the checker', (spelling) => {
    let caught: unknown;
    try {
      exceptionDecider.decide(approveAs(spelling), fold(exceptionDecider, history));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect((caught as DomainError).code).toBe('MAKER_CHECKER');
  });
  it('should take a different person as the checker', () => {
    expect(exceptionDecider.decide(approveAs('carol'), fold(exceptionDecider, history)).map((e) => e.type)).toContain('ResolutionApproved');
  });
});
