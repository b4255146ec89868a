import type { RecordedEvent } from '@recon/event-store';
import type { DataSource, EntityManager } from 'typeorm';
import { ApplyResult, ReadModelProjection } from '../projection/read-model-projection';

export interface ConsumedEvent {
  /** Kafka offset of the message (decimal string, as kafkajs gives it). */
  readonly offset: string;
  readonly event: RecordedEvent;
}

export interface KafkaBatchInput {
  readonly groupId: string;
  readonly topic: string;
  readonly partition: number;
  readonly messages: readonly ConsumedEvent[];
  /**
   * The stored offset at which a gap (first message offset > stored next offset) is accepted. The
   * consumer first seeks back to the stored offset; a gap that is still there afterwards is a real
   * hole in the log (transaction markers, compaction, retention), not messages it skipped.
   */
  readonly acceptGapAt?: string;
}

export type KafkaBatchOutcome =
  | ({ readonly status: 'committed'; readonly nextOffset: string; readonly stale: number } & ApplyResult)
  | { readonly status: 'gap'; readonly storedOffset: string };

/**
 * Kafka → read models with an exactly-once effect: ONE database transaction per call writes the
 * projected rows and each partition's next offset (consumer_offsets). Messages below the stored offset
 * (redelivered after a crash between the database commit and the Kafka commit, or fetched before a
 * seek took effect) are skipped; event ids already in processed_events have no effect either.
 */
export class ReadModelKafkaSink {
  constructor(
    private readonly dataSource: DataSource,
    readonly projection: ReadModelProjection,
  ) {}

  private get offsets(): string {
    return `"${this.projection.schema}".consumer_offsets`;
  }

  /** Next offset to read per partition, as stored with the rows; partitions never consumed are absent. */
  async storedOffsets(groupId: string, topic: string, partitions: readonly number[]): Promise<Map<number, string>> {
    const rows: Array<{ partition: number; next_offset: string }> = await this.dataSource.query(
      `SELECT partition, next_offset::text AS next_offset FROM ${this.offsets} WHERE group_id = $1 AND topic = $2 AND partition = ANY($3::int[])`,
      [groupId, topic, [...partitions]],
    );
    return new Map(rows.map((row) => [row.partition, row.next_offset]));
  }

  async handleBatch(input: KafkaBatchInput): Promise<KafkaBatchOutcome> {
    return (await this.handleBatches([input]))[0]!;
  }

  /**
   * Several partitions' batches in one transaction (one lock, one projection batch, one offsets
   * write): the events of different partitions may be applied in any interleaving, and each batch's
   * own order is kept. A batch with a gap is left out and reported; the others commit.
   */
  async handleBatches(inputs: readonly KafkaBatchInput[]): Promise<KafkaBatchOutcome[]> {
    if (inputs.length === 0) return [];
    return this.dataSource.transaction(async (manager) => {
      await this.projection.lock(manager);
      const stored: Array<{ group_id: string; topic: string; partition: number; next_offset: string }> = await manager.query(
        `SELECT o.group_id, o.topic, o.partition, o.next_offset::text AS next_offset
         FROM ${this.offsets} o JOIN unnest($1::text[], $2::text[], $3::int[]) AS k(group_id, topic, partition) USING (group_id, topic, partition)
         FOR UPDATE OF o`,
        [inputs.map((i) => i.groupId), inputs.map((i) => i.topic), inputs.map((i) => i.partition)],
      );
      const next = new Map(stored.map((row) => [partitionKey(row.group_id, row.topic, row.partition), BigInt(row.next_offset)]));
      const plans = inputs.map((input) => {
        const key = partitionKey(input.groupId, input.topic, input.partition);
        const plan = planBatch(input, next.get(key));
        if (plan.status === 'apply') next.set(key, BigInt(plan.nextOffset));
        return plan;
      });
      const applying = plans.filter((plan): plan is Extract<BatchPlan, { status: 'apply' }> => plan.status === 'apply');
      const results = await this.projection.applyEventLists(manager, applying.map((plan) => plan.fresh.map((m) => m.event)));
      await this.saveOffsets(manager, applying);
      return plans.map((plan): KafkaBatchOutcome => {
        if (plan.status !== 'apply') return plan;
        return { status: 'committed', nextOffset: plan.nextOffset, stale: plan.stale, ...results[applying.indexOf(plan)]! };
      });
    });
  }

  private async saveOffsets(manager: EntityManager, plans: ReadonlyArray<Extract<BatchPlan, { status: 'apply' }>>): Promise<void> {
    const moved = plans.filter((plan) => plan.fresh.length > 0);
    if (moved.length === 0) return;
    await manager.query(
      `INSERT INTO ${this.offsets} (group_id, topic, partition, next_offset)
       SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::bigint[])
       ON CONFLICT (group_id, topic, partition) DO UPDATE SET next_offset = excluded.next_offset`,
      [moved.map((p) => p.input.groupId), moved.map((p) => p.input.topic), moved.map((p) => p.input.partition), moved.map((p) => p.nextOffset)],
    );
  }
}

type BatchPlan =
  | { readonly status: 'apply'; readonly input: KafkaBatchInput; readonly fresh: readonly ConsumedEvent[]; readonly stale: number; readonly nextOffset: string }
  | Extract<KafkaBatchOutcome, { status: 'gap' }>;

const partitionKey = (groupId: string, topic: string, partition: number): string => JSON.stringify([groupId, topic, partition]);

/** What to do with one batch given the partition's stored next offset (undefined: never consumed). */
function planBatch(input: KafkaBatchInput, storedOffset: bigint | undefined): BatchPlan {
  const fresh = storedOffset === undefined ? input.messages : input.messages.filter((m) => BigInt(m.offset) >= storedOffset);
  const stale = input.messages.length - fresh.length;
  const first = fresh[0];
  if (!first) return { status: 'apply', input, fresh, stale, nextOffset: (storedOffset ?? 0n).toString() };
  if (storedOffset !== undefined && BigInt(first.offset) > storedOffset && input.acceptGapAt !== storedOffset.toString()) {
    return { status: 'gap', storedOffset: storedOffset.toString() };
  }
  return { status: 'apply', input, fresh, stale, nextOffset: (BigInt(fresh[fresh.length - 1]!.offset) + 1n).toString() };
}
