import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { normalizeBic } from '@recon/domain';
import { IngestionReport, StatementFile, StatementRefusedError } from '@recon/ingestion';
import { summaryOf } from './statement-summary';

export const PROCESSED = 'processed';
/** A folder's own custodian: a file in it holding one BIC (hidden, so the inbox never takes it for a statement). */
export const CUSTODIAN_FILE = '.custodian';
export const REJECTED = 'rejected';

/** Files being written under a temporary name, or hidden: a sender that renames when done is never read half-written. */
const IN_PROGRESS = /^\.|\.(tmp|part|partial)$/i;

interface Stamp {
  readonly size: number;
  readonly mtimeMs: number;
}

/** A stamp and when this watcher first saw it, on its own clock. */
interface Sighting extends Stamp {
  readonly since: number;
}

export interface InboxOptions {
  readonly folder: string;
  /** A file is taken once its size and modification time have stood still this long, timed on this machine's clock. */
  readonly settleMs: number;
  readonly ingest: (file: StatementFile) => Promise<IngestionReport>;
  readonly log: (line: string) => void;
}

export interface SweepResult {
  readonly processed: number;
  readonly rejected: number;
  /** Files seen but not yet settled. */
  readonly waiting: number;
  /** Files whose ingestion failed for a reason other than their content (the store was down): left in place for the next sweep. */
  readonly failed: number;
}

/**
 * The BIC in the folder's `.custodian` file, in its normal form; undefined without the file. Lets
 * one watcher per custodian's drop folder take files that name no sender (semt.002 without AppHdr
 * or AcctSvcr, CSV exports without the column).
 */
export async function folderCustodian(folder: string): Promise<string | undefined> {
  const file = path.join(folder, CUSTODIAN_FILE);
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (text === undefined) return undefined;
  const bic = normalizeBic(text);
  if (bic === undefined) throw new Error(`${file}: ${JSON.stringify(text.trim())} is not a BIC (ISO 9362: 4 letters, 2 letters, 2 letters or digits, optionally 3 letters or digits)`);
  return bic;
}

/** `name`, or `name-2.ext`, `name-3.ext` … : a file of the same name processed earlier is never overwritten. */
async function freeName(folder: string, name: string): Promise<string> {
  const { name: base, ext } = path.parse(name);
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? name : `${base}-${n}${ext}`;
    const taken = await stat(path.join(folder, candidate)).then(() => true, () => false);
    if (!taken) return candidate;
  }
}

/**
 * A watched folder of statement files. Each sweep takes the files that have settled, ingests each,
 * and moves it to processed/ or, refused, to rejected/ with `<name>.error.txt` beside it naming the
 * line and field. The file is moved only after its ingestion returned, so a crash in between leaves
 * it in the folder: the next sweep ingests it again, which appends nothing (deterministic ids), and
 * moves it. One watcher per folder.
 */
export class StatementInbox {
  private readonly seen = new Map<string, Sighting>();

  constructor(private readonly options: InboxOptions) {}

  async prepare(): Promise<void> {
    await mkdir(path.join(this.options.folder, PROCESSED), { recursive: true });
    await mkdir(path.join(this.options.folder, REJECTED), { recursive: true });
  }

  async sweep(now = Date.now()): Promise<SweepResult> {
    const result = { processed: 0, rejected: 0, waiting: 0, failed: 0 };
    const entries = await readdir(this.options.folder, { withFileTypes: true });
    const present = new Set<string>();
    for (const entry of entries) {
      if (!entry.isFile() || IN_PROGRESS.test(entry.name)) continue;
      present.add(entry.name);
      const file = path.join(this.options.folder, entry.name);
      const stamp = await stat(file).then(({ size, mtimeMs }) => ({ size, mtimeMs }), () => undefined);
      if (!stamp) continue; // moved or removed meanwhile
      if (!this.settled(entry.name, stamp, now)) {
        result.waiting++;
        continue;
      }
      result[await this.take(entry.name)]++;
    }
    for (const name of this.seen.keys()) if (!present.has(name)) this.seen.delete(name);
    return result;
  }

  /**
   * Unchanged since the previous sweep, and for the settle time since this watcher first saw it so.
   * The time is this machine's, never the file's modification time: a sender's or file server's
   * clock may run ahead (a file dated in the future would never settle) or behind (a file still
   * being written would look old).
   */
  private settled(name: string, stamp: Stamp, now: number): boolean {
    const previous = this.seen.get(name);
    const unchanged = previous !== undefined && previous.size === stamp.size && previous.mtimeMs === stamp.mtimeMs;
    const since = unchanged ? previous.since : now;
    this.seen.set(name, { ...stamp, since });
    return unchanged && now - since >= this.options.settleMs;
  }

  private async take(name: string): Promise<'processed' | 'rejected' | 'failed'> {
    const { folder, log } = this.options;
    const source = path.join(folder, name);
    try {
      const report = await this.options.ingest({ name, bytes: await readFile(source) });
      await rename(source, path.join(folder, PROCESSED, await freeName(path.join(folder, PROCESSED), name)));
      this.seen.delete(name);
      log(`processed ${summaryOf(report)}`);
      return 'processed';
    } catch (error) {
      if (!(error instanceof StatementRefusedError)) {
        log(`failed ${name}, left for the next sweep: ${error instanceof Error ? error.message : String(error)}`);
        return 'failed';
      }
      const target = await freeName(path.join(folder, REJECTED), name);
      await writeFile(path.join(folder, REJECTED, `${target}.error.txt`), `${name} was refused; nothing of it was appended.\n${error.message}\n`);
      await rename(source, path.join(folder, REJECTED, target));
      this.seen.delete(name);
      log(`rejected ${name}: ${error.problems[0]?.message ?? error.message}`);
      return 'rejected';
    }
  }
}
