import { StatementCancelled } from '@recon/domain';
import { accountKey, AccountState, CustodyFact, foldCustody, Statement } from './custody-fold';

const statement = (asOf: string, reference: string, completeness: 'COMPLETE' | 'DELTA', lines: Record<string, string>, page = 1): CustodyFact => ({
  type: 'StatementReceived',
  data: {
    statementId: `${reference}-${page}`, custodian: 'BANK', account: 'ACC', statementReference: reference, page, lastPage: true, asOf, basis: 'SETTLED',
    completeness, positions: Object.entries(lines).map(([isin, quantity]) => ({ isin, quantity })), receivedAt: '2025-02-01T00:00:00Z',
  } as Statement,
});
const cancel = (reference: string): CustodyFact => ({
  type: 'StatementCancelled',
  data: { custodian: 'BANK', account: 'ACC', statementReference: reference, pages: [1], cancellationId: `C-${reference}`, asOf: '2025-02-02', cancelledAt: '2025-02-02T09:00:00Z' } as StatementCancelled['data'],
});
const KEY = accountKey('BANK', 'ACC');
const S1 = { date: '2025-02-01', reference: 'S1', basis: 'SETTLED' };
const stored = new Map<string, AccountState>([[KEY, {
  custodian: 'BANK', account: 'ACC', current: S1, previous: null,
  lines: new Map([['X', { ...S1, quantity: 100n * 10n ** 18n }]]),
}]]);

/** ISIN → "quantity@reference" of the account after the facts; null when it has no statement. */
function linesAfter(facts: CustodyFact[], from: ReadonlyMap<string, AccountState> = stored): Record<string, string> | null {
  const account = foldCustody(from, facts).get(KEY);
  if (!account) return null;
  return Object.fromEntries([...account.lines].map(([isin, line]) => [isin, `${line.quantity / 10n ** 18n}@${line.reference}`]));
}

describe('Folding a batch of custody facts over the stored accounts', () => {
  it('should replace every line with a later COMPLETE statement, and add a DELTA that follows to the new lines', () => {
    expect(linesAfter([statement('2025-02-02', 'S2', 'COMPLETE', { Y: '10' }), statement('2025-02-02', 'S3', 'DELTA', { Y: '5', Z: '-2' })]))
      .toEqual({ Y: '15@S3', Z: '-2@S3' });
  });

  it('should add a DELTA to the stored lines and keep the lines it does not name as they were stated', () => {
    expect(linesAfter([statement('2025-02-02', 'D1', 'DELTA', { Y: '5' }), statement('2025-02-03', 'D2', 'DELTA', { Y: '1' })])).toEqual({ X: '100@S1', Y: '6@D2' });
  });

  it('should add another page of the current statement, and replace on a re-issue under a new reference on the same date', () => {
    expect(linesAfter([statement('2025-02-01', 'S1', 'COMPLETE', { Z: '3' }, 2)])).toEqual({ X: '100@S1', Z: '3@S1' });
    expect(linesAfter([statement('2025-02-01', 'S9', 'COMPLETE', { Z: '3' })])).toEqual({ Z: '3@S9' });
  });

  it('should ignore an older statement, also one that a statement earlier in the batch made older', () => {
    expect(linesAfter([statement('2025-01-31', 'OLD', 'COMPLETE', { Y: '1' })])).toEqual({ X: '100@S1' });
    expect(linesAfter([statement('2025-02-05', 'NEW', 'COMPLETE', { Y: '1' }), statement('2025-02-04', 'LATE', 'COMPLETE', { Z: '1' })])).toEqual({ Y: '1@NEW' });
  });

  it('should restore the statement just before when the current one is cancelled, however many the batch moved through', () => {
    expect(linesAfter([statement('2025-02-02', 'S2', 'COMPLETE', { Y: '7' }), cancel('S2')])).toEqual({ X: '100@S1' });
    expect(linesAfter([statement('2025-02-02', 'S2', 'COMPLETE', { Y: '7' }), statement('2025-02-03', 'S3', 'COMPLETE', { Z: '9' }), cancel('S3')]))
      .toEqual({ Y: '7@S2' });
  });

  it('should leave the account without a statement when the one cancelled had none before it', () => {
    expect(linesAfter([cancel('S1')])).toBeNull();
    expect(linesAfter([statement('2025-02-02', 'N1', 'COMPLETE', { Y: '1' }), cancel('N1')], new Map())).toBeNull();
  });

  it('should forget a cancelled previous statement, and ignore a cancellation of a reference the account does not hold', () => {
    const moved = [statement('2025-02-02', 'S2', 'COMPLETE', { Y: '7' })];
    expect(foldCustody(stored, [...moved, cancel('S1')]).get(KEY)?.previous).toBeNull();
    expect(linesAfter([...moved, cancel('S1'), cancel('S2')])).toBeNull();
    expect(linesAfter([cancel('UNKNOWN')])).toEqual({ X: '100@S1' });
  });

  it('should refuse a statement that lists an ISIN twice', () => {
    const twice = statement('2025-02-02', 'S2', 'COMPLETE', {});
    (twice.data as { positions: unknown }).positions = [{ isin: 'X', quantity: '1' }, { isin: 'X', quantity: '2' }];
    expect(() => foldCustody(stored, [twice])).toThrow(/lists an ISIN twice/);
  });
});
