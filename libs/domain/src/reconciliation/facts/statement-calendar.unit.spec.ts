import { DomainError } from '../../shared/decider';
import { dailyStatementCalendar } from './statement-calendar';

const SAFE = { custodian: 'bank', account: 'SAFE-1' };
const expectedAt = (now: string) => dailyStatementCalendar(7).expectedFor(SAFE, now);

describe('A daily statement calendar, due the next weekday at 07:00 UTC', () => {
  it.each([
    ['on a Friday after 07:00', '2025-03-14T09:30:00Z', '2025-03-13', '2025-03-14T07:00:00.000Z'],
    ['on a Friday before 07:00', '2025-03-14T06:59:59Z', '2025-03-12', '2025-03-13T07:00:00.000Z'],
    ['at 07:00 exactly', '2025-03-14T07:00:00Z', '2025-03-13', '2025-03-14T07:00:00.000Z'],
    ['on a Saturday', '2025-03-15T12:00:00Z', '2025-03-13', '2025-03-14T07:00:00.000Z'],
    ['on a Monday before 07:00', '2025-03-17T06:00:00Z', '2025-03-13', '2025-03-14T07:00:00.000Z'],
    ['on a Monday after 07:00', '2025-03-17T08:00:00Z', '2025-03-14', '2025-03-17T07:00:00.000Z'],
    ['on a Tuesday after 07:00', '2025-03-18T08:00:00+01:00', '2025-03-17', '2025-03-18T07:00:00.000Z'],
  ])('should expect, %s, the last statement already due', (_when, now, expectedDate, dueAt) => expect(expectedAt(now)).toEqual({ expectedDate, dueAt }));

  it('should refuse an hour outside the day', () => expect(() => dailyStatementCalendar(24)).toThrow(DomainError));
});
