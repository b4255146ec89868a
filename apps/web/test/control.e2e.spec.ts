import { AddressInfo } from 'node:net';
import { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { seedDemo } from '@recon/http-api';
import { ApiHarness, KEYS, startApi } from '../../../libs/http-api/test/api-harness';
import { buildWebIfStale, ConsoleWatch, launchChromium, openPage, screenshot, signIn as signInAs } from './browser';
import { demoStatement, today, uploadStatement } from './control-fixtures';
import { see } from './see';
import { eventually } from '../../../libs/http-api/test/test-clock';

jest.setTimeout(180_000);

/** A: the maker, an operator. B: the checker, an approver and another person. */
const A = { key: KEYS.operator, user: 'dev-operator' };
const B = { key: KEYS.approver, user: 'dev-approver' };

/**
 * Control in Chromium: one person alone changes no figure and closes no break. A proposes a
 * multiplier change that A cannot approve; B approves it and the dashboard's figure moves. A proposes
 * to accept the break's difference up to a stated amount; B approves; the reconciler's next passes
 * leave it closed while the difference stays within the amount, and reopen it when it grows.
 */
describe('Four eyes on figures and resolutions in Chromium', () => {
  let api: ApiHarness;
  let base: string;
  let browser: Browser;
  let page: Page;
  let watch: ConsoleWatch;
  let changeId: string;
  let breakId: string;
  const http = () => request(api.app.getHttpServer());
  const nav = () => page.getByRole('navigation', { name: 'Main' });
  const exceptionStatus = async () => (await http().get(`/exceptions/${encodeURIComponent(breakId)}`).set('X-API-Key', A.key).expect(200)).body.status as string;

  const signIn = ({ key, user }: { key: string; user: string }) => signInAs(page, base, key, user);

  beforeAll(async () => {
    buildWebIfStale();
    api = await startApi({}, { feedPollMs: 200 });
    await api.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    // 800 bCSPX tokens against 750 shares held: 50 short.
    await seedDemo(api.app, new Date().toISOString());
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

  it('should take A\'s multiplier change as a proposal that changes no figure and that A cannot approve', async () => {
    await signIn(A);
    await see(page.getByTestId('asset-bCSPX')).toContainText('−50');
    await nav().getByRole('link', { name: 'Reference data' }).click();
    const form = page.getByRole('form', { name: 'Change a multiplier' });
    await form.getByLabel('Asset').selectOption('bCSPX');
    await form.getByLabel('New multiplier (shares per token)').fill('1.1');
    await form.getByLabel('Reason (corporate action)').fill('Stock dividend 10 %');
    await form.getByRole('button', { name: 'Propose' }).click();
    const answer = form.getByRole('status');
    await see(answer).toContainText('Proposed, awaiting a second person: change ');
    changeId = /change (\S+)\.$/.exec((await answer.textContent()) ?? '')![1]!;
    // Nothing counts before approval: the multiplier in force and the dashboard's difference stay.
    await see(page.getByTestId('reference-asset-bCSPX').getByTestId('asset-multiplier')).toHaveText('1');

    await nav().getByRole('link', { name: 'Pending changes' }).click();
    const row = page.getByTestId(`change-${changeId}`);
    await see(row).toContainText('multiplier');
    await see(row).toContainText(A.user);
    await see(row.getByRole('button', { name: 'Approve' })).toBeDisabled();
    await see(row.getByRole('note')).toContainText('Maker-checker: you proposed this change');
    await screenshot(page, '20-change-maker-refused');
    // The API says the same to A.
    const change = (await http().get('/changes?status=PENDING').set('X-API-Key', A.key).expect(200)).body.find((item: { changeId: string }) => item.changeId === changeId);
    const refused = await http().post(change.approvalPath).set('X-API-Key', A.key);
    expect(refused.status).toBe(403);
    await nav().getByRole('link', { name: 'Dashboard' }).click();
    await see(page.getByTestId('asset-bCSPX')).toContainText('−50');
  });

  it('should apply the change once B approves it, and the dashboard\'s figure moves', async () => {
    await signIn(B);
    await nav().getByRole('link', { name: 'Pending changes' }).click();
    const row = page.getByTestId(`change-${changeId}`);
    await row.getByRole('button', { name: 'Approve' }).click();
    await see(page.getByRole('status')).toHaveText(`Approval of change ${changeId}: done.`);
    await see(page.getByTestId(`change-${changeId}`)).toHaveCount(0);
    // 800 tokens × 1.1 shares = 880 required against 750 held: 130 short.
    await nav().getByRole('link', { name: 'Dashboard' }).click();
    await see(page.getByTestId('asset-bCSPX')).toContainText('−130');
    await screenshot(page, '21-dashboard-after-approval');
  });

  it('should close the break on an accept-difference proposed by A and approved by B, and keep it closed across reconciler passes', async () => {
    await api.settled();
    breakId = (await http().get('/exceptions?assetId=bCSPX&breakType=under-collateralized&status=OPEN').set('X-API-Key', A.key).expect(200)).body.items[0].exceptionId;
    await signIn(A);
    await page.goto(`${base}/app/exceptions/${encodeURIComponent(breakId)}`);
    const form = page.getByRole('form', { name: 'Propose an outcome' });
    await form.getByLabel('Outcome').selectOption('accept-difference');
    await form.getByLabel('Reason code').selectOption('CORPORATE_ACTION');
    await form.getByLabel('Amount (shares, at most)').fill('130');
    await form.getByLabel('Until (date, UTC)').fill(new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10));
    await form.getByLabel('Justification').fill('Stock dividend shares arrive with the next delivery');
    await form.getByRole('button', { name: 'Propose resolution' }).click();
    await see(page.getByTestId('exception-status')).toHaveText('AWAITING_APPROVAL');
    await see(page.getByRole('button', { name: 'Approve' })).toBeDisabled();

    await signIn(B);
    await page.goto(`${base}/app/exceptions/${encodeURIComponent(breakId)}`);
    await page.getByRole('button', { name: 'Approve' }).click();
    await see(page.getByTestId('exception-status')).toHaveText('CLOSED');
    await see(page.getByTestId('exception-outcome')).toHaveText('accept-difference (CORPORATE_ACTION)');
    await see(page.getByTestId('exception-sla')).toHaveText('none: closed');

    // The reconciler passes again: a new statement with the same holding, and the clock's sweep.
    await uploadStatement(api.app, A.key, demoStatement(today(), '750', 'HOLD-SAME-750', '00:00:01'), 'same.csv');
    await api.settled();
    await api.sweepAt(new Date(Date.now() + 60 * 60_000));
    expect(await exceptionStatus()).toBe('CLOSED');
    await page.reload();
    await see(page.getByTestId('exception-status')).toHaveText('CLOSED');
    await screenshot(page, '22-accepted-difference-sticks');
  });

  it('should reopen the accepted difference on its own when the difference grows beyond the amount, keeping the resolution in the history', async () => {
    // 700 held against 880 required: 180 short, beyond the 130 accepted.
    await uploadStatement(api.app, A.key, demoStatement(today(), '700', 'HOLD-GROWN-700', '00:00:02'), 'grown.csv');
    await api.settled();
    // The reconciler's raise on the grown difference reaches the exception's aggregate, which reopens it.
    await eventually(exceptionStatus, (status) => status === 'OPEN', 'the reopening on the grown difference');
    await page.goto(`${base}/app/exceptions/${encodeURIComponent(breakId)}`);
    await see(page.getByTestId('exception-status')).toHaveText('OPEN');
    const history = page.getByRole('table', { name: 'History' });
    await see(history).toContainText('ResolutionApproved');
    await see(history).toContainText('ExceptionReopened');
    const detail = (await http().get(`/exceptions/${encodeURIComponent(breakId)}`).set('X-API-Key', A.key).expect(200)).body;
    const reopened = detail.history.filter((entry: { type: string }) => entry.type === 'ExceptionReopened').at(-1);
    expect(String(reopened.data.reason)).toMatch(/\S/);
    await see(page.getByTestId('exception-sla')).toContainText(/left|overdue/);
    await screenshot(page, '23-accepted-difference-reopened');
  });
});
