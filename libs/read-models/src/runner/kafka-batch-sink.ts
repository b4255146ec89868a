import type { RecordedEvent } from '@recon/event-store';
import type { DataSource } from 'typeorm';
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
 * Kafka → read models with an exactly-once effect: ONE database transaction per batch writes the
 * projected rows and the partition's next offset (consumer_offsets). Messages below the stored offset
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
    return this.dataSource.transaction(async (manager) => {
      await this.projection.lock(manager);
      const stored: Array<{ next_offset: string }> = await manager.query(
        `SELECT next_offset::text AS next_offset FROM ${this.offsets} WHERE group_id = $1 AND topic = $2 AND partition = $3 FOR UPDATE`,
        [input.groupId, input.topic, input.partition],
      );
      const storedOffset = stored[0] ? BigInt(stored[0].next_offset) : undefined;
      const fresh = storedOffset === undefined ? input.messages : input.messages.filter((m) => BigInt(m.offset) >= storedOffset);
      const stale = input.messages.length - fresh.length;
      const first = fresh[0];
      if (!first) return { status: 'committed', nextOffset: (storedOffset ?? 0n).toString(), stale, applied: 0, duplicates: 0 };
      if (storedOffset !== undefined && BigInt(first.offset) > storedOffset && input.acceptGapAt !== storedOffset.toString()) {
        return { status: 'gap', storedOffset: storedOffset.toString() };
      }
      const result = await this.projection.applyEvents(manager, fresh.map((m) => m.event));
      const nextOffset = (BigInt(fresh[fresh.length - 1]!.offset) + 1n).toString();
      await manager.query(
        `INSERT INTO ${this.offsets} (group_id, topic, partition, next_offset) VALUES ($1, $2, $3, $4)
         ON CONFLICT (group_id, topic, partition) DO UPDATE SET next_offset = excluded.next_offset`,
        [input.groupId, input.topic, input.partition, nextOffset],
      );
      return { status: 'committed', nextOffset, stale, ...result };
    });
  }
}
