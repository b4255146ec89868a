import { sign } from 'jsonwebtoken';
import request from 'supertest';
import { countsFor } from '@recon/read-models';
import { ApiHarness, KEYS, startApi, TOKEN_SECRET } from './api-harness';
import { fourEyes } from './four-eyes';
import { lastBusinessDay } from './test-clock';

jest.setTimeout(90_000);

const TOKEN = '0x3f0c0e9c1b2a9d5e4c3b2a1f0e9d8c7b6a5f4e3d';
const TEN_TOKENS = '10000000000000000000';
const DEFAULTS = {
  tolerance: '0.000001', stalenessDefault: { hours: 2 }, windows: { settlement: { days: 1 }, mintBurn: { days: 1 }, missingPage: { hours: 2 } }, agedSettlementCriticalAfter: { days: 5 },
};
/** Wide enough for the half-thousandth of a share the custodian's rounding leaves. */
const WIDE = { ...DEFAULTS, tolerance: '0.001' };
const NARROW = { ...DEFAULTS, tolerance: '0.0001' };

const bearer = (sub: string, roles: string[]) => ({ Authorization: `Bearer ${sign({ sub, roles }, TOKEN_SECRET, { algorithm: 'HS256', expiresIn: '1h' })}` });
const as = (key: string) => ({ 'X-API-Key': key });
/** A: the approver key's identity (dev-approver), as another client spells it. */
const approverA = bearer(' Dev-Approver ', ['approver']);
/** B: a second approver. */
const approverB = bearer('carol', ['approver']);

interface QueueItem {
  exceptionId: string;
  status: string;
  figures: Record<string, string>;
}

/**
 * The reconciliation policy set with four eyes, through the API: ten tokens minted, the custodian
 * holding 9.9995 shares, so the default tolerance (a millionth of a share) sees a critical
 * under-collateralization that a wider one would call rounding.
 */
describe('Reconciliation policy through the API', () => {
  let api: ApiHarness;
  const http = () => request(api.app.getHttpServer());
  const breaks = async (): Promise<QueueItem[]> => (await http().get('/exceptions?breakType=under-collateralized').set(as(KEYS.operator)).expect(200)).body.items;
  const policy = async () => (await http().get('/reconciliation/policy').set(as(KEYS.auditor)).expect(200)).body;
  const propose = async (body: object, who: Record<string, string> = as(KEYS.approver)): Promise<string> => {
    const { body: answer } = await http().post('/reconciliation/policy/proposals').set(who).send(body).expect(202);
    expect(answer).toEqual({ proposalId: expect.any(String), status: 'PENDING' });
    return answer.proposalId;
  };
  const approve = (proposalId: string, who: Record<string, string>) => http().post(`/reconciliation/policy/proposals/${proposalId}/approval`).set(who);

  beforeEach(async () => {
    api = await startApi();
    await http().post('/assets').set(as(KEYS.operator)).send({ assetId: 'bAAPL', isin: 'US0378331005', symbol: 'bAAPL', name: 'Apple Inc.', initialMultiplier: '1' }).expect(201);
    await fourEyes(api.app, http().post('/assets/bAAPL/deployments').set(as(KEYS.operator)).send({ chainId: 1, contractAddress: TOKEN, decimals: 18 }));
    await fourEyes(api.app, http().post('/assets/bAAPL/custody-accounts').set(as(KEYS.operator)).send({ custodian: 'DEMOCHZZ', account: 'SAFE-0001' }));
    await http().post('/issuance/mint-requests').set(as(KEYS.operator)).send({ requestId: 'MR-1', assetId: 'bAAPL', chainId: 1, amount: TEN_TOKENS }).expect(201);
    await http().post('/issuance/MR-1/mints').set(as(KEYS.operator))
      .send({ chainId: 1, txHash: `0x${'a'.repeat(64)}`, logIndex: 0, amount: TEN_TOKENS, blockNumber: 100, blockTime: '2026-11-20T10:00:00.000Z' }).expect(201);
    await fourEyes(api.app, http().post('/custody/statements').set(as(KEYS.operator)).send({
      custodian: 'DEMOCHZZ', account: 'SAFE-0001', statementReference: 'STMT-1', page: 1, lastPage: true, asOf: lastBusinessDay(),
      basis: 'SETTLED', completeness: 'COMPLETE', positions: [{ isin: 'US0378331005', quantity: '9.9995' }],
    }));
    await api.settled();
    expect((await breaks()).map((item) => [item.status, item.figures.difference])).toEqual([['OPEN', '-0.0005']]);
  });
  afterEach(async () => {
    await api.close();
  });

  it('should show the defaults in force and nothing pending before any proposal', async () =>
    expect(await policy()).toEqual({ effective: DEFAULTS }));

  describe('When A alone proposes a wider tolerance', () => {
    let proposalId: string;
    beforeEach(async () => {
      proposalId = await propose(WIDE);
      await api.settled();
    });

    it('should change nothing: the defaults stay in force, the proposal pending, the rounding break open', async () => {
      expect(await policy()).toEqual({ effective: DEFAULTS, pending: { proposalId, policy: WIDE, maker: 'dev-approver', proposedAt: expect.any(String) } });
      expect((await breaks()).map((item) => item.status)).toEqual(['OPEN']);
    });

    it('should refuse A\'s approval, however A spells the id (403 MAKER_CHECKER), and an operator\'s (403)', async () => {
      expect((await approve(proposalId, as(KEYS.approver)).expect(403)).body.error).toBe('MAKER_CHECKER');
      expect((await approve(proposalId, approverA).expect(403)).body.error).toBe('MAKER_CHECKER');
      await approve(proposalId, as(KEYS.operator)).expect(403);
      await api.settled();
      expect((await breaks()).map((item) => item.status)).toEqual(['OPEN']);
    });

    it('should wait in the pending-changes queue beside the other proposals, naming where a checker approves it', async () => {
      const queued = (await http().get('/changes?status=PENDING&kind=reconciliation-policy').set(as(KEYS.approver)).expect(200)).body;
      expect(queued).toEqual([expect.objectContaining({
        changeId: proposalId, kind: 'reconciliation-policy', status: 'PENDING', maker: 'dev-approver', payload: WIDE,
        approvalPath: `/reconciliation/policy/proposals/${proposalId}/approval`,
      })]);
    });

    it('should refuse a second proposal while this one waits (422)', async () => {
      expect((await http().post('/reconciliation/policy/proposals').set(as(KEYS.operator)).send(NARROW).expect(422)).body.error).toBe('PROPOSAL_PENDING');
    });

    describe('and B approves it', () => {
      beforeEach(async () => {
        await approve(proposalId, approverB).expect(201);
        await api.settled();
      });

      it('should put it in force at once, naming B, and clear the rounding break with no sweep', async () => {
        expect(await policy()).toEqual({ effective: { ...WIDE, approvedBy: 'carol', approvedAt: expect.any(String) } });
        expect((await breaks()).map((item) => item.status)).toEqual(['CLEARED']);
        const collateral = (await http().get('/collateralization/bAAPL').set(as(KEYS.regulator)).expect(200)).body;
        expect(collateral).toMatchObject({ requiredShares: '10', heldShares: '9.9995' });
      });

      it('should refuse to decide it again (422)', async () => {
        await approve(proposalId, bearer('dave', ['approver'])).expect(422);
        await http().post(`/reconciliation/policy/proposals/${proposalId}/rejection`).set(approverB).send({ reason: 'second thoughts' }).expect(422);
      });

      it('should date the approval, so an as-of replay before it judges by the policy in force then', async () => {
        const approval = (await api.store.readStream('reconciliation-policy')).find((event) => event.type === 'PolicyApproved')!;
        const approvedAt = (approval.data as { approvedAt: string }).approvedAt;
        expect(approval.metadata.businessTime).toBe(approvedAt);
        expect(countsFor({ businessTime: approvedAt })(approval)).toBe(false);
        expect(countsFor({ businessTime: new Date(Date.parse(approvedAt) + 1).toISOString() })(approval)).toBe(true);
      });

      it('should raise the break again when a narrower policy is approved in turn', async () => {
        const narrower = await propose(NARROW, as(KEYS.operator));
        await api.settled();
        expect((await breaks()).map((item) => item.status)).toEqual(['CLEARED']);
        await approve(narrower, approverB).expect(201);
        await api.settled();
        expect((await breaks()).map((item) => [item.status, item.figures.tolerance])).toEqual([['OPEN', '0.0001']]);
        expect((await policy()).effective).toMatchObject({ tolerance: '0.0001', approvedBy: 'carol' });
      });
    });
  });

  describe('When a proposal is rejected or withdrawn', () => {
    it('should need a reason, then record the rejection and leave the policy in force as it was', async () => {
      const proposalId = await propose(WIDE);
      const refused = await http().post(`/reconciliation/policy/proposals/${proposalId}/rejection`).set(approverB).send({}).expect(400);
      expect(refused.body.message.some((line: string) => line.startsWith('reason:'))).toBe(true);
      await http().post(`/reconciliation/policy/proposals/${proposalId}/rejection`).set(approverB).send({ reason: 'wider than the custodian\'s rounding needs' }).expect(201);
      await api.settled();
      expect(await policy()).toEqual({ effective: DEFAULTS });
      expect((await breaks()).map((item) => item.status)).toEqual(['OPEN']);
      const rejected = (await api.store.readStream('reconciliation-policy')).find((event) => event.type === 'PolicyRejected')!;
      expect(rejected.data).toMatchObject({ proposalId, rejectedBy: 'carol', reason: 'wider than the custodian\'s rounding needs' });
    });

    it('should let its maker withdraw it, but not another operator reject it', async () => {
      const proposalId = await propose(WIDE, as(KEYS.operator));
      expect((await http().post(`/reconciliation/policy/proposals/${proposalId}/rejection`).set(bearer('dave', ['operator'])).send({ reason: 'not mine' }).expect(403)).body.error)
        .toBe('FORBIDDEN');
      await http().post(`/reconciliation/policy/proposals/${proposalId}/rejection`).set(as(KEYS.operator)).send({ reason: 'typed the wrong tolerance' }).expect(201);
      expect(await policy()).toEqual({ effective: DEFAULTS });
    });

    it('should answer 404 for a proposal that does not exist', async () => {
      expect((await approve('nope', approverB).expect(404)).body.error).toBe('PROPOSAL_NOT_FOUND');
    });
  });

  describe('When a proposal is malformed', () => {
    it.each([
      ['tolerance', { ...DEFAULTS, tolerance: '-0.001' }],
      ['tolerance', { ...DEFAULTS, tolerance: '0.0000000000000000001' }],
      ['tolerance', { ...DEFAULTS, tolerance: 0.001 }],
      ['stalenessDefault', { ...DEFAULTS, stalenessDefault: {} }],
      ['windows.settlement', { ...DEFAULTS, windows: { ...DEFAULTS.windows, settlement: { days: 0 } } }],
      ['windows.mintBurn.hours', { ...DEFAULTS, windows: { ...DEFAULTS.windows, mintBurn: { hours: -1 } } }],
      ['windows.missingPage.minutes', { ...DEFAULTS, windows: { ...DEFAULTS.windows, missingPage: { minutes: 1.5 } } }],
      ['agedSettlementCriticalAfter', { ...DEFAULTS, agedSettlementCriticalAfter: undefined }],
      ['approvedBy', { ...DEFAULTS, approvedBy: 'dev-approver' }],
    ])('should answer 400 naming %s, and record nothing', async (field, body) => {
      const { body: refusal } = await http().post('/reconciliation/policy/proposals').set(as(KEYS.operator)).send(body).expect(400);
      expect(refusal.message.some((line: string) => line.startsWith(`${field}:`) || line.startsWith(`${field} `))).toBe(true);
      expect(await policy()).toEqual({ effective: DEFAULTS });
    });
  });
});
