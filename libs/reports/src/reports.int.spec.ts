import { asOfReplayOn, currentCollateralization, EmbeddedProjectionRunner, openReadModels, withBitemporalReplay } from '@recon/read-models';
import { generateKeyPairSync } from 'node:crypto';
import { Pool } from 'pg';
import { buildReport } from './build/build-report';
import { renderReport, REPORT_FORMATS } from './render/report-files';
import { publicKeyText, ReportSigningKey } from './sign/signing-key';
import { signReport, verifySignedReport } from './sign/signed-report';
import { DATABASE_URL, ScenarioStore, scenarioStore, seedRestatementScenario } from './testing/audit-scenario';

jest.setTimeout(60_000);

const schema = `reports_${process.pid}_${Date.now().toString(36)}`;
let scenario: ScenarioStore;
const { privateKey } = generateKeyPairSync('ed25519');
const key: ReportSigningKey = { privateKey, publicKey: publicKeyText(privateKey), origin: 'generated' };
const replay = () => asOfReplayOn({ url: DATABASE_URL }, scenario.store);

beforeAll(async () => {
  scenario = await scenarioStore(schema);
  await seedRestatementScenario(scenario);
});

afterAll(async () => {
  await scenario.store.close();
  const admin = new Pool({ connectionString: DATABASE_URL, max: 1 });
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}_live" CASCADE`);
  await admin.end();
});

describe('Bitemporal replay with a late, restated statement', () => {
  const held = async (knownAt: string) =>
    (await buildReport(replay(), { date: '2026-02-28', knownAt })).proofOfReserves.map((a) => [a.assetId, a.heldShares, a.statements.map((s) => s.statementReference)]);

  it('should show nothing held before the statement of 28 February was received', async () => {
    expect(await held('2026-02-28T23:00:00Z')).toEqual([['bAAPL', '0', []]]);
  });
  it('should show what was known on 3 March: the original statement', async () => {
    expect(await held('2026-03-03T00:00:00Z')).toEqual([['bAAPL', '1500', ['S-0228']]]);
  });
  it('should show the restatement once it was known', async () => {
    expect(await held('2026-03-06T00:00:00Z')).toEqual([['bAAPL', '1400', ['S-0228-R']]]);
  });
  it('should leave out facts dated after the business day, whenever they were recorded', async () => {
    const report = await buildReport(replay(), { date: '2026-02-26', knownAt: '2026-03-06T00:00:00Z' });
    expect(report.proofOfReserves[0]).toMatchObject({ requiredShares: '0', heldShares: '0', chains: [{ chainId: 1, supply: '0' }] });
    expect(report.exceptions).toEqual({ opened: [], closed: [], aged: [] });
  });
  it('should report the exception of the day with its resolution, maker and checker, and the event range', async () => {
    const report = await buildReport(replay(), { date: '2026-02-28', knownAt: '2026-03-03T00:00:00Z' });
    expect(report.exceptions.closed).toEqual([expect.objectContaining({ exceptionId: 'x1', status: 'CLOSED', resolution: 'statement was late', proposedBy: 'alice', approvedBy: 'bob' })]);
    expect(report.exceptions.opened.map((l) => l.exceptionId)).toEqual(['x1']);
    expect(report.eventRange).toEqual({ first: '1', last: '9', events: 9, readThrough: '10' });
    expect(report.proofOfReserves[0]).toMatchObject({ requiredShares: '1500', difference: '0', chains: [{ chainId: 1, lastBlock: '100' }] });
  });
});

describe('Reports', () => {
  it('should be byte-identical in all three formats when built twice', async () => {
    const build = async () => signReport(await buildReport(replay(), { date: '2026-02-28', knownAt: '2026-03-06T00:00:00Z' }), key);
    const [first, second] = [await build(), await build()];
    for (const format of REPORT_FORMATS) {
      expect((await renderReport(second, format)).equals(await renderReport(first, format))).toBe(true);
    }
  });
  it('should fail the signature check after any one-byte change to the JSON file, and pass unchanged', async () => {
    const signed = signReport(await buildReport(replay(), { date: '2026-02-28' }), key);
    const file = (await renderReport(signed, 'json')).toString('utf8');
    expect(verifySignedReport(file, key.publicKey)).toMatchObject({ ok: true });
    const figure = file.indexOf('"heldShares": "1400"') + '"heldShares": "1'.length;
    const changed = `${file.slice(0, figure)}5${file.slice(figure + 1)}`;
    expect(verifySignedReport(changed)).toMatchObject({ ok: false, problem: expect.stringMatching(/^reportHash/) });
    const signatureAt = file.indexOf('"value": "') + '"value": "'.length;
    const forged = `${file.slice(0, signatureAt)}${file[signatureAt] === 'A' ? 'B' : 'A'}${file.slice(signatureAt + 1)}`;
    expect(verifySignedReport(forged)).toMatchObject({ ok: false, problem: expect.stringMatching(/^signature/) });
  });
});

describe('Live read models and a replay to now', () => {
  it('should agree on every asset', async () => {
    const liveSchema = `${schema}_live`;
    const dataSource = await openReadModels({ url: DATABASE_URL, schema: liveSchema, poolSize: 2 });
    const runner = new EmbeddedProjectionRunner({ store: scenario.store, dataSource, schema: liveSchema });
    try {
      await runner.start();
      await runner.waitFor((await scenario.store.chainHead()).position);
      const live = await currentCollateralization(dataSource, liveSchema);
      const replayed = await withBitemporalReplay(replay(), { businessTime: '9999-12-31T00:00:00.000Z' }, (state) => currentCollateralization(state.dataSource, state.schema));
      expect(replayed).toEqual(live);
      expect(live[0]).toMatchObject({ heldShares: '1400', requiredShares: '1500' });
    } finally {
      await runner.stop();
      await dataSource.destroy();
    }
  });
});
