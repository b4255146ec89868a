import { StatementSchedule } from '../../schedule/schedule';
import { scheduledStatementCalendar } from './scheduled-calendar';

const SAFE = { custodian: 'bank', account: 'SAFE-1' };
const NEW_YORK: StatementSchedule = {
  frequency: 'DAILY', cutOff: '18:00', timezone: 'America/New_York', calendar: { weekend: ['SAT', 'SUN'], holidays: ['2025-07-04'] }, grace: { hours: 2 },
};
const expectedAt = (schedule: StatementSchedule, now: string) => scheduledStatementCalendar(schedule).expectedFor(SAFE, now);

describe('A statement calendar from an account\'s schedule', () => {
  describe('When daily in New York at 18:00 local, with Friday 4 July 2025 a holiday', () => {
    it.each([
      ['on Thursday before the cut-off: Tuesday\'s', '2025-07-03T21:59:00Z', '2025-07-01', '2025-07-02T22:00:00.000Z'],
      ['on Thursday at the cut-off: Wednesday\'s', '2025-07-03T22:00:00Z', '2025-07-02', '2025-07-03T22:00:00.000Z'],
      ['on the holiday: still Wednesday\'s (Thursday\'s is due on the next business day)', '2025-07-04T23:00:00Z', '2025-07-02', '2025-07-03T22:00:00.000Z'],
      ['on Monday before the cut-off: still Wednesday\'s', '2025-07-07T21:59:59Z', '2025-07-02', '2025-07-03T22:00:00.000Z'],
      ['on Monday at the cut-off: Thursday\'s, the holiday being no statement date', '2025-07-07T22:00:00Z', '2025-07-03', '2025-07-07T22:00:00.000Z'],
      ['on Tuesday after the cut-off: Monday\'s', '2025-07-08T23:30:00Z', '2025-07-07', '2025-07-08T22:00:00.000Z'],
    ])('should expect, %s', (_when, now, expectedDate, dueAt) => expect(expectedAt(NEW_YORK, now)).toEqual({ expectedDate, dueAt }));

    it('should follow the zone\'s winter offset (EST, UTC-5)', () =>
      expect(expectedAt(NEW_YORK, '2025-01-17T12:00:00Z')).toEqual({ expectedDate: '2025-01-15', dueAt: '2025-01-16T23:00:00.000Z' }));
  });

  describe('When daily in Zurich at 09:00 local across the change to summer time (30 March 2025)', () => {
    const zurich: StatementSchedule = { ...NEW_YORK, cutOff: '09:00', timezone: 'Europe/Zurich', calendar: { weekend: ['SAT', 'SUN'], holidays: [] } };
    it('should be due at 08:00 UTC before it', () => expect(expectedAt(zurich, '2025-03-28T12:00:00Z')).toEqual({ expectedDate: '2025-03-27', dueAt: '2025-03-28T08:00:00.000Z' }));
    it('should be due at 07:00 UTC after it', () => expect(expectedAt(zurich, '2025-03-31T07:00:00Z')).toEqual({ expectedDate: '2025-03-28', dueAt: '2025-03-31T07:00:00.000Z' }));
    it('should judge the local date, not the UTC one', () =>
      expect(expectedAt(zurich, '2025-03-31T06:59:00Z')).toEqual({ expectedDate: '2025-03-27', dueAt: '2025-03-28T08:00:00.000Z' }));
  });

  describe('When weekly on Fridays', () => {
    const weekly: StatementSchedule = { ...NEW_YORK, frequency: 'WEEKLY', weekday: 'FRI' };
    it('should expect the last Friday already due', () =>
      expect(expectedAt(weekly, '2025-07-15T12:00:00Z')).toEqual({ expectedDate: '2025-07-11', dueAt: '2025-07-14T22:00:00.000Z' }));
    it('should skip a week whose Friday is a holiday', () =>
      expect(expectedAt(weekly, '2025-07-14T12:00:00Z')).toEqual({ expectedDate: '2025-06-27', dueAt: '2025-06-30T22:00:00.000Z' }));
  });

  describe('When monthly, on the last business day', () => {
    const monthly: StatementSchedule = { ...NEW_YORK, frequency: 'MONTHLY' };
    it('should expect the month\'s last business day, due the next business day', () =>
      expect(expectedAt(monthly, '2025-06-10T12:00:00Z')).toEqual({ expectedDate: '2025-05-30', dueAt: '2025-06-02T22:00:00.000Z' }));
    it('should move to the day before when the last one is a holiday', () =>
      expect(expectedAt({ ...monthly, calendar: { weekend: ['SAT', 'SUN'], holidays: ['2025-05-30'] } }, '2025-06-10T12:00:00Z'))
        .toEqual({ expectedDate: '2025-05-29', dueAt: '2025-06-02T22:00:00.000Z' }));
  });

  describe('When the weekend is Friday and Saturday', () => {
    it('should expect Thursday\'s on Sunday', () =>
      expect(expectedAt({ ...NEW_YORK, calendar: { weekend: ['FRI', 'SAT'], holidays: [] } }, '2025-07-13T23:00:00Z'))
        .toEqual({ expectedDate: '2025-07-10', dueAt: '2025-07-13T22:00:00.000Z' }));
  });
});
