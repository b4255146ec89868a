import { specification } from '../testing/decider-specification';
import { meta, NOW } from '../testing/fixtures';
import { ScheduleCommand } from './commands';
import { scheduleDecider } from './decider';
import { ScheduleEvent } from './events';
import { StatementSchedule } from './schedule';

const { given } = specification(scheduleDecider);
const ACCOUNT = { custodian: 'CUSTCHZZ', account: 'SAFE-1' };
const SCHEDULE: StatementSchedule = {
  frequency: 'DAILY', cutOff: '18:00', timezone: 'America/New_York', calendar: { weekend: ['SAT', 'SUN'], holidays: ['2025-07-04'] }, grace: { hours: 2 },
};
const LATER = '2025-03-14T10:00:00.000Z';

const propose = (schedule: StatementSchedule = SCHEDULE, actor = 'alice', proposalId = 'P-1'): ScheduleCommand =>
  ({ type: 'ProposeStatementSchedule', data: { ...ACCOUNT, proposalId, schedule }, metadata: meta(actor) });
const approve = (actor = 'bob', proposalId = 'P-1'): ScheduleCommand => ({ type: 'ApproveStatementSchedule', data: { ...ACCOUNT, proposalId }, metadata: meta(actor, LATER) });
const reject = (reason = 'wrong cut-off', actor = 'bob', proposalId = 'P-1'): ScheduleCommand =>
  ({ type: 'RejectStatementSchedule', data: { ...ACCOUNT, proposalId, reason }, metadata: meta(actor, LATER) });

const proposed: ScheduleEvent = { type: 'StatementScheduleProposed', data: { ...ACCOUNT, proposalId: 'P-1', schedule: SCHEDULE, maker: 'alice', proposedAt: NOW } };
const approved: ScheduleEvent = {
  type: 'StatementScheduleApproved', data: { ...ACCOUNT, proposalId: 'P-1', schedule: SCHEDULE, maker: 'alice', checker: 'bob', approvedAt: LATER },
};
const rejected: ScheduleEvent = { type: 'StatementScheduleRejected', data: { ...ACCOUNT, proposalId: 'P-1', maker: 'alice', rejectedBy: 'bob', reason: 'wrong cut-off', rejectedAt: LATER } };

describe('Statement schedule (four eyes)', () => {
  describe('When a maker proposes a schedule', () => {
    it('should record the proposal, which changes nothing yet', () => given([]).when(propose()).then([proposed]));
    it('should add nothing for the same proposal again', () => given([proposed]).when(propose()).then([]));
    it('should refuse a second proposal while one awaits a checker', () => given([proposed]).when(propose(SCHEDULE, 'alice', 'P-2')).thenThrows('PROPOSAL_PENDING'));
    it('should accept a new proposal once the last was decided', () =>
      given([proposed, rejected]).when(propose(SCHEDULE, 'alice', 'P-2')).then([{ ...proposed, data: { ...proposed.data, proposalId: 'P-2' } }]));
    it('should keep the timezone in its canonical spelling, holidays sorted and the weekend in week order', () =>
      given([]).when(propose({ ...SCHEDULE, timezone: 'america/new_york', calendar: { weekend: ['SUN', 'SAT'], holidays: ['2025-12-25', '2025-07-04', '2025-07-04'] } }))
        .then([{ ...proposed, data: { ...proposed.data, schedule: { ...SCHEDULE, calendar: { weekend: ['SAT', 'SUN'], holidays: ['2025-07-04', '2025-12-25'] } } } }]));
  });

  describe('When the proposal is malformed', () => {
    const refusal = (schedule: StatementSchedule) => {
      try {
        scheduleDecider.decide(propose(schedule), scheduleDecider.initialState());
      } catch (error) {
        return (error as Error).message;
      }
      return 'accepted';
    };
    it.each([
      ['an unknown timezone', { ...SCHEDULE, timezone: 'Mars/Olympus_Mons' }, 'timezone:'],
      ['a cut-off past the day', { ...SCHEDULE, cutOff: '24:00' }, 'cutOff:'],
      ['a cut-off without minutes', { ...SCHEDULE, cutOff: '18' }, 'cutOff:'],
      ['a holiday that is no date', { ...SCHEDULE, calendar: { weekend: ['SAT', 'SUN'], holidays: ['2025-02-30'] } }, 'calendar.holidays[0]:'],
      ['an unknown weekend day', { ...SCHEDULE, calendar: { weekend: ['SAT', 'SONNTAG'], holidays: [] } }, 'calendar.weekend[1]:'],
      ['a week without business days', { ...SCHEDULE, calendar: { weekend: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'], holidays: [] } }, 'calendar.weekend:'],
      ['an unknown frequency', { ...SCHEDULE, frequency: 'HOURLY' }, 'frequency:'],
      ['a weekly one without its weekday', { ...SCHEDULE, frequency: 'WEEKLY' }, 'weekday:'],
      ['a weekly one on a weekend day', { ...SCHEDULE, frequency: 'WEEKLY', weekday: 'SAT' }, 'weekday:'],
      ['a daily one naming a weekday', { ...SCHEDULE, weekday: 'MON' }, 'weekday:'],
      ['a negative grace', { ...SCHEDULE, grace: { hours: -1 } }, 'grace.hours:'],
      ['an empty grace', { ...SCHEDULE, grace: {} }, 'grace:'],
    ] as [string, StatementSchedule, string][])('should refuse %s, naming the field', (_what, schedule, field) => {
      given([]).when(propose(schedule)).thenThrows('INVALID_FIELD');
      expect(refusal(schedule)).toMatch(new RegExp(`^${field.replace(/[[\]]/g, '\\$&')}`));
    });
  });

  describe('When a checker approves', () => {
    it('should put the schedule in force, naming maker and checker', () => given([proposed]).when(approve()).then([approved]));
    it('should refuse the maker approving their own proposal', () => given([proposed]).when(approve('alice')).thenThrows('MAKER_CHECKER'));
    it('should refuse the maker whatever case or surrounding spaces their id comes with', () => given([proposed]).when(approve(' ALICE ')).thenThrows('MAKER_CHECKER'));
    it('should tell the maker apart whatever case or spaces the id came with', () => given([proposed]).when(approve(' Alice ')).thenThrows('MAKER_CHECKER'));
    it('should refuse an unknown proposal', () => given([proposed]).when(approve('bob', 'P-9')).thenThrows('PROPOSAL_NOT_FOUND'));
    it('should refuse a proposal already approved', () => given([proposed, approved]).when(approve('carol')).thenThrows('PROPOSAL_DECIDED'));
    it('should refuse a proposal already rejected', () => given([proposed, rejected]).when(approve()).thenThrows('PROPOSAL_DECIDED'));
  });

  describe('When a checker rejects', () => {
    it('should record why, leaving the schedule in force as it was', () => given([proposed]).when(reject()).then([rejected]));
    it('should need a reason', () => given([proposed]).when(reject(' ')).thenThrows('INVALID_FIELD'));
    it('should refuse an unknown proposal', () => given([]).when(reject()).thenThrows('PROPOSAL_NOT_FOUND'));
    it('should refuse a proposal already decided', () => given([proposed, approved]).when(reject()).thenThrows('PROPOSAL_DECIDED'));
  });

  describe('When a schedule is in force and another is proposed', () => {
    it('should keep the one in force until the new one is approved', () => {
      const state = [proposed, approved, { ...proposed, data: { ...proposed.data, proposalId: 'P-2', schedule: { ...SCHEDULE, cutOff: '19:00' } } }]
        .reduce(scheduleDecider.evolve, scheduleDecider.initialState());
      expect(state.current?.schedule.cutOff).toBe('18:00');
      expect(state.pending?.proposalId).toBe('P-2');
    });
  });
});
