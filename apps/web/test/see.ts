import { Locator, Page } from 'playwright-core';

const TIMEOUT_MS = 20_000;

/** Retries `check` until it passes: the page renders asynchronously (fetches, live events). */
async function eventually(check: () => Promise<void>, what: string): Promise<void> {
  const until = Date.now() + TIMEOUT_MS;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > until) throw new Error(`${what}: ${(error as Error).message}`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

function fail(message: string): never {
  throw new Error(message);
}

/**
 * Waiting assertions on a locator, named like @playwright/test's (playwright-core has none): each
 * retries until it holds or the time is up, then fails with what it last saw.
 */
export function see(target: Locator) {
  const text = async () => (await target.first().textContent({ timeout: 1000 })) ?? '';
  const matches = (actual: string, expected: string | RegExp) => (typeof expected === 'string' ? actual.includes(expected) : expected.test(actual));
  const assertions = (negate: boolean) => ({
    toContainText: (expected: string | RegExp) =>
      eventually(async () => {
        const actual = await text();
        if (matches(actual, expected) === negate) fail(`text ${JSON.stringify(actual)} ${negate ? 'contains' : 'lacks'} ${String(expected)}`);
      }, `${target}`),
  });
  return {
    ...assertions(false),
    not: assertions(true),
    toHaveText: (expected: string) =>
      eventually(async () => {
        const actual = (await text()).trim();
        if (actual !== expected) fail(`text is ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
      }, `${target}`),
    toBeVisible: () => target.first().waitFor({ state: 'visible', timeout: TIMEOUT_MS }),
    toHaveCount: (expected: number) =>
      eventually(async () => {
        const actual = await target.count();
        if (actual !== expected) fail(`${actual} elements, expected ${expected}`);
      }, `${target}`),
    toBeDisabled: () =>
      eventually(async () => {
        if (!(await target.isDisabled({ timeout: 1000 }))) fail('enabled');
      }, `${target}`),
    toBeFocused: () =>
      eventually(async () => {
        if (!(await target.evaluate((element) => element === element.ownerDocument.activeElement, undefined, { timeout: 1000 }))) fail('not focused');
      }, `${target}`),
    toHaveAttribute: (name: string, expected: string | RegExp) =>
      eventually(async () => {
        const actual = await target.getAttribute(name, { timeout: 1000 });
        if (typeof expected === 'string' ? actual !== expected : !expected.test(actual ?? '')) fail(`${name} is ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
      }, `${target}`),
    toHaveClass: (expected: RegExp) =>
      eventually(async () => {
        const actual = (await target.getAttribute('class', { timeout: 1000 })) ?? '';
        if (!expected.test(actual)) fail(`class is ${JSON.stringify(actual)}, expected ${String(expected)}`);
      }, `${target}`),
  };
}

export const seeUrl = (page: Page, expected: string) =>
  eventually(async () => {
    if (page.url() !== expected) fail(`URL is ${page.url()}, expected ${expected}`);
  }, 'page URL');
