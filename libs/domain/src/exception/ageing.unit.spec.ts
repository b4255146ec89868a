import { ageBucket } from './ageing';
import { slaBreached, slaDueAt, SLA_HOURS } from './sla';

const RAISED = '2025-03-01T12:00:00.000Z';
const plus = (ms: number) => new Date(Date.parse(RAISED) + ms).toISOString();
const DAY = 86_400_000;

describe('Exception age and SLA', () => {
  describe('When bucketing the age at the boundaries', () => {
    it.each([
      [0, '0-1d'],
      [2 * DAY - 1, '0-1d'],
      [2 * DAY, '2-7d'],
      [8 * DAY - 1, '2-7d'],
      [8 * DAY, '8-30d'],
      [31 * DAY - 1, '8-30d'],
      [31 * DAY, '>30d'],
      [400 * DAY, '>30d'],
    ])('should put an age of %d ms in %s', (age, bucket) => expect(ageBucket(RAISED, plus(age))).toBe(bucket));
    it('should count a now before the raise as new', () => expect(ageBucket(RAISED, plus(-DAY))).toBe('0-1d'));
    it('should read offsets, not wall-clock text', () => expect(ageBucket('2025-03-01T23:00:00-02:00', '2025-03-04T00:59:59Z')).toBe('0-1d'));
    it('should refuse a time that is not ISO-8601', () => expect(() => ageBucket('1 March', RAISED)).toThrow('raisedAt'));
  });

  describe('When computing the SLA due time', () => {
    it.each([
      ['critical', '2025-03-01T16:00:00.000Z'],
      ['high', '2025-03-02T12:00:00.000Z'],
      ['medium', '2025-03-04T12:00:00.000Z'],
      ['low', '2025-03-11T12:00:00.000Z'],
    ] as const)('should give a %s exception until %s', (severity, due) => expect(slaDueAt(RAISED, severity)).toBe(due));
    it('should be shorter for every higher severity', () => expect([SLA_HOURS.critical, SLA_HOURS.high, SLA_HOURS.medium, SLA_HOURS.low]).toEqual([4, 24, 72, 240]));
    it('should not be breached exactly at the due time', () => expect(slaBreached(RAISED, 'critical', '2025-03-01T16:00:00.000Z')).toBe(false));
    it('should be breached a millisecond later', () => expect(slaBreached(RAISED, 'critical', '2025-03-01T16:00:00.001Z')).toBe(true));
  });
});
