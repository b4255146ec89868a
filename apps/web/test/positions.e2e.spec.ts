import { readFile } from 'node:fs/promises';
import { AddressInfo } from 'node:net';
import { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { ApiHarness, KEYS, startApi } from '../../../libs/http-api/test/api-harness';
import { HOLDINGS_JULY_1, HOLDINGS_JUNE_28 } from '../../../libs/http-api/test/position-statements';
import { buildWebIfStale, ConsoleWatch, launchChromium, screenshot } from './browser';
import { see, seeUrl } from './see';

jest.setTimeout(120_000);

const [JUNE_28, JULY_1] = [HOLDINGS_JUNE_28, HOLDINGS_JULY_1];

/**
 * The positions screen in headless Chromium: an auditor picks the account from the navigation's
 * Positions screen, reads the holding with its breakdown, goes back to an instant before the second
 * statement to find the pending delivery, and downloads the CSV the API exports.
 */
describe('Positions screen in Chromium', () => {
  let api: ApiHarness;
  let base: string;
  let browser: Browser;
  let page: Page;
  let watch: ConsoleWatch;

  beforeAll(async () => {
    buildWebIfStale();
    api = await startApi();
    await api.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    for (const [name, content] of [['holdings-2024-06-28.txt', JUNE_28], ['holdings-2024-07-01.txt', JULY_1]] as const) {
      await request(api.app.getHttpServer()).post('/custody/statements/upload').set('X-API-Key', KEYS.operator).attach('file', Buffer.from(content), name).expect(201);
    }
    await api.settled();
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    watch = new ConsoleWatch(page);
  });
  afterEach(() => {
    expect(watch.problems).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('should list the chosen account\'s positions with their breakdown, from the navigation', async () => {
    await page.goto(`${base}/app/`);
    await page.getByLabel('API key').fill(KEYS.auditor);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Positions' }).click();
    await see(page.getByRole('heading', { name: 'Custody positions' })).toBeVisible();
    await page.getByLabel('Custody account', { exact: true }).selectOption('CUSTCHZZ/SAFE-1000');
    await seeUrl(page, `${base}/app/positions?custodian=CUSTCHZZ&account=SAFE-1000`);
    await see(page.getByTestId('positions-statement')).toContainText('Statement HOLDINGS|CUSTCHZZ|SAFE-1000|2024-07-01T17:30:00|CUST|SETT of 2024-07-01 (settled, complete)');
    const apple = page.getByRole('row', { name: /US0378331005/ });
    await see(apple).toContainText('1,300');
    await see(apple).toContainText('AWAS available 1,300');
    await screenshot(page, 'positions-now');
  });

  it('should show the pending delivery as of an instant before the second statement', async () => {
    await page.getByLabel('As of (UTC)', { exact: true }).fill('2024-06-30T12:00:00');
    await page.getByRole('button', { name: 'Show' }).click();
    await seeUrl(page, `${base}/app/positions?custodian=CUSTCHZZ&account=SAFE-1000&asOf=2024-06-30T12%3A00%3A00Z`);
    await see(page.getByTestId('positions-statement')).toContainText('Statement HOLDINGS|CUSTCHZZ|SAFE-1000|2024-06-28T17:30:00|CUST|SETT of 2024-06-28');
    const apple = page.getByRole('row', { name: /US0378331005/ });
    await see(apple).toContainText('1,234.5');
    await see(apple).toContainText('PEND not available 34.5');
  });

  it('should download the API\'s CSV of what the screen shows', async () => {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
    const text = await readFile((await file.path())!, 'utf8');
    const lines = text.split('\r\n');
    expect(lines[0]).toContain('isin,asset_id,aggregate,available,not_available,sub_balances');
    expect(lines[2]).toContain('US0378331005,,1234.5,1200,34.5,PEND NOT_AVAILABLE 34.5,HOLDINGS|CUSTCHZZ|SAFE-1000|2024-06-28T17:30:00|CUST|SETT,2024-06-28');
  });

  it('should go back to the positions now', async () => {
    await page.getByRole('button', { name: 'Now' }).click();
    await see(page.getByTestId('positions-statement')).toContainText('HOLDINGS|CUSTCHZZ|SAFE-1000|2024-07-01T17:30:00|CUST|SETT');
  });
});
