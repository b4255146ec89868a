import { isRangeRefusal } from './log-ranges';
import { viem } from './viem';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 8, baseDelayMs: 200, maxDelayMs: 5_000 };

/**
 * Faults that pass: a time-out, rate limiting (HTTP 429), a server error, or a node that does not
 * answer at all (restarting). A refused request (bad parameters, reverted call) fails the same way
 * every time, so it is not retried; nor is a getLogs range the node refuses as too wide or too large
 * (the watcher asks for a smaller one).
 */
export function isTransient(error: unknown): boolean {
  // A range refused for its width or its answer's size (some providers say so with -32005) fails again as asked: ask for less instead.
  if (isRangeRefusal(error)) return false;
  for (let cause: unknown = error; cause instanceof Error; cause = (cause as { cause?: unknown }).cause) {
    if (cause instanceof viem.TimeoutError) return true;
    if (cause instanceof viem.HttpRequestError) return cause.status === undefined || cause.status === 429 || cause.status >= 500;
    if (cause instanceof viem.RpcRequestError) return cause.code === -32005 || cause.code === 429; // limit exceeded
    if (/ECONNREFUSED|ECONNRESET|socket hang up|fetch failed|other side closed/i.test(cause.message)) return true;
  }
  return false;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Exponential backoff with full jitter, so several watchers do not retry in step against one node. */
export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  return Math.round(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt));
}

export async function withRetry<T>(what: string, run: () => Promise<T>, policy: RetryPolicy, onRetry?: (attempt: number, error: unknown) => void): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (!isTransient(error) || attempt >= policy.attempts) {
        if (isTransient(error)) throw new Error(`${what}: still failing after ${attempt} attempts: ${(error as Error).message.split('\n')[0]}`, { cause: error });
        throw error;
      }
      onRetry?.(attempt, error);
      await sleep(backoffMs(attempt, policy));
    }
  }
}
