import { AddressInfo } from 'node:net';
import { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { seedDemo } from '@recon/http-api';
import { ApiHarness, KEYS, startApi } from '../../../libs/http-api/test/api-harness';
import { buildWebIfStale, ConsoleWatch, launchChromium, openPage, screenshot, signIn as signInAs } from './browser';
import { demoStatement, today, uploadStatement } from './control-fixtures';
import { see, seeUrl } from './see';

jest.setTimeout(120_000);

const CHECKER = { key: 'checker-key-carol-0001', user: 'carol' };
const raised = (exceptionId: string, severity: string) => ({
  exceptionId, assetId: 'bAAPL', breakType: 'stale-missing-statement', severity, figures: { difference: '0' }, evidenceEventIds: [],
});

/**
 * The reference-data screen and the queue's working view in Chromium: what an asset rests on, the
 * default view (open, mine and unassigned, by SLA due) stated in the address, filters that take
 * several values, assignees picked from known identities, and a bulk assignment that says per item
 * which succeeded and which did not.
 */
describe('Reference data and the queue in Chromium', () => {
  let api: ApiHarness;
  let base: string;
  let browser: Browser;
  let page: Page;
  let watch: ConsoleWatch;
  const http = () => request(api.app.getHttpServer());

  const signIn = (key: string, user: string) => signInAs(page, base, key, user);
  const queueIds = async () =>
    (await page.getByRole('table', { name: 'Exception queue' }).locator('tbody tr[data-testid]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-testid')!.slice('queue-row-'.length))));

  beforeAll(async () => {
    buildWebIfStale();
    api = await startApi({ RECON_API_KEYS: `${CHECKER.key}:approver:${CHECKER.user}` }, { feedPollMs: 200 });
    await api.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    await seedDemo(api.app, new Date().toISOString());
    for (const [id, severity] of [['EX-mine', 'high'], ['EX-nobody', 'low'], ['EX-carols', 'medium']] as const) {
      await http().post('/exceptions').set('X-API-Key', KEYS.operator).send(raised(id, severity)).expect(201);
    }
    await http().post('/exceptions/EX-mine/assignment').set('X-API-Key', KEYS.operator).send({ assignee: 'dev-operator' }).expect(201);
    await http().post('/exceptions/EX-carols/assignment').set('X-API-Key', KEYS.operator).send({ assignee: CHECKER.user }).expect(201);
    await api.settled();
    browser = await launchChromium();
    ({ page, watch } = await openPage(browser));
  });
  afterEach(() => {
    expect(watch.problems).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('should show each asset\'s ISIN, multiplier, deployments per chain and custody accounts, and the accounts\' schedules', async () => {
    await signIn(KEYS.operator, 'dev-operator');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reference data' }).click();
    const cspx = page.getByTestId('reference-asset-bCSPX');
    await see(cspx).toContainText('IE00B5BMR087');
    await see(cspx.getByTestId('asset-multiplier')).toHaveText('1');
    await see(cspx).toContainText('chain 1 · 0x5b2c3d4e5f60718293a4b5c6d7e8f90123456789 · 18');
    await see(cspx).toContainText('chain 8453 · 0x6c3d4e5f60718293a4b5c6d7e8f9012345678901 · 18');
    await see(cspx).toContainText('DEMOCHZZ / SAFE-0001');
    for (const form of ['Change a multiplier', 'Record a deployment', 'Link a custody account']) await see(page.getByRole('form', { name: form })).toBeVisible();
    await screenshot(page, '10-reference-assets');
    await page.getByRole('tab', { name: 'Accounts' }).click();
    await seeUrl(page, `${base}/app/reference?tab=accounts`);
    const account = page.getByTestId('reference-account-DEMOCHZZ-SAFE-0001');
    await see(account).toContainText('bAAPL, bCSPX');
    await see(account.getByTestId('schedule-current')).toHaveText('default: every business day');
    // A schedule is a proposal: the form names the change, and the schedule in force stays until a second person approves.
    const form = page.getByRole('form', { name: 'Propose a statement schedule' });
    await form.getByLabel('Frequency').selectOption('WEEKLY');
    await form.getByLabel('Weekday').selectOption('FRI');
    await form.getByRole('button', { name: 'Propose' }).click();
    await see(form.getByRole('status')).toContainText(/^Proposed, awaiting a second person: change \S+\.$/);
    await see(account.getByTestId('schedule-current')).toHaveText('default: every business day');
    await see(account).toContainText('WEEKLY · on FRI · due 18:00 Europe/Zurich');
  });

  it('should open the queue on its default view, stated in the address: open, mine and unassigned, by SLA due', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Exceptions' }).click();
    await seeUrl(page, `${base}/app/queue?status=OPEN,AWAITING_APPROVAL&assignee=me,none&sort=slaDueAt&order=asc`);
    await see(page.getByTestId('queue-view')).toHaveText('Default view: open, mine and unassigned, by SLA due');
    await see(page.getByTestId('queue-row-EX-mine')).toBeVisible();
    await see(page.getByTestId('queue-row-EX-nobody')).toBeVisible();
    await see(page.getByTestId('queue-row-EX-carols')).toHaveCount(0);
    // The same address shows carol her own: "me" is whoever opens it.
    const carols = await http().get('/exceptions?status=OPEN,AWAITING_APPROVAL&assignee=me,none&sort=slaDueAt&order=asc').set('X-API-Key', CHECKER.key).expect(200);
    expect(carols.body.items.map((item: { exceptionId: string }) => item.exceptionId)).toContain('EX-carols');
    expect(carols.body.items.map((item: { exceptionId: string }) => item.exceptionId)).not.toContain('EX-mine');
    // By SLA due: the list is in the order the API gives for that sort.
    const ids = await queueIds();
    const sorted = (await http().get('/exceptions?status=OPEN,AWAITING_APPROVAL&assignee=me,none&sort=slaDueAt&order=asc').set('X-API-Key', KEYS.operator).expect(200)).body.items.map((item: { exceptionId: string }) => item.exceptionId);
    expect(ids).toEqual(sorted);
    await screenshot(page, '11-queue-default');
  });

  it('should filter by several severities and assignees at once, keeping the choice in the address', async () => {
    const severity = page.getByTestId('filter-severity');
    await severity.locator('summary').click();
    await severity.getByLabel('high', { exact: true }).check();
    await severity.getByLabel('medium', { exact: true }).check();
    const assignee = page.getByTestId('filter-assignee');
    await assignee.locator('summary').click();
    await assignee.getByLabel(CHECKER.user, { exact: true }).check();
    await seeUrl(page, `${base}/app/queue?status=OPEN,AWAITING_APPROVAL&assignee=me,none,${CHECKER.user}&sort=slaDueAt&order=asc&severity=high,medium`);
    await see(page.getByTestId('queue-row-EX-carols')).toBeVisible();
    await see(page.getByTestId('queue-row-EX-mine')).toBeVisible();
    await see(page.getByTestId('queue-row-EX-nobody')).toHaveCount(0);
    await see(severity.locator('summary')).toContainText('high, medium');
    await page.getByRole('button', { name: 'Default view' }).click();
    await see(page.getByTestId('queue-view')).toBeVisible();
  });

  it('should offer the known identities as assignees and show per exception which assignment succeeded and which was refused', async () => {
    const picker = page.locator('select[name=bulk-assignee]');
    const options = await picker.locator('option').evaluateAll((all) => all.map((option) => option.getAttribute('value')));
    expect(options).toEqual(expect.arrayContaining(['carol', 'dev-approver', 'dev-operator']));
    expect(await picker.evaluate((select) => select.tagName)).toBe('SELECT');
    await picker.selectOption('carol');
    // The under-collateralized break of bCSPX is open and unassigned; select it and EX-nobody.
    const cspx = (await http().get('/exceptions?assetId=bCSPX&breakType=under-collateralized&status=OPEN').set('X-API-Key', KEYS.operator).expect(200)).body.items[0];
    await page.getByTestId(`queue-row-${cspx.exceptionId}`).getByRole('checkbox').check();
    await page.getByTestId('queue-row-EX-nobody').getByRole('checkbox').check();
    await see(page.getByText('2 selected')).toBeVisible();
    // Meanwhile the custodian's statement shows the 50 shares: the break clears before the assignment arrives.
    await uploadStatement(api.app, KEYS.operator, demoStatement(today(), '800'), 'cleared.csv');
    await api.settled();
    await page.getByRole('button', { name: 'Assign selected' }).click();
    await see(page.getByRole('alert')).toHaveText('Assigned 1 of 2 exceptions to carol; 1 refused.');
    const outcomes = page.getByTestId('bulk-outcomes');
    await see(outcomes.locator('li.assigned')).toHaveText('EX-nobody: assigned');
    await see(outcomes.locator('li.refused')).toContainText(`${cspx.shortId}: refused (`);
    await screenshot(page, '12-queue-partial-bulk');
  });
});
