/**
 * A progress bar on stderr for long replays: percentage, events per second and time left. It stays
 * silent for the first second (a short replay prints nothing) and when stderr is not a terminal,
 * unless asked for; the wall clock here only measures the replay, it never reaches a report.
 */
export class ProgressBar {
  private readonly started = Date.now();
  private lastDraw = 0;
  private drawn = false;

  constructor(
    private readonly label: string,
    private readonly head: bigint | undefined,
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly force = false,
  ) {}

  update(position: bigint): void {
    const now = Date.now();
    const elapsed = (now - this.started) / 1000;
    if (elapsed < 1 || now - this.lastDraw < 100 || !(this.stream.isTTY || this.force)) return;
    this.lastDraw = now;
    this.draw(position, elapsed);
  }

  finish(position: bigint): void {
    if (!this.drawn) return;
    this.draw(position, (Date.now() - this.started) / 1000);
    this.stream.write('\n');
  }

  private draw(position: bigint, elapsed: number): void {
    this.drawn = true;
    // Positions are counts of events: small enough for a number, and only shown, never stored.
    const done = Number(position);
    const rate = elapsed > 0 ? done / elapsed : 0;
    const total = this.head === undefined ? undefined : Number(this.head);
    const line = total && total > 0
      ? `${this.label} [${bar(done / total)}] ${Math.floor((100 * done) / total)}% ${done}/${total} events, ${Math.round(rate)} ev/s, ETA ${eta(rate > 0 ? (total - done) / rate : 0)}`
      : `${this.label} ${done} events, ${Math.round(rate)} ev/s`;
    this.stream.write(this.stream.isTTY ? `\r${line}\u001b[K` : `${line}\n`);
  }
}

function bar(fraction: number, width = 30): string {
  const filled = Math.max(0, Math.min(width, Math.round(fraction * width)));
  return '#'.repeat(filled) + '-'.repeat(width - filled);
}

function eta(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}
