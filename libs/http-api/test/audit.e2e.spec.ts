import request from 'supertest';
import { ApiHarness, KEYS, startApi } from './api-harness';
import { fourEyes } from './four-eyes';

jest.setTimeout(60_000);

const asset = { assetId: 'bAAPL', isin: 'US0378331005', symbol: 'bAAPL', name: 'Apple Inc.', initialMultiplier: '1' };
const CUSTODY = { custodian: 'DEMOCHZZ', account: 'SAFE-0001' };
const february = { periodId: '2026-02', from: '2026-02-01T00:00:00Z', to: '2026-03-01T00:00:00Z' };

describe('Auditors and regulators through the API', () => {
  let api: ApiHarness;
  const http = () => request(api.app.getHttpServer());
  const as = (key: string) => ({ 'X-API-Key': key });
  const statement = (reference: string, asOf: string, quantity: string) => ({
    ...CUSTODY, statementReference: reference, page: 1, lastPage: true, asOf, basis: 'SETTLED', completeness: 'COMPLETE', positions: [{ isin: asset.isin, quantity }],
  });
  const custodyVersion = async () => (await api.store.readStream('custody-DEMOCHZZ-SAFE-0001')).length;

  beforeAll(async () => {
    api = await startApi();
    await http().post('/assets').set(as(KEYS.operator)).send(asset).expect(201);
    await fourEyes(api.app, http().post('/assets/bAAPL/custody-accounts').set(as(KEYS.operator)).send(CUSTODY));
    await fourEyes(api.app, http().post('/custody/statements').set(as(KEYS.operator)).send(statement('S-0227', '2026-02-27', '1500')));
    await api.settled();
  });
  afterAll(async () => {
    await api?.close();
  });

  describe('Period seals', () => {
    it('should seal February with a signature over the chain head, for approvers only', async () => {
      await http().post('/periods/seals').set(as(KEYS.operator)).send(february).expect(403);
      await http().post('/periods/seals').set(as(KEYS.approver)).send(february).expect(201);
      const seals = (await http().get('/periods/seals').set(as(KEYS.auditor)).expect(200)).body;
      expect(seals).toEqual([expect.objectContaining({ type: 'PeriodSealed', signatureValid: true, data: expect.objectContaining({ periodId: '2026-02', sealedBy: expect.any(String) }) })]);
      expect(seals[0].data.chainHead).toEqual({ position: expect.stringMatching(/^\d+$/), hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    });

    it('should refuse a silent write dated inside the sealed period, appending nothing', async () => {
      const before = await custodyVersion();
      const refused = await http().post('/custody/statements').set(as(KEYS.operator)).send(statement('S-0228', '2026-02-28', '1400')).expect(422);
      expect(JSON.stringify(refused.body)).toMatch(/sealed period 2026-02/);
      expect(await custodyVersion()).toBe(before);
    });

    it('should admit an explicit correction and record who made it and why', async () => {
      await fourEyes(api.app, http().post('/custody/statements').set({ ...as(KEYS.operator), 'X-Correction-Reason': 'custodian restated 28 February' })
        .send(statement('S-0228', '2026-02-28', '1400')));
      const seals = await api.store.readStream('period-seals');
      const correction = seals.find((e) => e.type === 'SealedPeriodCorrected')!;
      expect(correction.data).toMatchObject({ periodId: '2026-02', streamId: 'custody-DEMOCHZZ-SAFE-0001', reason: 'custodian restated 28 February', correctedBy: expect.any(String) });
      const written = (await api.store.readStream('custody-DEMOCHZZ-SAFE-0001')).at(-1)!;
      expect(written.metadata.correctionOf).toBe((correction.data as { correctionId: string }).correctionId);
    });

    it('should let writes dated after the period through as usual', async () => {
      await fourEyes(api.app, http().post('/custody/statements').set(as(KEYS.operator)).send(statement('S-0302', '2026-03-02', '1400')));
    });
  });

  describe('Regulator reports', () => {
    it('should serve the signed daily report in all three formats to regulators, and not to operators', async () => {
      const json = await http().get('/reports/daily/2026-02-28').set(as(KEYS.regulator)).expect(200);
      const signed = JSON.parse(json.text);
      expect(signed.report.proofOfReserves[0]).toMatchObject({ assetId: 'bAAPL', heldShares: '1400', statements: [expect.objectContaining({ statementReference: 'S-0228' })] });
      expect(json.headers['x-report-hash']).toBe(signed.reportHash);
      const pdf = await http().get('/reports/daily/2026-02-28?format=pdf').set(as(KEYS.regulator)).buffer(true).parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      }).expect(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
      const csv = await http().get('/reports/daily/2026-02-28?format=csv').set(as(KEYS.regulator)).expect(200);
      expect(csv.text).toContain(`report,reportHash,${signed.reportHash}`);
      await http().get('/reports/daily/2026-02-28').set(as(KEYS.operator)).expect(403);
    });

    it('should refuse a malformed date with the field named', async () => {
      const refused = await http().get('/reports/daily/28-02-2026').set(as(KEYS.regulator)).expect(422);
      expect(JSON.stringify(refused.body)).toMatch(/date: must be a calendar day/);
    });

    it('should give regulators no write access', async () => {
      await http().post('/periods/seals').set(as(KEYS.regulator)).send({ ...february, periodId: 'x' }).expect(403);
      await http().post('/custody/statements').set(as(KEYS.regulator)).send(statement('S-X', '2026-03-03', '1')).expect(403);
    });
  });

  describe('Auditor trace', () => {
    it('should trace held shares to the statements and their source documents', async () => {
      const trace = (await http().get('/trace/2026-02-28/bAAPL/heldShares').set(as(KEYS.auditor)).expect(200)).body;
      expect(trace.value).toBe('1400');
      const statements = trace.events.filter((e: { type: string }) => e.type === 'StatementReceived');
      expect(statements.map((e: { sourceDocument: string }) => e.sourceDocument)).toEqual(['statement:DEMOCHZZ:S-0227:1', 'statement:DEMOCHZZ:S-0228:1']);
      expect(statements[0]).toMatchObject({ streamId: 'custody-DEMOCHZZ-SAFE-0001', streamVersion: expect.any(Number), globalPosition: expect.stringMatching(/^\d+$/) });
      await http().get('/trace/2026-02-28/bAAPL/colour').set(as(KEYS.auditor)).expect(400);
    });
  });
});
