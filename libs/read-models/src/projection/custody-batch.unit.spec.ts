import { parseShares } from '@recon/domain';
import { accountKey, CustodyFact, planStatements, roundsOf, Statement } from './custody-batch';

const statement = (asOf: string, reference: string, completeness: 'COMPLETE' | 'DELTA', lines: Record<string, string>, page = 1): Statement => ({
  statementId: `${reference}-${page}`, custodian: 'BANK', account: 'ACC', statementReference: reference, page, lastPage: true, asOf, basis: 'SETTLED',
  completeness, positions: Object.entries(lines).map(([isin, quantity]) => ({ isin, quantity })), receivedAt: '2025-02-01T00:00:00Z',
});
const stored = new Map([[accountKey('BANK', 'ACC'), { date: '2025-02-01', reference: 'S1' }]]);
const lines = (plan: ReturnType<typeof planStatements>) =>
  Object.fromEntries(plan.positions.map((p) => [p.isin, `${p.relative ? '+' : '='}${p.quantity / parseShares('1')}@${p.statementReference}`]));

describe('planStatements', () => {
  it('a later COMPLETE statement replaces the account; its DELTA that follows adds to the new lines', () => {
    const plan = planStatements(stored, [statement('2025-02-02', 'S2', 'COMPLETE', { X: '10' }), statement('2025-02-02', 'S3', 'DELTA', { X: '5', Y: '-2' })]);
    expect(plan.replaced).toEqual([{ custodian: 'BANK', account: 'ACC' }]);
    expect(lines(plan)).toEqual({ X: '=15@S3', Y: '=-2@S3' });
    expect(plan.accounts).toEqual([expect.objectContaining({ statementDate: '2025-02-02', statementReference: 'S3' })]);
  });

  it('a DELTA on stored lines adds to them; a second DELTA in the batch adds to the first', () => {
    const plan = planStatements(stored, [statement('2025-02-01', 'D1', 'DELTA', { X: '5' }), statement('2025-02-03', 'D2', 'DELTA', { X: '1' })]);
    expect(plan.replaced).toEqual([]);
    expect(lines(plan)).toEqual({ X: '+6@D2' });
  });

  it('another page of the current statement adds its lines; a re-issue on the same date replaces', () => {
    expect(lines(planStatements(stored, [statement('2025-02-01', 'S1', 'COMPLETE', { Z: '3' }, 2)]))).toEqual({ Z: '=3@S1' });
    expect(planStatements(stored, [statement('2025-02-01', 'S1', 'COMPLETE', { Z: '3' }, 2)]).replaced).toEqual([]);
    expect(planStatements(stored, [statement('2025-02-01', 'S9', 'COMPLETE', { Z: '3' })]).replaced).toHaveLength(1);
  });

  it('ignores an older statement, also one that a statement earlier in the batch made older', () => {
    expect(planStatements(stored, [statement('2025-01-31', 'OLD', 'COMPLETE', { X: '1' })])).toEqual({ replaced: [], accounts: [], positions: [] });
    const plan = planStatements(new Map(), [statement('2025-02-05', 'NEW', 'COMPLETE', { X: '1' }), statement('2025-02-04', 'LATE', 'COMPLETE', { Y: '1' })]);
    expect(lines(plan)).toEqual({ X: '=1@NEW' });
  });
});

describe('roundsOf', () => {
  const received = (data: Statement): CustodyFact => ({ type: 'StatementReceived', data });
  const cancel: CustodyFact = { type: 'StatementCancelled', data: { custodian: 'BANK', account: 'ACC', statementReference: 'S2', pages: [1], cancellationId: 'X', asOf: '2025-02-02', cancelledAt: '2025-02-02T09:00:00Z' } };
  const references = (rounds: ReturnType<typeof roundsOf>) => rounds.map((round) => (Array.isArray(round) ? round.map((s: Statement) => `${s.statementReference}/${s.page}`) : `cancel ${(round as { statementReference: string }).statementReference}`));

  it('keeps the pages of one statement together and starts a round at an account\'s second statement and around a cancellation', () => {
    const p1 = received(statement('2025-02-02', 'S2', 'COMPLETE', { X: '1' }, 1));
    const p2 = received(statement('2025-02-02', 'S2', 'COMPLETE', { Y: '1' }, 2));
    const next = received(statement('2025-02-03', 'S3', 'COMPLETE', { X: '2' }));
    expect(references(roundsOf([p1, p2, next, cancel, p1]))).toEqual([['S2/1', 'S2/2'], ['S3/1'], 'cancel S2', ['S2/1']]);
  });
});
