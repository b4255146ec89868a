import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DomainError, ExceptionCommand } from '@recon/domain';
import { RECONCILER_ACTOR, ReconciliationProjection } from '@recon/read-models';
import { ExecuteExceptionCommand } from '../features/exceptions/exceptions.controller';
import { CommandResult } from '@recon/command-execution';
import { DuplicateEventIdError } from '@recon/event-store';
import { READ_MODELS, ReadModels } from './read-models.provider';

/** How often the outbox is drained and how often every asset is reconciled against the clock. */
export interface ReconcilerTimers {
  readonly dispatchEveryMs: number;
  readonly sweepEveryMs: number;
}
export const RECONCILER_TIMERS = Symbol('RECONCILER_TIMERS');
export const DEFAULT_RECONCILER_TIMERS: ReconcilerTimers = { dispatchEveryMs: 500, sweepEveryMs: 60_000 };

interface OutboxRow {
  id: string;
  command: ExceptionCommand;
}

/**
 * Sends the reconciler's exception commands (written by the projector into `exception_outbox`, in
 * the transaction that saw the break) through the exception aggregate, oldest first, then marks the
 * row done; a crash in between sends it again, which the decider turns into nothing (the event ids
 * come from the row id, and a repeated raise decides no event). A command the rules refuse (a
 * clear of an exception people already closed) is recorded with its reason, not retried forever.
 */
@Injectable()
export class ExceptionOutboxDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('reconciler');
  private timers: NodeJS.Timeout[] = [];
  private running: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly commands: CommandBus,
    @Optional() @Inject(READ_MODELS) private readonly readModels?: ReadModels,
    @Optional() @Inject(RECONCILER_TIMERS) private readonly timing: ReconcilerTimers = DEFAULT_RECONCILER_TIMERS,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.readModels) return;
    const every = (ms: number, work: () => Promise<unknown>) =>
      this.timers.push(setInterval(() => void this.inTurn(work).catch((error: unknown) => this.logger.error(String(error))), ms));
    every(this.timing.dispatchEveryMs, () => this.drainRows());
    every(this.timing.sweepEveryMs, () => this.sweepAt(new Date().toISOString()));
  }

  /**
   * Runs `work` after whatever this instance is already doing: two drains of one instance at once
   * would send the same row twice, and the second, deciding on the first's events, would try other
   * events under the same ids.
   */
  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    const turn = this.running.then(work);
    this.running = turn.catch(() => undefined);
    return turn;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    await this.running;
  }

  /** Sends every pending command, in turn with the timers' work; returns how many were handled. */
  drain(): Promise<number> {
    return this.inTurn(() => this.drainRows());
  }

  private async drainRows(): Promise<number> {
    let handled = 0;
    while (!this.stopped && (await this.dispatchOne())) handled += 1;
    return handled;
  }

  /** Reconciles every asset at `now` (aged settlements, late statements), then sends what it found. */
  sweep(now: string): Promise<void> {
    return this.inTurn(() => this.sweepAt(now));
  }

  private async sweepAt(now: string): Promise<void> {
    const { dataSource, schema } = this.readModels!;
    const projection = new ReconciliationProjection(schema);
    await dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`recon-reconciler:${schema}`]);
      await projection.sweep(manager, now);
    });
    await this.drainRows();
  }

  /**
   * No transaction is held while the command runs: embedded, the event store and the read models
   * share PGlite's single connection, which the command needs. Two instances may therefore send the
   * same row; the row id fixes the event ids and the decider turns the second into nothing.
   */
  private async dispatchOne(): Promise<boolean> {
    const { dataSource, schema } = this.readModels!;
    const rows: OutboxRow[] = await dataSource.query(
      `SELECT id::text AS id, command FROM "${schema}".exception_outbox WHERE dispatched_at IS NULL ORDER BY id LIMIT 1`,
    );
    const row = rows[0];
    if (!row) return false;
    const outcome = await this.send(schema, row);
    await dataSource.query(`UPDATE "${schema}".exception_outbox SET dispatched_at = now(), outcome = $2 WHERE id = $1 AND dispatched_at IS NULL`, [row.id, outcome]);
    return true;
  }

  private async send(schema: string, { id, command }: OutboxRow): Promise<string> {
    try {
      const result: CommandResult = await this.commands.execute(
        new ExecuteExceptionCommand(command, {
          principal: { id: RECONCILER_ACTOR, roles: ['operator'], via: 'api-key' },
          now: command.metadata.now,
          correlationId: `reconciler-${schema}-${id}`,
          idempotencyKey: `exception-outbox-${schema}-${id}`,
        }),
      );
      return result.appended.map((event) => event.type).join(',') || 'no change';
    } catch (error) {
      if (error instanceof DomainError) return `refused: ${error.code}: ${error.message}`;
      // Another instance sent this row first: its events, under the ids the row fixes, are stored.
      if (error instanceof DuplicateEventIdError) return 'no change (sent by another instance)';
      throw error;
    }
  }
}
