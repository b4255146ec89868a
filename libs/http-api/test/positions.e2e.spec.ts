import request from 'supertest';
import { ApiHarness, KEYS, startApi } from './api-harness';
import { HOLDINGS_JULY_1, HOLDINGS_JUNE_28 } from './position-statements';
import { fourEyes } from './four-eyes';

jest.setTimeout(60_000);

const APPLE = 'US0378331005';
const CSPX = 'IE00B5BMR087';
const [JUNE_28, JULY_1] = [HOLDINGS_JUNE_28, HOLDINGS_JULY_1];
/** A statement is named by its key (custodian, account, date-time, type, basis): its pages each have their own SEME. */
const KEY_0628 = 'HOLDINGS|CUSTCHZZ|SAFE-1000|2024-06-28T17:30:00|CUST|SETT';
const KEY_0701 = 'HOLDINGS|CUSTCHZZ|SAFE-1000|2024-07-01T17:30:00|CUST|SETT';
const KEY_0628_CSV = KEY_0628.replace(/\|/g, '\\|');

/**
 * GET /custody/accounts/{custodian}/{account}/positions: statements uploaded as custodians send
 * them, read back per ISIN with the breakdown the facts fold carried, now and as of an instant (a
 * replay of the events up to it through the same fold), and as CSV.
 */
describe('Custody positions through the API', () => {
  let api: ApiHarness;
  const http = () => request(api.app.getHttpServer());
  const as = (key: string) => ({ 'X-API-Key': key });
  const upload = (name: string, content: string) => http().post('/custody/statements/upload').set(as(KEYS.operator)).attach('file', Buffer.from(content), name).expect(201);
  const positions = (query = '', account = 'SAFE-1000') => http().get(`/custody/accounts/CUSTCHZZ/${account}/positions${query}`).set(as(KEYS.auditor));

  beforeAll(async () => {
    api = await startApi();
    await upload('holdings-2024-06-28.txt', JUNE_28);
    await upload('holdings-2024-07-01.txt', JULY_1);
    await api.settled();
  });
  afterAll(async () => {
    await api?.close();
  });

  it('should answer the latest statement per ISIN with its breakdown, pages and statement', async () => {
    const { body } = await positions().expect(200);
    expect(body).toMatchObject({ custodian: 'CUSTCHZZ', account: 'SAFE-1000', statementReference: KEY_0701, statementDate: '2024-07-01', basis: 'SETTLED', completeness: 'COMPLETE', allPagesReceived: true });
    expect(body.positions).toEqual([
      {
        isin: CSPX, assetId: null, aggregate: '800.25', available: null, notAvailable: null, subBalances: [],
        statementReference: KEY_0701, statementDate: '2024-07-01', sourceDocuments: [expect.any(String)], eventIds: [expect.any(String)],
      },
      {
        isin: APPLE, assetId: null, aggregate: '1300', available: '1300', notAvailable: '0', subBalances: [{ code: 'AWAS', quantity: '1300', availability: 'AVAILABLE' }],
        statementReference: KEY_0701, statementDate: '2024-07-01', sourceDocuments: [expect.any(String)], eventIds: [expect.any(String)],
      },
    ]);
  });

  it('should name the pages a position comes from by their statement ids, as recorded', async () => {
    const { body } = await positions().expect(200);
    const recorded = (await api.store.readStream('custody-CUSTCHZZ-SAFE-1000')).filter((event) => event.type === 'StatementReceived').at(-1)!;
    expect(body.positions[1].sourceDocuments).toEqual([(recorded.data as { statementId: string }).statementId]);
    expect(body.positions[1].eventIds).toEqual([recorded.eventId]);
  });

  it('should answer, as of an instant before the second statement, the first one with its PEND sub-balance', async () => {
    const { body } = await positions('?asOf=2024-06-30T12:00:00Z').expect(200);
    expect(body).toMatchObject({ asOf: '2024-06-30T12:00:00.000Z', statementReference: KEY_0628, statementDate: '2024-06-28' });
    expect(body.positions.find((p: { isin: string }) => p.isin === APPLE)).toMatchObject({
      aggregate: '1234.5', available: '1200', notAvailable: '34.5', subBalances: [{ code: 'PEND', quantity: '34.5', availability: 'NOT_AVAILABLE' }],
    });
  });

  it('should answer, as of the second statement\'s date, that statement; and before any, that none counts', async () => {
    expect((await positions('?asOf=2024-07-01T00:00:00Z').expect(200)).body.statementReference).toBe(KEY_0701);
    const none = await positions('?asOf=2024-06-27T23:59:59Z').expect(404);
    expect(none.body.message).toBe('no statement counts for CUSTCHZZ/SAFE-1000 as of 2024-06-27T23:59:59.000Z');
  });

  it('should carry a sub-safekeeping account\'s own sub-balance (93C::PEND//UNIT/AVAI/N10)', async () => {
    const { body } = await positions(`?asOf=${encodeURIComponent('2024-06-30T12:00:00+02:00')}`, 'SAFE-1000-TRD').expect(200);
    expect(body.positions).toEqual([expect.objectContaining({ isin: 'US5949181045', aggregate: '50.2', subBalances: [{ code: 'PEND', quantity: '-10', availability: 'AVAILABLE' }] })]);
  });

  it('should export the positions as CSV with a header row and exact decimals', async () => {
    const response = await http().get('/custody/accounts/CUSTCHZZXXX/SAFE-1000/positions/export.csv?asOf=2024-06-30T12:00:00Z').set(as(KEYS.auditor)).expect(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="positions-CUSTCHZZ-SAFE-1000-2024-06-30.csv"');
    const lines = response.text.split('\r\n');
    expect(lines[0]).toBe('custodian,account,isin,asset_id,aggregate,available,not_available,sub_balances,statement_reference,statement_date,completeness,all_pages_received,source_documents');
    expect(lines[1]).toMatch(new RegExp(`^CUSTCHZZ,SAFE-1000,IE00B5BMR087,,800\\.25,,,,${KEY_0628_CSV},2024-06-28,COMPLETE,yes,\\S+$`));
    expect(lines[2]).toMatch(new RegExp(`^CUSTCHZZ,SAFE-1000,US0378331005,,1234\\.5,1200,34\\.5,PEND NOT_AVAILABLE 34\\.5,${KEY_0628_CSV},2024-06-28,COMPLETE,yes,\\S+$`));
    expect(lines.slice(3)).toEqual(['']);
  });

  it('should export the header only for an account without a statement', async () => {
    const { text } = await http().get('/custody/accounts/CUSTCHZZ/NOPE/positions/export.csv').set(as(KEYS.auditor)).expect(200);
    expect(text.split('\r\n')).toHaveLength(2);
  });

  it('should list the accounts with a statement that counts', async () => {
    const { body } = await http().get('/custody/accounts').set(as(KEYS.operator)).expect(200);
    expect(body.filter((row: { custodian: string }) => row.custodian === 'CUSTCHZZ')).toEqual([
      { custodian: 'CUSTCHZZ', account: 'SAFE-1000', statementReference: KEY_0701, statementDate: '2024-07-01' },
      { custodian: 'CUSTCHZZ', account: 'SAFE-1000-TRD', statementReference: KEY_0701, statementDate: '2024-07-01' },
    ]);
  });

  it('should refuse a custodian that is no BIC, a malformed account and an instant without offset, all named at once', async () => {
    const { body } = await http().get('/custody/accounts/CUSTCH/SAFE%201000/positions?asOf=2024-06-30').set(as(KEYS.auditor)).expect(400);
    expect(body.message).toEqual([
      'custodian: must be a BIC of 8 or 11 characters, e.g. CUSTCHZZ or CUSTCHZZXXX (got "CUSTCH")',
      'account: must be 1-35 letters, digits, dots, dashes, slashes or underscores (got "SAFE 1000")',
      'asOf: must be an ISO-8601 timestamp with offset, e.g. 2026-03-02T18:00:00Z (got "2024-06-30")',
    ]);
    await http().get('/custody/accounts/CUSTCHZZ/SAFE-1000/positions/export.csv?knownAt=2024-06-30T00:00:00Z').set(as(KEYS.auditor)).expect(400);
  });

  it('should answer 404 for an account no statement counts for', async () => {
    await positions('', 'SAFE-9999').expect(404);
  });

  it('should take sub-balances on a normalized statement page and refuse a malformed one naming its field', async () => {
    const page = {
      custodian: 'BANKCHZZ', account: 'SAFE-77', statementReference: 'S-77', page: 1, lastPage: true, asOf: '2024-07-01', basis: 'SETTLED', completeness: 'COMPLETE',
      positions: [{ isin: APPLE, quantity: '100', subBalances: [{ code: 'PENR', quantity: '-20', availability: 'NOT_AVAILABLE' }, { code: 'AWAS', quantity: '120', availability: 'AVAILABLE', placeOfSafekeeping: 'DTCYUS33' }] }],
    };
    const refused = await http().post('/custody/statements').set(as(KEYS.operator))
      .send({ ...page, positions: [{ ...page.positions[0], subBalances: [{ code: 'PENR', quantity: '-20', availability: 'SOMETIMES' }] }] }).expect(400);
    expect(JSON.stringify(refused.body.message)).toContain('availability');
    await fourEyes(api.app, http().post('/custody/statements').set(as(KEYS.operator)).send(page));
    await api.settled();
    const { body } = await http().get('/custody/accounts/BANKCHZZXXX/SAFE-77/positions').set(as(KEYS.auditor)).expect(200);
    expect(body.positions).toEqual([expect.objectContaining({
      isin: APPLE, aggregate: '100', available: null, notAvailable: null,
      subBalances: [{ code: 'AWAS', quantity: '120', availability: 'AVAILABLE', placeOfSafekeeping: 'DTCYUS33' }, { code: 'PENR', quantity: '-20', availability: 'NOT_AVAILABLE' }],
    })]);
  });

  it('should describe the routes in the OpenAPI document', async () => {
    const { body } = await http().get('/docs/openapi.json').expect(200);
    expect(Object.keys(body.paths)).toEqual(expect.arrayContaining(['/custody/accounts', '/custody/accounts/{custodian}/{account}/positions', '/custody/accounts/{custodian}/{account}/positions/export.csv']));
  });
});
