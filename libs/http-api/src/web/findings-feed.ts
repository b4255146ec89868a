import { Inject, Injectable, Logger, OnApplicationShutdown, Optional } from '@nestjs/common';
import { assertReadModelSchema } from '@recon/read-models';
import { Observable, Subject } from 'rxjs';
import { READ_MODELS, ReadModels } from '../read-side/read-models.provider';

/** An exception that is new or changed since the previous look, as the queue lists it. */
export interface ChangedFinding {
  readonly exceptionId: string;
  readonly assetId: string;
  readonly breakType: string;
  readonly severity: string;
  readonly status: string;
  readonly version: number;
}

export interface FindingsChange {
  readonly exceptions: readonly ChangedFinding[];
  /** Changed exceptions left out of `exceptions` to keep one message small. */
  readonly more: number;
  readonly collateralizationChanged: boolean;
}

/** `ready` once the feed has its baseline: a client that reads its screens after it misses no change. */
export type FeedMessage = { readonly type: 'ready' } | { readonly type: 'findings'; readonly change: FindingsChange };

export const FEED_POLL_MS = Symbol('FEED_POLL_MS');
const MAX_LISTED = 100;

interface Fingerprint {
  readonly exceptions: string;
  readonly collateralization: string;
}

/**
 * Watches the exceptions and collateralization read models for the live screens. One poll serves
 * every subscriber and runs only while someone listens: embedded mode has a single database
 * connection, so each open browser tab must not add queries of its own. Every change to an exception
 * raises its stream version, so (count, sum of versions) changes whenever any exception is raised or
 * changes; only then are the versions compared row by row to name what changed.
 */
@Injectable()
export class FindingsFeed implements OnApplicationShutdown {
  private readonly logger = new Logger('findings-feed');
  private readonly changes = new Subject<FindingsChange>();
  private subscribers = 0;
  private timer?: NodeJS.Timeout;
  /** Polls run one after another; the interval skips a beat while one is still queued. */
  private chain: Promise<void> = Promise.resolve();
  private queued = false;
  private baseline: Promise<void> = Promise.resolve();
  private last?: Fingerprint;
  private versions = new Map<string, number>();

  constructor(
    @Optional() @Inject(READ_MODELS) private readonly readModels?: ReadModels,
    @Optional() @Inject(FEED_POLL_MS) private readonly pollMs: number = 1000,
  ) {}

  /**
   * `ready`, then every change after it. The poll starts with the first subscriber (its first look
   * is the baseline) and stops after the last.
   */
  watch(): Observable<FeedMessage> {
    return new Observable<FeedMessage>((subscriber) => {
      const subscription = this.changes.subscribe((change) => subscriber.next({ type: 'findings', change }));
      if (this.subscribers++ === 0) this.start();
      void this.baseline.then(() => subscriber.next({ type: 'ready' }));
      return () => {
        subscription.unsubscribe();
        if (--this.subscribers === 0) this.stop();
      };
    });
  }

  onApplicationShutdown(): void {
    this.stop();
    this.changes.complete();
  }

  private start(): void {
    if (!this.readModels) return;
    this.baseline = this.enqueue();
    this.timer = setInterval(() => {
      if (this.queued) return;
      this.queued = true;
      void this.enqueue().finally(() => (this.queued = false));
    }, this.pollMs);
  }

  private enqueue(): Promise<void> {
    this.chain = this.chain.then(() => this.poll());
    return this.chain;
  }

  private stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.last = undefined;
  }

  private async poll(): Promise<void> {
    try {
      const current = await this.fingerprint();
      const previous = this.last;
      this.last = current;
      // The first look only sets the baseline: the subscriber reads the screens' data itself on connecting.
      if (!previous) {
        if (current.exceptions !== '0:0') this.versions = await this.readVersions().then((rows) => new Map(rows.map((row) => [row.exceptionId, row.version])));
        return;
      }
      const exceptionsChanged = current.exceptions !== previous.exceptions;
      const collateralizationChanged = current.collateralization !== previous.collateralization;
      if (!exceptionsChanged && !collateralizationChanged) return;
      const changed = exceptionsChanged ? await this.changedExceptions() : [];
      this.changes.next({ exceptions: changed.slice(0, MAX_LISTED), more: Math.max(0, changed.length - MAX_LISTED), collateralizationChanged });
    } catch (error) {
      this.logger.warn(`poll failed: ${String(error)}`);
    }
  }

  private async fingerprint(): Promise<Fingerprint> {
    const { dataSource, schema } = this.readModels!;
    const s = `"${assertReadModelSchema(schema)}"`;
    const [row] = (await dataSource.query(
      `SELECT (SELECT count(*)::text || ':' || coalesce(sum(stream_version), 0)::text FROM ${s}.exceptions) AS exceptions,
              (SELECT md5(coalesce(string_agg(asset_id || ':' || difference::text || ':' || coalesce(ratio, '') || ':' || coalesce(as_of::text, ''), ',' ORDER BY asset_id), ''))
                 FROM ${s}.collateralization)
              -- The last confirmed block per chain is on the dashboard too: a new one is a change to show.
              || (SELECT coalesce(string_agg(asset_id || ':' || chain_id || ':' || coalesce(confirmed_block::text, ''), ',' ORDER BY asset_id, chain_id), '')
                    FROM ${s}.token_supply) AS collateralization`,
    )) as Fingerprint[];
    return row!;
  }

  private async readVersions(): Promise<ChangedFinding[]> {
    const { dataSource, schema } = this.readModels!;
    return dataSource.query(
      `SELECT exception_id AS "exceptionId", asset_id AS "assetId", break_type AS "breakType", severity, status, stream_version AS version
         FROM "${assertReadModelSchema(schema)}".exceptions ORDER BY last_changed_at DESC`,
    );
  }

  private async changedExceptions(): Promise<ChangedFinding[]> {
    const rows = await this.readVersions();
    const changed = rows.filter((row) => this.versions.get(row.exceptionId) !== row.version);
    this.versions = new Map(rows.map((row) => [row.exceptionId, row.version]));
    return changed;
  }
}
