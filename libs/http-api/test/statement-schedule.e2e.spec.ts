import { sign } from 'jsonwebtoken';
import request from 'supertest';
import { ApiHarness, KEYS, startApi, TOKEN_SECRET } from './api-harness';
import { fourEyes } from './four-eyes';

jest.setTimeout(60_000);

const ACCOUNT = { custodian: 'DEMOCHZZ', account: 'SAFE-0001' };
const PATH = `/custody/accounts/${ACCOUNT.custodian}/${ACCOUNT.account}`;
/** New York, statements due at 18:00 local on the next business day, Independence Day 2025 (Friday 4 July) a holiday, two hours' grace. */
const SCHEDULE = {
  frequency: 'DAILY', cutOff: '18:00', timezone: 'America/New_York', calendar: { weekend: ['SAT', 'SUN'], holidays: ['2025-07-04'] }, grace: { hours: 2 },
};

interface QueueItem {
  exceptionId: string;
  status: string;
  figures: Record<string, string>;
}

/**
 * Timeliness per account through the API: a schedule set with four eyes, then the store's clock
 * and the reconciler's sweeps placed around the holiday-shifted due time of Thursday 3 July's
 * statement (due Monday 7 July at 18:00 New York time, 22:00 UTC; stale from 00:00 UTC).
 */
describe('Statement schedule through the API', () => {
  let api: ApiHarness;
  let clock = new Date('2025-07-02T09:30:00Z');
  const http = () => request(api.app.getHttpServer());
  const as = (key: string) => ({ 'X-API-Key': key });
  const carol = { Authorization: `Bearer ${sign({ sub: 'carol', roles: ['approver'] }, TOKEN_SECRET, { algorithm: 'HS256', expiresIn: '1h' })}` };
  const statement = (asOf: string, at: string) => {
    clock = new Date(at);
    return fourEyes(api.app, http().post('/custody/statements').set(as(KEYS.operator))
      .send({ ...ACCOUNT, statementReference: `STMT-${asOf}`, page: 1, lastPage: true, asOf, basis: 'SETTLED', completeness: 'COMPLETE', positions: [] }));
  };
  const stale = async (): Promise<QueueItem[]> =>
    (await http().get('/exceptions?breakType=stale-missing-statement').set(as(KEYS.operator)).expect(200)).body.items;

  beforeEach(async () => {
    clock = new Date('2025-07-02T09:30:00Z');
    api = await startApi({}, { clock: () => clock });
    await http().post('/assets').set(as(KEYS.operator)).send({ assetId: 'bAAPL', isin: 'US0378331005', symbol: 'bAAPL', name: 'Apple Inc.', initialMultiplier: '1' }).expect(201);
    await fourEyes(api.app, http().post('/assets/bAAPL/custody-accounts').set(as(KEYS.operator)).send(ACCOUNT));
    await statement('2025-07-01', '2025-07-02T09:30:00Z');
  });
  afterEach(async () => {
    await api.close();
  });

  describe('When a schedule is proposed', () => {
    let proposalId: string;
    beforeEach(async () => {
      proposalId = (await http().post(`${PATH}/schedule-proposals`).set(as(KEYS.approver)).send(SCHEDULE).expect(201)).body.proposalId;
    });

    it('should keep it pending, the account still on the default calendar', async () => {
      const { body } = await http().get(`${PATH}/schedule`).set(as(KEYS.auditor)).expect(200);
      expect(body).toMatchObject({ ...ACCOUNT, current: null, pending: [{ proposalId, maker: 'dev-approver', schedule: SCHEDULE }] });
    });

    it('should refuse the maker\'s own approval (403) and an operator\'s (403), then take another approver\'s', async () => {
      expect((await http().post(`${PATH}/schedule-proposals/${proposalId}/approval`).set(as(KEYS.approver)).expect(403)).body.error).toBe('MAKER_CHECKER');
      await http().post(`${PATH}/schedule-proposals/${proposalId}/approval`).set(as(KEYS.operator)).expect(403);
      await http().post(`${PATH}/schedule-proposals/${proposalId}/approval`).set(carol).expect(201);
      const { body } = await http().get(`${PATH}/schedule`).set(as(KEYS.operator)).expect(200);
      expect(body).toMatchObject({ current: { proposalId, schedule: SCHEDULE, maker: 'dev-approver', checker: 'carol' }, pending: [] });
      // Decided once: neither approved again nor rejected.
      await http().post(`${PATH}/schedule-proposals/${proposalId}/rejection`).set(carol).send({ reason: 'late thoughts' }).expect(422);
    });

    it('should take a rejection with its reason, and refuse one without', async () => {
      const refused = await http().post(`${PATH}/schedule-proposals/${proposalId}/rejection`).set(carol).send({}).expect(400);
      expect(refused.body.message.some((line: string) => line.startsWith('reason:'))).toBe(true);
      await http().post(`${PATH}/schedule-proposals/${proposalId}/rejection`).set(carol).send({ reason: 'cut-off is 17:30' }).expect(201);
      expect((await http().get(`${PATH}/schedule`).set(as(KEYS.operator)).expect(200)).body).toMatchObject({ current: null, pending: [] });
    });

    it('should judge the account by the schedule as soon as it is approved, with no sweep', async () => {
      // 01:00 UTC on 4 July: 2 July's statement was due on the 3rd at 18:00 New York time (22:00 UTC), two hours' grace ago.
      clock = new Date('2025-07-04T01:00:00Z');
      await http().post(`${PATH}/schedule-proposals/${proposalId}/approval`).set(carol).expect(201);
      await api.settled();
      expect((await stale()).map((item) => [item.status, item.figures])).toEqual([
        ['OPEN', { missingStatementDate: '2025-07-02', dueAt: '2025-07-03T22:00:00.000Z', lastReceivedDate: '2025-07-01' }],
      ]);
    });

    it('should answer 404 for a proposal that does not exist', async () => {
      expect((await http().post(`${PATH}/schedule-proposals/nope/approval`).set(carol).expect(404)).body.error).toBe('PROPOSAL_NOT_FOUND');
    });
  });

  describe('When a proposal is malformed or names an unknown account', () => {
    it.each([
      ['timezone', { ...SCHEDULE, timezone: 'Mars/Olympus_Mons' }],
      ['cutOff', { ...SCHEDULE, cutOff: '25:00' }],
      ['calendar.holidays', { ...SCHEDULE, calendar: { weekend: ['SAT', 'SUN'], holidays: ['4 July'] } }],
      ['calendar.holidays[0]', { ...SCHEDULE, calendar: { weekend: ['SAT', 'SUN'], holidays: ['2025-02-30'] } }],
      ['weekday', { ...SCHEDULE, frequency: 'WEEKLY' }],
    ])('should answer 400 naming %s', async (field, body) => {
      const { body: refusal } = await http().post(`${PATH}/schedule-proposals`).set(as(KEYS.operator)).send(body).expect(400);
      expect(refusal.message.some((line: string) => line.startsWith(`${field}:`))).toBe(true);
    });

    it('should answer 404 for an account with no link and no statement', async () => {
      await http().post('/custody/accounts/DEMOCHZZ/SAFE-9999/schedule-proposals').set(as(KEYS.operator)).send(SCHEDULE).expect(404);
      await http().get('/custody/accounts/DEMOCHZZ/SAFE-9999/schedule').set(as(KEYS.operator)).expect(404);
    });
  });

  describe('Given the schedule approved and the statements of 1 and 2 July received', () => {
    beforeEach(async () => {
      const { proposalId } = (await http().post(`${PATH}/schedule-proposals`).set(as(KEYS.operator)).send(SCHEDULE).expect(201)).body;
      await http().post(`${PATH}/schedule-proposals/${proposalId}/approval`).set(carol).expect(201);
      await statement('2025-07-02', '2025-07-03T21:00:00Z');
      await api.settled();
    });

    it('should raise no stale statement before 3 July\'s shifted due time and grace, raise it after with its figures, and clear it on arrival', async () => {
      // The default calendar, or no holiday, would have had 3 July's statement due on the 4th.
      await api.sweepAt(new Date('2025-07-05T12:00:00Z'));
      await api.sweepAt(new Date('2025-07-07T23:59:59Z'));
      expect(await stale()).toEqual([]);

      await api.sweepAt(new Date('2025-07-08T00:00:01Z'));
      const [raised, ...more] = await stale();
      expect(more).toEqual([]);
      expect(raised).toMatchObject({
        status: 'OPEN', figures: { missingStatementDate: '2025-07-03', dueAt: '2025-07-07T22:00:00.000Z', lastReceivedDate: '2025-07-02' },
      });

      await statement('2025-07-03', '2025-07-08T01:00:00Z');
      await api.sweepAt(new Date('2025-07-08T01:00:01Z'));
      expect((await stale()).map((item) => [item.exceptionId, item.status])).toEqual([[raised!.exceptionId, 'CLEARED']]);
    });
  });
});
