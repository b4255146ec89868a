import { approvalRefusal } from '../src/change-rules';
import { formatDuration, parseDuration } from '../src/duration';

describe('approvalRefusal', () => {
  const change = { maker: 'Dev-Operator ', status: 'PENDING' as const };

  it('should refuse the maker, compared trimmed and case-folded as the API compares identities, even when an approver', () => {
    expect(approvalRefusal(change, { user: 'dev-operator', roles: ['approver'] })).toMatch(/^Maker-checker: you proposed this change/);
  });

  it('should refuse someone without the approver role, and offer approval to another approver', () => {
    expect(approvalRefusal(change, { user: 'dev-auditor', roles: ['auditor'] })).toBe('Only an approver can approve a change.');
    expect(approvalRefusal(change, { user: 'dev-approver', roles: ['approver'] })).toBeNull();
  });

  it('should have nothing to refuse once the change is decided', () => {
    expect(approvalRefusal({ ...change, status: 'APPROVED' }, { user: 'dev-operator', roles: ['operator'] })).toBeNull();
  });
});

describe('durations of the reconciliation policy', () => {
  it('should read what it writes and refuse text that is no duration', () => {
    expect(parseDuration('1d 4h 30m')).toEqual({ days: 1, hours: 4, minutes: 30 });
    expect(formatDuration(parseDuration('2h'))).toBe('2h');
    expect(formatDuration({ days: 0 })).toBe('0m');
    expect(parseDuration('')).toBeNull();
    expect(parseDuration('4h 1d')).toBeNull();
    expect(parseDuration('soon')).toBeNull();
  });
});
