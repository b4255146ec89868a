import { sign } from 'jsonwebtoken';
import request from 'supertest';
import { ApiHarness, KEYS, startApi, TOKEN_SECRET } from './api-harness';
import { UNDER_COLLATERALIZED_RAISE } from './exception-fixtures';

const raise = UNDER_COLLATERALIZED_RAISE;

describe('Exception workflow API', () => {
  let api: ApiHarness;
  const http = () => request(api.app.getHttpServer());
  const otherApprover = `Bearer ${sign({ sub: 'carol', roles: ['approver'] }, TOKEN_SECRET, { algorithm: 'HS256', expiresIn: '1h' })}`;
  const types = async () => (await api.store.readStream('exception-EX-bAAPL-under')).map((event) => event.type);

  beforeEach(async () => {
    api = await startApi();
    await http().post('/exceptions').set('X-API-Key', KEYS.operator).send(raise).expect(201);
  });
  afterEach(async () => {
    await api.close();
  });

  describe('When the maker tries to approve their own proposal', () => {
    it('should answer 403 and append nothing', async () => {
      await http().post('/exceptions/EX-bAAPL-under/proposals').set('X-API-Key', KEYS.approver).send({ resolution: 'Book the late settlement' }).expect(201);
      const proposed = (await api.store.readStream('exception-EX-bAAPL-under')).at(-1)!;
      const id = (proposed.data as { proposalId: string }).proposalId;
      const before = await types();
      const refused = await http().post(`/exceptions/EX-bAAPL-under/proposals/${id}/approval`).set('X-API-Key', KEYS.approver).expect(403);
      expect(refused.body.error).toBe('MAKER_CHECKER');
      expect(await types()).toEqual(before);
    });
  });

  describe('When a different approver checks the proposal', () => {
    it('should approve and close the exception, recording maker and checker', async () => {
      await http().post('/exceptions/EX-bAAPL-under/assignment').set('X-API-Key', KEYS.operator).send({ assignee: 'dev-operator' }).expect(201);
      await http().post('/exceptions/EX-bAAPL-under/comments').set('X-API-Key', KEYS.operator).send({ text: 'Custodian confirms a late settlement' }).expect(201);
      await http().post('/exceptions/EX-bAAPL-under/proposals').set('X-API-Key', KEYS.operator).send({ resolution: 'Book the late settlement' }).expect(201);
      const proposed = (await api.store.readStream('exception-EX-bAAPL-under')).find((event) => event.type === 'ResolutionProposed')!;
      const { proposalId } = proposed.data as { proposalId: string };

      await http().post(`/exceptions/EX-bAAPL-under/proposals/${proposalId}/approval`).set('X-API-Key', KEYS.operator).expect(403);
      await http().post(`/exceptions/EX-bAAPL-under/proposals/${proposalId}/approval`).set('Authorization', otherApprover).expect(201);

      const events = await api.store.readStream('exception-EX-bAAPL-under');
      expect(events.map((event) => event.type)).toEqual([
        'ExceptionRaised', 'ExceptionAssigned', 'ExceptionCommented', 'ResolutionProposed', 'ResolutionApproved', 'ExceptionClosed',
      ]);
      expect(events.find((event) => event.type === 'ResolutionApproved')!.data).toMatchObject({ maker: 'dev-operator', checker: 'carol' });
    });
  });

  describe('When the reconciler raises the same break again', () => {
    it('should not open a second exception', async () => {
      await http().post('/exceptions').set('X-API-Key', KEYS.operator).send(raise).expect(201);
      expect(await types()).toEqual(['ExceptionRaised']);
    });
  });

  describe('When a raise names an unknown break type', () => {
    it('should answer 400 naming the field', async () => {
      const response = await http().post('/exceptions').set('X-API-Key', KEYS.operator).send({ ...raise, exceptionId: 'EX-2', breakType: 'bad' }).expect(400);
      expect(response.body.message.some((message: string) => message.startsWith('breakType:'))).toBe(true);
    });
  });
});
