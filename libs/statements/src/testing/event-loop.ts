/**
 * The longest stretch of work the event loop did without a turn while `work` ran, in milliseconds
 * of this process's CPU time. CPU time rather than wall time: on a loaded machine (CI, shared
 * cores) the process is descheduled for whole time slices, which no yielding can prevent and which
 * would make the measure say more about the neighbours than about the parser.
 */
export async function longestBlock<T>(work: () => Promise<T>): Promise<{ result: T; longestMs: number }> {
  let longestMs = 0;
  let last = process.cpuUsage();
  let running = true;
  const tick = () => {
    const spent = process.cpuUsage(last);
    longestMs = Math.max(longestMs, (spent.user + spent.system) / 1000);
    last = process.cpuUsage();
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  const result = await work();
  running = false;
  return { result, longestMs };
}
