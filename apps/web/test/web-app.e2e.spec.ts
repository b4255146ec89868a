import { randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { currentSchemaVersion } from '@recon/domain';
import { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { ApiHarness, KEYS, startApi } from '../../../libs/http-api/test/api-harness';
import { edited, lineOf, statementFixture } from '../../../libs/http-api/test/statement-files';
import { seedDemo } from '@recon/http-api';
import { buildWebIfStale, ConsoleWatch, launchChromium, screenshot, signIn as signInAs } from './browser';
import { see, seeUrl } from './see';

jest.setTimeout(120_000);

/** A second approver, so that the checker is another person than the maker. */
const CHECKER = { key: 'checker-key-carol-0001', user: 'carol' };
const SECOND_BREAK = {
  exceptionId: 'EX-bAAPL-stale-demo',
  assetId: 'bAAPL',
  breakType: 'stale-missing-statement',
  severity: 'low',
  figures: { difference: '0' },
  evidenceEventIds: [],
};

/**
 * The web application in headless Chromium against the API on PostgreSQL, in the order a
 * reconciliation team works: the break arrives live on the dashboard, an operator assigns it from the
 * queue by keyboard, an approver proposes a resolution and may not approve it, another approver does;
 * a malformed statement is refused with its line. Each step builds on the one before.
 */
describe('Web application in Chromium', () => {
  let api: ApiHarness;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let watch: ConsoleWatch;
  let breakId: string;
  /** What people see of it: break type and 8 characters of the hash. */
  let breakShortId: string;
  /** The store's clock runs this far behind: the demo is recorded days ago, so the chart has a history. */
  let clockBehindMs = 0;
  const requests: string[] = [];

  /** A resolution proposed by one approver and approved by another, through the API. */
  const closeByMakerAndChecker = async (exceptionId: string) => {
    const http = () => request(api.app.getHttpServer());
    await http().post(`/exceptions/${exceptionId}/proposals`).set('X-API-Key', KEYS.approver).send({ outcome: 'fixed-at-source', reasonCode: 'TIMING', justification: 'Statement arrived late' }).expect(201);
    const proposal = (await api.store.readStream(`exception-${exceptionId}`)).at(-1)!.data as { proposalId: string };
    await http().post(`/exceptions/${exceptionId}/proposals/${proposal.proposalId}/approval`).set('X-API-Key', CHECKER.key).expect(201);
  };

  const signIn = (key: string, user: string) => signInAs(page, base, key, user);

  beforeAll(async () => {
    buildWebIfStale();
    api = await startApi({ RECON_API_KEYS: `${CHECKER.key}:approver:${CHECKER.user}` }, { feedPollMs: 200, clock: () => new Date(Date.now() - clockBehindMs) });
    await api.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    watch = new ConsoleWatch(page);
    page.on('request', (sent) => requests.push(`${sent.method()} ${new URL(sent.url()).pathname}${new URL(sent.url()).search}`));
  });
  afterEach(() => {
    expect(watch.problems).toEqual([]);
  });
  afterAll(async () => {
    // The browser first: its open live-feed connection would otherwise hold the server open.
    await browser?.close();
    await api?.close();
  });

  it('should sign in with an API key and keep it for the tab only', async () => {
    await page.goto(`${base}/`);
    await seeUrl(page, `${base}/app/`);
    await see(page.getByRole('heading', { name: 'Custody reconciliation' })).toBeVisible();
    await screenshot(page, '01-sign-in');
    await signIn(KEYS.operator, 'dev-operator (operator)');
    await see(page.getByRole('heading', { name: 'Collateralization' })).toBeVisible();
    await see(page.getByText('No assets yet.')).toBeVisible();
    expect(await page.evaluate("[sessionStorage.getItem('recon.apiKey'), localStorage.length]")).toEqual([KEYS.operator, 0]);
  });

  it('should show the seeded break on the dashboard as it arrives, without a reload', async () => {
    await see(page.getByTestId('live-status')).toHaveText('live');
    await page.evaluate('window.sameDocument = true');
    // Recorded three days ago: the history read model then has the demo's figures on those days.
    clockBehindMs = 3 * 86_400_000;
    await seedDemo(api.app, new Date(Date.now() - clockBehindMs).toISOString());
    clockBehindMs = 0;

    const short = page.getByTestId('asset-bCSPX');
    await see(short).toHaveClass(/coverage-short/);
    await see(short).toContainText('under-collateralized');
    await see(short).toContainText('−50');
    await see(page.getByTestId('asset-bAAPL')).toContainText('fully backed');
    await see(page.getByTestId('open-breaks')).toContainText('bCSPX under-collateralized');
    expect(await page.evaluate('window.sameDocument')).toBe(true);

    const queue = await request(api.app.getHttpServer()).get('/exceptions?assetId=bCSPX&breakType=under-collateralized').set('X-API-Key', KEYS.operator).expect(200);
    breakId = queue.body.items[0].exceptionId;
    breakShortId = queue.body.items[0].shortId;
    expect(breakShortId).toMatch(/^under-collateralized-[0-9a-f]{8}$/);
    // The chart: the last seven days from the history read model in one request (recorded three days
    // ago, so three days have figures) and the live figure. The chart reads past days once per set of
    // assets, as they cannot change afterwards in real time; here they do, as the demo is recorded on
    // a past day while the page is open, so the chart is shown anew (in-app navigation) once the live
    // figures are final, which the history rows of the same transaction then are too.
    await see(page.locator('.chart figcaption')).toContainText('bCSPX 93.75 %');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Exceptions' }).click();
    await nav.getByRole('link', { name: 'Dashboard' }).click();
    const fourPoints = /^(\S+,\S+ ){3}\S+,\S+$/;
    await see(page.locator('.chart polyline').nth(1)).toHaveAttribute('points', fourPoints);
    await see(page.locator('.chart figcaption')).toContainText('bCSPX 93.75 %');
    // One request per set of assets shown (the demo's arrive one after the other), each for all seven days.
    const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
    const history = requests.filter((line) => line.startsWith('GET /collateralization/history?'));
    expect(history.length).toBeGreaterThan(0);
    expect(new Set(history)).toEqual(new Set([`GET /collateralization/history?from=${day(7)}&to=${day(1)}`]));
    expect(requests.filter((line) => line.includes('asOf='))).toEqual([]);

    // Last block: a dash until the chain watcher confirms one, then its number and time.
    await see(page.getByTestId('last-block-bAAPL')).toHaveText('—');
    const deployed = (await api.store.readStream('asset-bAAPL')).find((event) => event.type === 'TokenDeployed' && (event.data as { chainId: number }).chainId === 1)!;
    const view = (await request(api.app.getHttpServer()).get('/collateralization/bAAPL').set('X-API-Key', KEYS.operator).expect(200)).body;
    const data = {
      assetId: 'bAAPL', chainId: 1, contractAddress: (deployed.data as { contractAddress: string }).contractAddress, blockNumber: 21_000_123,
      blockHash: `0x${'ab'.repeat(32)}`, blockTime: '2026-03-04T10:15:00.000Z', amount: view.chains.find((chain: { chainId: number }) => chain.chainId === 1).supply,
    };
    await api.store.appendToStream(`chain-1-${data.contractAddress}`, [{ eventId: randomUUID(), type: 'TotalSupplyRead', schemaVersion: currentSchemaVersion('TotalSupplyRead'), data, metadata: { actor: 'chain-watcher' } }], 'any');
    await see(page.getByTestId('last-block-bAAPL')).toHaveText('#21000123 (chain 1)2026-03-04 10:15 UTC');
    await see(page.getByTestId('last-block-bCSPX')).toHaveText('—');
    await screenshot(page, '02-dashboard');
  });

  it('should move through the queue by keyboard and assign the break in bulk', async () => {
    await request(api.app.getHttpServer()).post('/exceptions').set('X-API-Key', KEYS.operator).send(SECOND_BREAK).expect(201);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Exceptions' }).click();
    // The default view (open, mine and unassigned, by SLA due), narrowed to OPEN and sorted by severity.
    await see(page.getByTestId('queue-view')).toBeVisible();
    const status = page.getByTestId('filter-status');
    await status.locator('summary').click();
    await status.getByLabel('AWAITING_APPROVAL', { exact: true }).uncheck();
    await page.locator('select[name=sort]').selectOption('severity');
    await page.locator('select[name=order]').selectOption('desc');
    const first = page.getByTestId(`queue-row-${breakId}`);
    const second = page.getByTestId(`queue-row-${SECOND_BREAK.exceptionId}`);
    // The previous page stays on screen while the new one loads: wait for the sorted one.
    const table = page.getByRole('table', { name: 'Exception queue' });
    await see(table).toHaveAttribute('aria-busy', 'false');
    await see(second).toBeVisible();
    await see(first).toContainText('critical');
    requests.length = 0;
    await see(first).toContainText(/left|overdue/);
    // Each row says what it is about and shows the short id; the full id stays in the link and the API.
    await see(first.getByTestId('queue-subject')).toHaveText('ISIN IE00B5BMR087');
    await see(first.getByRole('link', { name: breakShortId })).toBeVisible();

    // Other breaks may sit between the two (the demo's statement turns late at 11:00 UTC): one arrow
    // press per row, down to the second and back up to the first.
    const order = await table.locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-testid')));
    const steps = order.indexOf(`queue-row-${SECOND_BREAK.exceptionId}`) - order.indexOf(`queue-row-${breakId}`);
    expect(steps).toBeGreaterThan(0);
    await first.focus();
    for (let step = 0; step < steps; step++) await page.keyboard.press('ArrowDown');
    await see(second).toBeFocused();
    await page.keyboard.press(' ');
    for (let step = 0; step < steps; step++) await page.keyboard.press('ArrowUp');
    await see(first).toBeFocused();
    await page.keyboard.press(' ');
    await see(first).toHaveAttribute('aria-selected', 'true');
    await see(page.getByText('2 selected')).toBeVisible();
    // The second is closed meanwhile by someone else: the API refuses it and says so, the first is assigned.
    await closeByMakerAndChecker(SECOND_BREAK.exceptionId);
    await page.getByRole('button', { name: 'Assign selected' }).click();
    await see(page.getByRole('alert')).toHaveText('Assigned 1 of 2 exceptions to dev-operator; 1 refused.');
    const outcomes = page.getByTestId('bulk-outcomes');
    await see(outcomes.locator('li.assigned')).toHaveText(`${breakShortId}: assigned`);
    await see(outcomes.locator('li.refused')).toHaveText(`${SECOND_BREAK.exceptionId}: refused (EXCEPTION_CLOSED): exception ${SECOND_BREAK.exceptionId} is Closed`);
    expect(requests.filter((line) => line.startsWith('POST /exceptions/'))).toEqual(['POST /exceptions/assign']);
    await see(first).toContainText('dev-operator');
    await screenshot(page, '03-queue');

    await first.focus();
    await page.keyboard.press('Enter');
    await see(page.getByRole('heading', { name: breakShortId })).toBeVisible();
    await see(page.getByTestId('exception-subject')).toHaveText('ISIN IE00B5BMR087');
    await see(page.getByTestId('exception-assignee')).toHaveText('dev-operator');
    await see(page.getByRole('table', { name: 'Evidence' })).toContainText('MintedOnChain');
    // Figures in reading order, whatever order the stored JSON keeps them in.
    await see(page.getByRole('table', { name: 'Figures' })).toContainText(/^required.*held.*pending.*pendingBuy.*pendingSell.*difference.*ratio.*custody.*multiplier.*tolerance/);
  });

  it('should let an approver propose a resolution and refuse that approver the approval, as the API does', async () => {
    await signIn(KEYS.approver, 'dev-approver');
    await page.goto(`${base}/app/exceptions/${encodeURIComponent(breakId)}`);
    const form = page.getByRole('form', { name: 'Propose an outcome' });
    await form.getByLabel('Outcome').selectOption('fixed-at-source');
    await form.getByLabel('Reason code').selectOption('CUSTODIAN_ERROR');
    await form.getByLabel('Justification').fill('Custodian to deliver the 50 missing shares; confirmed by phone');
    await page.getByRole('button', { name: 'Propose resolution' }).click();
    await see(page.getByTestId('exception-status')).toHaveText('AWAITING_APPROVAL');
    await see(page.getByRole('button', { name: 'Approve' })).toBeDisabled();
    await see(page.getByRole('note')).toHaveText('Maker-checker: you (dev-approver) proposed this resolution, so another approver must approve it.');
    await screenshot(page, '04-detail-maker-refused');

    // The button's rule is the API's: the same approver asking the API directly is refused too.
    const detail = await request(api.app.getHttpServer()).get(`/exceptions/${breakId}`).set('X-API-Key', KEYS.approver).expect(200);
    const proposalId = detail.body.history.find((entry: { type: string }) => entry.type === 'ResolutionProposed').data.proposalId;
    const refused = await request(api.app.getHttpServer()).post(`/exceptions/${breakId}/proposals/${proposalId}/approval`).set('X-API-Key', KEYS.approver).expect(403);
    expect(refused.body.error).toBe('MAKER_CHECKER');
  });

  it('should let another approver approve, closing the exception', async () => {
    await signIn(CHECKER.key, CHECKER.user);
    await page.goto(`${base}/app/exceptions/${encodeURIComponent(breakId)}`);
    await see(page.getByTestId('pending-proposal')).toContainText('Proposal by dev-approver');
    await page.getByRole('button', { name: 'Approve' }).click();
    await see(page.getByRole('status')).toHaveText('Approval: done.');
    await see(page.getByTestId('exception-status')).toHaveText('CLOSED');
    await see(page.getByRole('table', { name: 'History' })).toContainText('ResolutionApproved');
    await see(page.getByTestId('exception-facts')).toContainText('approved by carol');
    await see(page.getByTestId('exception-outcome')).toHaveText('fixed-at-source (CUSTODIAN_ERROR)');
    await see(page.getByTestId('exception-sla')).toHaveText('none: closed');
    await screenshot(page, '05-detail-approved');
  });

  it('should refuse a malformed statement upload and show the error by line and field', async () => {
    const original = statementFixture('mt535/equities-single-page.txt');
    const broken = edited(original, ':93B::AGGR//UNIT/800,25', ':93B::AGGR//UNIT/8x0,25');
    await signIn(KEYS.operator, 'dev-operator');
    await page.getByRole('link', { name: 'Statement upload' }).click();
    await page.getByLabel('Statement file').setInputFiles({ name: 'broken.txt', mimeType: 'text/plain', buffer: Buffer.from(broken) });
    watch.expectRefusal(400, '/custody/statements/upload');
    await page.getByRole('button', { name: 'Upload' }).click();
    const error = page.getByTestId('statement-error').first();
    await see(error).toContainText('broken.txt');
    await see(error.locator('td').nth(1)).toHaveText(String(lineOf(original, ':93B::AGGR//UNIT/800,25')));
    await see(error).toContainText('93B');
    await see(page.getByRole('alert')).toContainText('nothing of it was recorded');
    await screenshot(page, '06-upload-refused');
  });

  it('should list every problem of a refused statement, three rows for three problems', async () => {
    const original = statementFixture('mt535/equities-single-page.txt');
    const broken = edited(edited(edited(original, ':93B::AGGR//UNIT/800,25', ':93B::AGGR//UNIT/8x0,25'), ':98C::STAT//20240628173000', ':98C::STAT//20241328173000'), ':93B::AGGR//UNIT/1234,5', ':93B::AGGR//UNIT/12a4,5');
    await signIn(KEYS.operator, 'dev-operator');
    await page.getByRole('link', { name: 'Statement upload' }).click();
    await page.getByLabel('Statement file').setInputFiles({ name: 'three.txt', mimeType: 'text/plain', buffer: Buffer.from(broken) });
    watch.expectRefusal(400, '/custody/statements/upload');
    await page.getByRole('button', { name: 'Upload' }).click();
    await see(page.getByTestId('statement-error')).toHaveCount(3);
    await see(page.getByRole('alert')).toContainText('3 problems');
    for (const prefix of [':98C::STAT', ':93B::AGGR//UNIT/12a4,5', ':93B::AGGR//UNIT/8x0,25']) {
      await see(page.getByRole('table', { name: 'Statement errors' })).toContainText(String(lineOf(broken, prefix)));
    }
  });

  it('should preview a statement that names no sender, with the custodian typed in, and record it only when asked', async () => {
    const noSender = statementFixture('semt002/no-sender.xml');
    await signIn(KEYS.operator, 'dev-operator');
    await page.getByRole('link', { name: 'Statement upload' }).click();
    await page.getByLabel('Statement file').setInputFiles({ name: 'no-sender.xml', mimeType: 'application/xml', buffer: Buffer.from(noSender) });
    await page.getByLabel('Custodian (BIC)').fill('CUSTCHZZXXX');
    const before = (await api.store.readStream('custody-CUSTCHZZ-SAFE-2000')).length;
    await page.getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByTestId('upload-preview');
    await see(preview).toContainText('Nothing has been recorded');
    await see(page.getByTestId('preview-position')).toHaveCount(2);
    await see(page.getByRole('table', { name: 'Positions before and after' })).toContainText('US0378331005');
    await see(page.getByRole('table', { name: 'Positions before and after' })).toContainText('1500');
    expect(await api.store.readStream('custody-CUSTCHZZ-SAFE-2000')).toHaveLength(before);
    await screenshot(page, '06b-upload-preview');
    await page.getByRole('button', { name: 'Record it' }).click();
    await see(page.getByTestId('upload-report')).toContainText('1 event(s) recorded');
    await see(page.getByTestId('upload-assembly')).toContainText('complete: every page received.');
    expect(await api.store.readStream('custody-CUSTCHZZ-SAFE-2000')).toHaveLength(before + 1);
  });

  it('should trace the break to the events of its asset in the audit view', async () => {
    await page.goto(`${base}/app/exceptions/${encodeURIComponent(breakId)}`);
    await page.getByRole('table', { name: 'Evidence' }).getByRole('link', { name: 'MintedOnChain' }).first().click();
    await see(page.getByRole('heading', { name: 'Audit: event streams' })).toBeVisible();
    await see(page.locator('tr.highlight')).toContainText('MintedOnChain');
    await screenshot(page, '07-audit');
  });

  it('should trace a figure of a day to the events and source documents behind it, each opening its stream', async () => {
    await page.getByRole('link', { name: 'Audit' }).click();
    const form = page.getByRole('form', { name: 'Trace a figure' });
    await form.getByLabel('Asset').selectOption('bCSPX');
    await form.getByLabel('Figure').selectOption('heldShares');
    await form.getByRole('button', { name: 'Trace' }).click();
    await see(page.getByTestId('trace-value')).toContainText(`held of bCSPX on ${new Date().toISOString().slice(0, 10)}: 750`);
    const behind = page.getByRole('table', { name: 'Events behind the figure' });
    await see(behind).toContainText('StatementReceived');
    await see(behind).not.toContainText('MintedOnChain');
    await behind.getByRole('link', { name: 'StatementReceived' }).first().click();
    await see(page.locator('tr.highlight')).toContainText('StatementReceived');
    // The trace stays above the stream it opened.
    await see(page.getByTestId('trace-value')).toContainText('held of bCSPX');
    await screenshot(page, '08-audit-trace');
  });
});
