/**
 * How many times the event loop turned while `work` ran: a timer queued with setImmediate runs once
 * per turn. A parse that yields every step lets it run once per step, a parse that holds the loop
 * not at all; so the count says whether the parse yields as often as its steps promise, on any
 * machine, however loaded (how long each turn takes is measured by `npm run bench -- parse`).
 */
export async function turnsDuring<T>(work: () => Promise<T>): Promise<{ result: T; turns: number }> {
  let turns = 0;
  let running = true;
  const tick = () => {
    turns++;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  const result = await work();
  running = false;
  return { result, turns };
}
