import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Browser, chromium, ConsoleMessage, Page } from 'playwright-core';
import { see } from './see';

const ROOT = path.resolve(__dirname, '../../..');
export const SCREENSHOTS = path.join(ROOT, 'test-artifacts/screenshots');

/** Debian's Chromium; no browser is downloaded. `.ci/run` installs it when it is missing. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Builds dist/web when it is missing or older than its sources, as `npm start` does. */
export function buildWebIfStale(): void {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build-web.js'), '--if-stale'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('the web application did not build');
}

/**
 * Headless Chromium on a fresh profile (Playwright gives every launch a new temporary user-data-dir
 * and deletes it on close). Playwright also closes the browser when this process exits or is
 * interrupted (its handleSIGINT/SIGTERM/SIGHUP defaults), so no browser outlives the test run.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, handleSIGINT: true, handleSIGTERM: true, handleSIGHUP: true });
}

/**
 * Every console error and uncaught page error fails the test, except the browser's own log line for
 * an HTTP refusal the test provokes on purpose (Chromium logs "Failed to load resource" for any 4xx
 * answer, an expected one too), allowed by status and path only.
 */
export class ConsoleWatch {
  readonly problems: string[] = [];
  private readonly allowed: Array<{ status: number; path: string }> = [];

  constructor(page: Page) {
    page.on('console', (message) => this.onConsole(message));
    page.on('pageerror', (error) => this.problems.push(`page error: ${error.message}`));
  }

  expectRefusal(status: number, path: string): void {
    this.allowed.push({ status, path });
  }

  private onConsole(message: ConsoleMessage): void {
    if (message.type() !== 'error') return;
    const refused = /^Failed to load resource: the server responded with a status of (\d{3})/.exec(message.text());
    const url = message.location().url;
    if (refused && url && this.allowed.some(({ status, path: allowedPath }) => status === Number(refused[1]) && new URL(url).pathname === allowedPath)) return;
    this.problems.push(`console error: ${message.text()} (${url})`);
  }
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** A new tab at the tests' window size, failing on any console error (see ConsoleWatch). */
export async function openPage(browser: Browser): Promise<{ page: Page; watch: ConsoleWatch }> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  page.setDefaultTimeout(20_000);
  return { page, watch: new ConsoleWatch(page) };
}

/** Signs `user` in with their API key, signing out whoever the tab still holds. */
export async function signIn(page: Page, base: string, key: string, user: string): Promise<void> {
  await page.goto(`${base}/app/`);
  // The tab may still hold the previous user's key: wait until the app has either signed that in or asks for a key.
  const signOut = page.getByRole('button', { name: 'Sign out' });
  await page.locator('#api-key').or(signOut).waitFor();
  if (await signOut.isVisible()) await signOut.click();
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await see(page.getByTestId('signed-in-user')).toContainText(user);
}
