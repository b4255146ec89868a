import { sign } from 'jsonwebtoken';
import request from 'supertest';
import { ApiHarness, KEYS, startApi, TOKEN_SECRET } from './api-harness';
import { approveChange, fourEyes } from './four-eyes';
import { eventually, lastBusinessDay } from './test-clock';

jest.setTimeout(120_000);

const APPLE = 'US0378331005';
const asset = { assetId: 'bAAPL', isin: APPLE, symbol: 'bAAPL', name: 'Apple Inc.', initialMultiplier: '1' };
const TOKEN = '0x3f0c0e9c1b2a9d5e4c3b2a1f0e9d8c7b6a5f4e3d';
const TEN_TOKENS = '10000000000000000000';
const ACCOUNT = { custodian: 'DEMOCHZZ', account: 'SAFE-0001' };
const SECOND = { custodian: 'DEMOCHZZ', account: 'SAFE-0002' };
const bearer = (sub: string, roles: string[]) => ({ Authorization: `Bearer ${sign({ sub, roles }, TOKEN_SECRET, { algorithm: 'HS256', expiresIn: '1h' })}` });

interface Figures { requiredShares: string; heldShares: string }

/**
 * Issue 16's "done when": every path that can change collateralization figures by hand (docs/controls.md)
 * is a proposal that one identity alone cannot carry out. For each: the figures (or, where a path
 * changes no figure on its own, the data they are computed from) are unchanged after the proposal,
 * the maker's own approval is refused whatever case or spaces their name comes with, and a second
 * identity's approval changes them; a rejection with a reason changes nothing.
 */
describe('Four eyes on every manual path to the collateralization figures', () => {
  let api: ApiHarness;
  /** When the tokens were minted, after the asset was registered: the instant the figures are judged at. */
  let mintedAt = '';
  const http = () => request(api.app.getHttpServer());
  const as = (key: string) => ({ 'X-API-Key': key });
  const statement = (reference: string, quantity: string, account = ACCOUNT, asOf = lastBusinessDay()) => ({
    ...account, statementReference: reference, page: 1, lastPage: true, asOf, basis: 'SETTLED', completeness: 'COMPLETE', positions: [{ isin: APPLE, quantity }],
  });
  const figures = async (): Promise<Figures> => {
    await api.settled();
    return (await http().get('/collateralization/bAAPL').set(as(KEYS.auditor)).expect(200)).body;
  };
  const propose = async (path: string, body: object, maker: Record<string, string> = as(KEYS.operator)): Promise<string> => {
    const response = await http().post(path).set(maker).send(body).expect(202);
    expect(response.body).toEqual({ changeId: expect.any(String), status: 'PENDING' });
    return response.body.changeId;
  };
  const change = async (changeId: string) => (await http().get(`/changes/${changeId}`).set(as(KEYS.auditor)).expect(200)).body;
  const eventsOf = async (stream: string, type: string) => (await api.store.readStream(stream)).filter((e) => e.type === type);

  beforeAll(async () => {
    api = await startApi();
    await http().post('/assets').set(as(KEYS.operator)).send(asset).expect(201);
    await fourEyes(api.app, http().post('/assets/bAAPL/deployments').set(as(KEYS.operator)).send({ chainId: 1, contractAddress: TOKEN, decimals: 18 }));
    await fourEyes(api.app, http().post('/assets/bAAPL/custody-accounts').set(as(KEYS.operator)).send(ACCOUNT));
    mintedAt = new Date().toISOString();
    await http().post('/issuance/mint-requests').set(as(KEYS.operator)).send({ requestId: 'MR-1', assetId: 'bAAPL', chainId: 1, amount: TEN_TOKENS }).expect(201);
    await http().post('/issuance/MR-1/mints').set(as(KEYS.operator))
      .send({ chainId: 1, txHash: `0x${'ab'.repeat(32)}`, logIndex: 0, amount: TEN_TOKENS, blockNumber: 100, blockTime: mintedAt }).expect(201);
    await fourEyes(api.app, http().post('/custody/statements').set(as(KEYS.operator)).send(statement('STMT-1', '10')));
    expect(await figures()).toMatchObject({ requiredShares: '10', heldShares: '10' });
  });
  afterAll(async () => {
    await api?.close();
  });

  describe('A manual custody statement', () => {
    it('should change no figure until a second identity approves it', async () => {
      const changeId = await propose('/custody/statements', statement('STMT-2', '0'));
      expect(await figures()).toMatchObject({ heldShares: '10' });
      expect(await change(changeId)).toMatchObject({ kind: 'manual-statement', status: 'PENDING', maker: 'dev-operator', payload: { type: 'ReceiveStatement' } });

      const approved = await approveChange(api.app, changeId);
      expect(approved.body).toMatchObject({ changeId, status: 'APPROVED', streamId: 'custody-DEMOCHZZ-SAFE-0001', appended: [expect.objectContaining({ type: 'StatementReceived' })] });
      expect(await figures()).toMatchObject({ heldShares: '0' });
      expect(await change(changeId)).toMatchObject({ status: 'APPROVED', checker: 'dev-approver', decidedAt: expect.any(String), appliedAt: expect.any(String) });
      // The checker is the actor of what was written; the change and its maker travel with it.
      const [received] = (await eventsOf('custody-DEMOCHZZ-SAFE-0001', 'StatementReceived')).slice(-1);
      expect(received!.metadata).toMatchObject({ actor: 'dev-approver', maker: 'dev-operator', changeId });
    });

    it('should refuse the maker\'s own approval, in any case or spacing of their name, and change nothing', async () => {
      const maker = bearer('Alice', ['operator', 'approver']);
      const changeId = await propose('/custody/statements', statement('STMT-3', '10'), maker);
      for (const same of [maker, bearer('  alice ', ['approver']), bearer('ALICE', ['approver'])]) {
        const refused = await http().post(`/changes/${changeId}/approval`).set(same).expect(403);
        expect(refused.body).toMatchObject({ error: 'MAKER_CHECKER', message: expect.stringMatching(/cannot also approve/) });
      }
      expect(await figures()).toMatchObject({ heldShares: '0' });
      expect((await change(changeId)).status).toBe('PENDING');
      await approveChange(api.app, changeId, bearer('carol', ['approver']));
      expect(await figures()).toMatchObject({ heldShares: '10' });
    });

    it('should refuse a proposal with a bad field at once, naming it, and record no change', async () => {
      const before = (await http().get('/changes').set(as(KEYS.auditor)).expect(200)).body.length;
      const refused = await http().post('/custody/statements').set(as(KEYS.operator)).send({ ...statement('STMT-X', 'ten') }).expect(400);
      expect(JSON.stringify(refused.body.message)).toContain('quantity');
      expect((await http().get('/changes').set(as(KEYS.auditor)).expect(200)).body).toHaveLength(before);
    });

    it('should keep one proposal for a retried request with the same Idempotency-Key', async () => {
      const send = () => http().post('/custody/statements').set({ ...as(KEYS.operator), 'Idempotency-Key': 'four-eyes-retry-1' }).send(statement('STMT-R', '10')).expect(202);
      const first = (await send()).body.changeId;
      expect((await send()).body.changeId).toBe(first);
      expect(await eventsOf(`change-${first}`, 'ChangeProposed')).toHaveLength(1);
      await http().post(`/changes/${first}/rejection`).set(as(KEYS.operator)).send({ reason: 'sent twice by mistake' }).expect(201);
    });
  });

  describe('Tokens that do not name one person plainly', () => {
    it('should be refused with 401 and say why', async () => {
      const tokenOf = (payload: object, options: object = { expiresIn: '1h' }) => ({ Authorization: `Bearer ${sign(payload, TOKEN_SECRET, { algorithm: 'HS256', ...options })}` });
      for (const sub of [{ name: 'alice' }, 42]) {
        const refused = await http().get('/changes').set(tokenOf({ sub, roles: ['approver'] })).expect(401);
        expect(refused.body.message).toMatch(/sub\) must be a non-empty string/);
      }
      expect((await http().get('/changes').set(tokenOf({ sub: 'alice', roles: ['approver'] }, {})).expect(401)).body.message).toMatch(/no expiry/);
    });
  });

  describe('A rejected change', () => {
    it('should leave the figures as they were, keep the reason, and take no approval afterwards', async () => {
      const changeId = await propose('/custody/statements', statement('STMT-4', '1000'));
      const rejected = await http().post(`/changes/${changeId}/rejection`).set(as(KEYS.approver)).send({ reason: 'the custodian reports 10, not 1000' }).expect(201);
      expect(rejected.body).toEqual({ changeId, status: 'REJECTED' });
      expect(await figures()).toMatchObject({ heldShares: '10' });
      expect(await change(changeId)).toMatchObject({ status: 'REJECTED', rejectedBy: 'dev-approver', reason: 'the custodian reports 10, not 1000' });
      const late = await http().post(`/changes/${changeId}/approval`).set(bearer('carol', ['approver'])).expect(409);
      expect(late.body.error).toBe('CHANGE_DECIDED');
    });

    it('should let the maker withdraw their own, and no other operator', async () => {
      const changeId = await propose('/custody/statements', statement('STMT-5', '0'));
      await http().post(`/changes/${changeId}/rejection`).set(bearer('bob', ['operator'])).send({ reason: 'not mine to withdraw' }).expect(403);
      await http().post(`/changes/${changeId}/rejection`).set(as(KEYS.operator)).send({ reason: '' }).expect(400);
      await http().post(`/changes/${changeId}/rejection`).set(as(KEYS.operator)).send({ reason: 'typed the wrong quantity' }).expect(201);
      expect(await change(changeId)).toMatchObject({ status: 'REJECTED', rejectedBy: 'dev-operator' });
      expect(await figures()).toMatchObject({ heldShares: '10' });
    });
  });

  describe('A multiplier change', () => {
    it('should leave the required shares until a second identity approves it', async () => {
      const changeId = await propose('/assets/bAAPL/multiplier', { newMultiplier: '0.001', effectiveAt: mintedAt, reason: 'reverse split' });
      expect(await figures()).toMatchObject({ requiredShares: '10' });
      await http().post(`/changes/${changeId}/approval`).set(bearer(' DEV-OPERATOR ', ['approver'])).expect(403);
      expect(await eventsOf('asset-bAAPL', 'MultiplierChanged')).toHaveLength(0);
      await approveChange(api.app, changeId);
      const after = await eventually(figures, (f) => f.requiredShares !== '10', 'the approved multiplier in the figures');
      expect(after.requiredShares).toBe('0.01');
    });
  });

  describe('A custody account link', () => {
    it('should not count the account\'s holdings until a second identity approves the link', async () => {
      const held = (await figures()).heldShares;
      // The second account's statement, itself approved: it counts for no asset until the link does.
      await fourEyes(api.app, http().post('/custody/statements').set(as(KEYS.operator)).send(statement('STMT-S2', '5', SECOND)));
      expect((await figures()).heldShares).toBe(held);
      const changeId = await propose('/assets/bAAPL/custody-accounts', SECOND);
      expect((await figures()).heldShares).toBe(held);
      expect(await eventsOf('asset-bAAPL', 'CustodyAccountLinked')).toHaveLength(1);
      await approveChange(api.app, changeId);
      expect(await eventsOf('asset-bAAPL', 'CustodyAccountLinked')).toHaveLength(2);
      await eventually(figures, (f) => f.heldShares !== held, 'the linked account\'s holdings in the figures');
    });
  });

  describe('A token deployment', () => {
    it('should not be known to the asset until a second identity approves it', async () => {
      const changeId = await propose('/assets/bAAPL/deployments', { chainId: 8453, contractAddress: '0x1111111111111111111111111111111111111111', decimals: 18 });
      expect(await eventsOf('asset-bAAPL', 'TokenDeployed')).toHaveLength(1);
      await approveChange(api.app, changeId);
      expect((await eventsOf('asset-bAAPL', 'TokenDeployed')).map((e) => (e.data as { chainId: number }).chainId)).toEqual([1, 8453]);
    });
  });

  describe('A manual custody movement', () => {
    it('should not be recorded until a second identity approves it', async () => {
      const movement = { ...ACCOUNT, isin: APPLE, quantity: '-5', movementId: 'MV-1', reason: 'delivery free of payment', movedAt: new Date().toISOString() };
      const changeId = await propose('/custody/movements', movement);
      expect(await eventsOf('custody-DEMOCHZZ-SAFE-0001', 'CustodyMovementRecorded')).toHaveLength(0);
      await approveChange(api.app, changeId);
      const [recorded] = await eventsOf('custody-DEMOCHZZ-SAFE-0001', 'CustodyMovementRecorded');
      expect(recorded!.metadata).toMatchObject({ actor: 'dev-approver', maker: 'dev-operator', changeId });
    });
  });

  describe('The queue', () => {
    it('should list changes by status and kind, with custody-schedule proposals beside them', async () => {
      const changeId = await propose('/custody/statements', statement('STMT-Q', '10'));
      const schedule = { frequency: 'DAILY', cutOff: '18:00', timezone: 'Europe/Zurich', calendar: { weekend: ['SAT', 'SUN'], holidays: [] }, grace: { hours: 2 } };
      const proposalId = (await http().post('/custody/accounts/DEMOCHZZ/SAFE-0001/schedule-proposals').set(as(KEYS.operator)).send(schedule).expect(201)).body.proposalId;
      const pending = (await http().get('/changes?status=PENDING').set(as(KEYS.operator)).expect(200)).body;
      expect(pending).toEqual(expect.arrayContaining([
        expect.objectContaining({ changeId, kind: 'manual-statement', status: 'PENDING', maker: 'dev-operator', summary: expect.stringContaining('STMT-Q'), approvalPath: `/changes/${changeId}/approval` }),
        expect.objectContaining({ changeId: proposalId, kind: 'custody-schedule', status: 'PENDING', approvalPath: `/custody/accounts/DEMOCHZZ/SAFE-0001/schedule-proposals/${proposalId}/approval` }),
      ]));
      expect(pending.every((item: { status: string }) => item.status === 'PENDING')).toBe(true);
      const multipliers = (await http().get('/changes?kind=multiplier&status=APPROVED').set(as(KEYS.auditor)).expect(200)).body;
      expect(multipliers).toEqual([expect.objectContaining({ kind: 'multiplier', status: 'APPROVED', checker: 'dev-approver' })]);
      await http().get('/changes?status=DONE').set(as(KEYS.auditor)).expect(400);
      await http().get('/changes/no-such-change').set(as(KEYS.auditor)).expect(404);
      await http().post(`/changes/${changeId}/rejection`).set(as(KEYS.approver)).send({ reason: 'queue test' }).expect(201);
    });
  });

  describe('A correction inside a sealed period', () => {
    it('should be a proposal of its own kind, recorded as a correction only once a second identity approves it', async () => {
      await http().post('/periods/seals').set(as(KEYS.approver)).send({ periodId: '2026-02', from: '2026-02-01T00:00:00Z', to: '2026-03-01T00:00:00Z' }).expect(201);
      const late = statement('STMT-FEB', '10', ACCOUNT, '2026-02-27');
      const silent = await http().post('/custody/statements').set(as(KEYS.operator)).send(late).expect(422);
      expect(JSON.stringify(silent.body)).toMatch(/sealed period 2026-02/);
      const changeId = await propose('/custody/statements', late, { ...as(KEYS.operator), 'X-Correction-Reason': 'custodian restated 27 February' });
      expect(await change(changeId)).toMatchObject({ kind: 'sealed-correction', payload: { correctionReason: 'custodian restated 27 February' } });
      expect(await eventsOf('period-seals', 'SealedPeriodCorrected')).toHaveLength(0);
      await http().post(`/changes/${changeId}/approval`).set(as(KEYS.operator)).expect(403);
      await approveChange(api.app, changeId);
      const [correction] = await eventsOf('period-seals', 'SealedPeriodCorrected');
      expect(correction!.data).toMatchObject({ periodId: '2026-02', reason: 'custodian restated 27 February' });
      const written = (await eventsOf('custody-DEMOCHZZ-SAFE-0001', 'StatementReceived')).find((e) => (e.data as { statementReference: string }).statementReference === 'STMT-FEB');
      expect(written!.metadata).toMatchObject({ changeId, maker: 'dev-operator', correctionOf: (correction!.data as { correctionId: string }).correctionId });
    });

    it('should make a trade dated in the sealed period a correction for a second identity, and book other trades at once', async () => {
      const trade = { tradeId: 'T-FEB', assetId: 'bAAPL', side: 'BUY', quantity: '5', price: '100', currency: 'USD', tradeDate: '2026-02-20', settlementDate: '2026-02-23', broker: 'Broker AG' };
      await http().post('/trades').set(as(KEYS.operator)).send(trade).expect(422);
      const changeId = await propose('/trades', trade, { ...as(KEYS.operator), 'X-Correction-Reason': 'broker confirmed a February trade late' });
      expect(await change(changeId)).toMatchObject({ kind: 'sealed-correction', payload: { type: 'ExecuteTrade' } });
      expect(await api.store.readStream('trade-T-FEB')).toHaveLength(0);
      await approveChange(api.app, changeId);
      const [executed] = await api.store.readStream('trade-T-FEB');
      expect(executed!.metadata).toMatchObject({ actor: 'dev-approver', maker: 'dev-operator', changeId, correctionOf: expect.any(String) });
      // Outside the sealed period a trade is booked at once, the header notwithstanding.
      await http().post('/trades').set({ ...as(KEYS.operator), 'X-Correction-Reason': 'not needed' }).send({ ...trade, tradeId: 'T-NOW', tradeDate: lastBusinessDay(), settlementDate: lastBusinessDay() }).expect(201);
    });

    it('should refuse one identity correcting the sealed period on a route without four eyes', async () => {
      await http().post('/issuance/mint-requests').set(as(KEYS.operator)).send({ requestId: 'MR-FEB', assetId: 'bAAPL', chainId: 1, amount: TEN_TOKENS }).expect(201);
      const refused = await http().post('/issuance/MR-FEB/mints').set({ ...as(KEYS.operator), 'X-Correction-Reason': 'a February mint recorded late' })
        .send({ chainId: 1, txHash: `0x${'cd'.repeat(32)}`, logIndex: 0, amount: TEN_TOKENS, blockNumber: 50, blockTime: '2026-02-20T10:00:00Z' }).expect(403);
      expect(refused.body.error).toBe('FOUR_EYES_REQUIRED');
      expect(await eventsOf('period-seals', 'SealedPeriodCorrected')).toHaveLength(2);
    });
  });
});
