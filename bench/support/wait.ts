/** Polls `done` every 5 ms until it holds; rejects after `timeoutMs`, naming what it waited for. */
export async function until(done: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
