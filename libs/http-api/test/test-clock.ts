import { lastBusinessDay as lastBusinessDayBefore } from '../src/demo/demo-seed';

/**
 * The last weekday before today: the statement a daily custodian has delivered by now. An older date
 * would rightly be a stale-statement break (the reconciler judges at the events' recorded time).
 */
export const lastBusinessDay = (): string => lastBusinessDayBefore(new Date().toISOString());

/**
 * Polls until `check` passes on what `read` returns: the projector and the outbox dispatcher run
 * asynchronously, as in production. Fails with the last value read.
 */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}: last ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
