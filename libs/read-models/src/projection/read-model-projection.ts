import { AnyDomainEvent, formatShares, parseShares, parseTokenUnits, StatementReceived, upcast } from '@recon/domain';
import type { RecordedEvent } from '@recon/event-store';
import type { EntityManager } from 'typeorm';
import { assertReadModelSchema } from '../schema/schema-name';
import { computeCollateralization } from './collateralization';

export const READ_MODEL_PROJECTION = 'read-models';

/**
 * Rows of a statement with RETURNING. TypeORM's postgres `query()` returns `[rows, rowCount]` for
 * UPDATE and DELETE but the rows alone for INSERT and SELECT; iterating the pair silently reads
 * nothing, so every UPDATE/DELETE ... RETURNING goes through here.
 */
async function returning<T>(manager: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const result: unknown = await manager.query(sql, params);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}

/** Key of the transaction-level advisory lock every projection batch of one schema takes. */
export function projectionLockKey(schema: string): bigint {
  let hash = 0xcbf29ce484222325n;
  for (const char of `recon-read-models:${schema}`) {
    hash ^= BigInt(char.codePointAt(0) ?? 0);
    hash = BigInt.asUintN(64, hash * 0x100000001b3n);
  }
  return BigInt.asIntN(64, hash);
}

export interface ApplyResult {
  /** Events that changed the read models (first sight of their id). */
  readonly applied: number;
  /** Events whose id was already processed (redelivery, replay overlap): no effect. */
  readonly duplicates: number;
}

/**
 * The read-model projection. `applyEvents` runs INSIDE the caller's transaction (the Kafka batch
 * transaction that also writes offsets, or the embedded runner's that also writes the checkpoint),
 * so the rows and the position move together or not at all.
 *
 * Order: events of one asset (and of one custody stream) arrive in order; events of different
 * partitions may interleave in any order. Every handler is written so that the end state does not
 * depend on that interleaving: ISIN → asset mapping is filled from both sides, and collateralization
 * is recomputed from the other tables at the end of each batch rather than folded incrementally.
 *
 * Concurrency: each batch first takes a transaction-level advisory lock per schema, so batches of two
 * projector instances never interleave inside the database (recomputing collateralization from rows
 * another open transaction is changing would be write skew). Throughput is bounded by one writer,
 * which the single database is anyway.
 */
export class ReadModelProjection {
  readonly schema: string;
  private readonly t: (table: string) => string;

  constructor(schema: string, readonly projection = READ_MODEL_PROJECTION) {
    this.schema = assertReadModelSchema(schema);
    this.t = (table) => `"${this.schema}".${table}`;
  }

  async lock(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(${projectionLockKey(this.schema)})`);
  }

  /** Dedupes by event id, applies the new events in the given order, then refreshes collateralization. */
  async applyEvents(manager: EntityManager, events: readonly RecordedEvent[]): Promise<ApplyResult> {
    if (events.length === 0) return { applied: 0, duplicates: 0 };
    const inserted: Array<{ event_id: string }> = await manager.query(
      `INSERT INTO ${this.t('processed_events')} (projection, event_id) SELECT $1, id FROM unnest($2::text[]) AS u(id)
       ON CONFLICT DO NOTHING RETURNING event_id`,
      [this.projection, events.map((e) => e.eventId)],
    );
    const fresh = new Set(inserted.map((row) => row.event_id));
    const touched = new Set<string>();
    let applied = 0;
    for (const event of events) {
      if (!fresh.delete(event.eventId)) continue; // seen before, or a second copy within this batch
      applied += 1;
      await this.apply(manager, upcast(event.type, event.schemaVersion, event.data), touched);
    }
    if (touched.size > 0) await this.refreshCollateralization(manager, [...touched].sort());
    return { applied, duplicates: events.length - applied };
  }

  private async apply(m: EntityManager, event: AnyDomainEvent, touched: Set<string>): Promise<void> {
    const t = this.t;
    switch (event.type) {
      case 'AssetRegistered': {
        const d = event.data;
        await m.query(
          `INSERT INTO ${t('assets')} (asset_id, isin, symbol, name, multiplier, registered_at) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (asset_id) DO UPDATE SET isin = excluded.isin, symbol = excluded.symbol, name = excluded.name`,
          [d.assetId, d.isin, d.symbol, d.name, formatShares(parseShares(d.initialMultiplier, 'initialMultiplier')), d.registeredAt],
        );
        // Statements may have arrived first (another partition): map their lines now.
        // Two assets on one ISIN: the smallest asset id wins, whichever registration came first.
        const remapped = await returning<{ previous: string | null }>(m,
          `WITH old AS (SELECT custodian, account, isin, asset_id FROM ${t('custody_positions')}
                        WHERE isin = $2 AND (asset_id IS NULL OR asset_id > $1) FOR UPDATE)
           UPDATE ${t('custody_positions')} p SET asset_id = $1 FROM old
           WHERE p.custodian = old.custodian AND p.account = old.account AND p.isin = old.isin RETURNING old.asset_id AS previous`,
          [d.assetId, d.isin],
        );
        for (const row of remapped) if (row.previous) touched.add(row.previous);
        touched.add(d.assetId);
        return;
      }
      case 'TokenDeployed': {
        const d = event.data;
        await m.query(
          `INSERT INTO ${t('token_deployments')} (asset_id, chain_id, contract_address, decimals) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
          [d.assetId, d.chainId, d.contractAddress, d.decimals],
        );
        await m.query(
          `INSERT INTO ${t('token_supply')} (asset_id, chain_id, decimals, supply, minted, burned) VALUES ($1, $2, $3, 0, 0, 0)
           ON CONFLICT (asset_id, chain_id) DO UPDATE SET decimals = excluded.decimals`,
          [d.assetId, d.chainId, d.decimals],
        );
        touched.add(d.assetId);
        return;
      }
      case 'MultiplierChanged':
        await m.query(`UPDATE ${t('assets')} SET multiplier = $2 WHERE asset_id = $1`, [
          event.data.assetId,
          formatShares(parseShares(event.data.newMultiplier, 'newMultiplier')),
        ]);
        touched.add(event.data.assetId);
        return;
      case 'MintedOnChain':
      case 'BurnedOnChain': {
        const d = event.data;
        const amount = parseTokenUnits(d.amount).toString();
        const minted = event.type === 'MintedOnChain' ? amount : '0';
        const burned = event.type === 'BurnedOnChain' ? amount : '0';
        await m.query(
          `INSERT INTO ${t('token_supply')} AS s (asset_id, chain_id, decimals, supply, minted, burned, last_block, as_of)
           VALUES ($1, $2, (SELECT max(decimals) FROM ${t('token_deployments')} WHERE asset_id = $1 AND chain_id = $2),
                   $3::numeric - $4::numeric, $3, $4, $5, $6)
           ON CONFLICT (asset_id, chain_id) DO UPDATE SET
             minted = s.minted + excluded.minted, burned = s.burned + excluded.burned,
             supply = s.supply + excluded.minted - excluded.burned,
             last_block = greatest(s.last_block, excluded.last_block), as_of = greatest(s.as_of, excluded.as_of)`,
          [d.assetId, d.chainId, minted, burned, d.blockNumber, d.blockTime],
        );
        touched.add(d.assetId);
        return;
      }
      case 'TradeExecuted': {
        const d = event.data;
        const quantity = formatShares(parseShares(d.quantity));
        await m.query(
          `INSERT INTO ${t('pending_settlements')} (trade_id, asset_id, side, quantity, settled, remaining, settlement_date, status)
           VALUES ($1, $2, $3, $4, 0, $4, $5, 'PENDING') ON CONFLICT (trade_id) DO NOTHING`,
          [d.tradeId, d.assetId, d.side, quantity, d.settlementDate],
        );
        touched.add(d.assetId);
        return;
      }
      case 'TradeAmended': {
        const d = event.data;
        await m.query(
          `UPDATE ${t('pending_settlements')} SET quantity = $2, remaining = $2::numeric - settled, settlement_date = $3 WHERE trade_id = $1`,
          [d.tradeId, formatShares(parseShares(d.quantity)), d.settlementDate],
        );
        touched.add(d.assetId);
        return;
      }
      case 'TradeCancelled':
        await m.query(`UPDATE ${t('pending_settlements')} SET status = 'CANCELLED' WHERE trade_id = $1`, [event.data.tradeId]);
        touched.add(event.data.assetId);
        return;
      case 'TradeSettled': {
        const d = event.data;
        const remaining = parseShares(d.remainingQuantity, 'remainingQuantity');
        await m.query(
          `UPDATE ${t('pending_settlements')} SET settled = $2, remaining = $3, status = $4 WHERE trade_id = $1`,
          [d.tradeId, formatShares(parseShares(d.settledQuantity, 'settledQuantity')), formatShares(remaining), remaining === 0n ? 'SETTLED' : 'PARTIALLY_SETTLED'],
        );
        touched.add(d.assetId);
        return;
      }
      case 'SettlementFailed':
        await m.query(`UPDATE ${t('pending_settlements')} SET status = 'FAILED' WHERE trade_id = $1 AND status <> 'CANCELLED'`, [event.data.tradeId]);
        touched.add(event.data.assetId);
        return;
      case 'StatementReceived':
        await this.applyStatement(m, event.data, touched);
        return;
      default:
        // Requests (matched by the reconciler), custody links, movements, conflicting duplicates and
        // exception workflow events do not change these read models.
        return;
    }
  }

  /**
   * Latest statement per account wins: a later business date replaces the account's positions (for a
   * COMPLETE statement, absent = zero); another page of the current statement adds its lines; a new
   * reference on the same date (a re-issued statement) replaces; an older date is ignored. A DELTA
   * statement adds its signed changes to the current positions. Pages of one account come in stream
   * order (one custody stream, one partition), so "later" is well defined on every path.
   */
  private async applyStatement(m: EntityManager, d: StatementReceived['data'], touched: Set<string>): Promise<void> {
    const t = this.t;
    const current: Array<{ statement_date: string; statement_reference: string }> = await m.query(
      `SELECT to_char(statement_date, 'YYYY-MM-DD') AS statement_date, statement_reference FROM ${t('custody_accounts')}
       WHERE custodian = $1 AND account = $2 FOR UPDATE`,
      [d.custodian, d.account],
    );
    const existing = current[0];
    if (existing && d.asOf < existing.statement_date) return; // a late, older statement
    const samePage = existing !== undefined && existing.statement_date === d.asOf && existing.statement_reference === d.statementReference;
    const isins = d.positions.map((p) => p.isin);
    const quantities = d.positions.map((p) => formatShares(parseShares(p.quantity)));
    if (d.completeness === 'COMPLETE' && !samePage) {
      const removed = await returning<{ asset_id: string | null }>(m,
        `DELETE FROM ${t('custody_positions')} WHERE custodian = $1 AND account = $2 RETURNING asset_id`,
        [d.custodian, d.account],
      );
      for (const row of removed) if (row.asset_id) touched.add(row.asset_id);
    }
    await m.query(
      `INSERT INTO ${t('custody_accounts')} (custodian, account, statement_date, statement_reference, basis) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (custodian, account) DO UPDATE SET statement_date = excluded.statement_date,
         statement_reference = excluded.statement_reference, basis = excluded.basis`,
      [d.custodian, d.account, d.asOf, d.statementReference, d.basis],
    );
    if (isins.length === 0) return;
    const delta = d.completeness === 'DELTA';
    const written: Array<{ asset_id: string | null }> = await m.query(
      `INSERT INTO ${t('custody_positions')} AS p (custodian, account, isin, asset_id, statement_date, statement_reference, quantity, basis)
       SELECT $1, $2, u.isin, (SELECT a.asset_id FROM ${t('assets')} a WHERE a.isin = u.isin ORDER BY a.asset_id LIMIT 1), $3, $4, u.quantity, $5
       FROM unnest($6::text[], $7::numeric[]) AS u(isin, quantity)
       ON CONFLICT (custodian, account, isin) DO UPDATE SET
         quantity = ${delta ? 'p.quantity + excluded.quantity' : 'excluded.quantity'},
         statement_date = excluded.statement_date, statement_reference = excluded.statement_reference, basis = excluded.basis
       RETURNING asset_id`,
      [d.custodian, d.account, d.asOf, d.statementReference, d.basis, isins, quantities],
    );
    for (const row of written) if (row.asset_id) touched.add(row.asset_id);
  }

  /**
   * Recomputes collateralization of the given assets from the other tables (held counts SETTLED-basis
   * statements only; pending = remaining of trades not settled and not cancelled). as_of is the latest
   * business time behind the figures (block time of the supply, statement date of the positions), so
   * the row is a function of the facts, not of when or in which batch they were processed.
   */
  async refreshCollateralization(m: EntityManager, assetIds: readonly string[]): Promise<void> {
    const t = this.t;
    const assets: Array<{ asset_id: string; multiplier: string }> = await m.query(
      `SELECT asset_id, multiplier::text AS multiplier FROM ${t('assets')} WHERE asset_id = ANY($1::text[])`,
      [assetIds],
    );
    if (assets.length === 0) return;
    const ids = assets.map((a) => a.asset_id);
    const supplies: Array<{ asset_id: string; supply: string; decimals: number | null; as_of: Date | null }> = await m.query(
      `SELECT asset_id, supply::text AS supply, decimals, as_of FROM ${t('token_supply')} WHERE asset_id = ANY($1::text[])`,
      [ids],
    );
    const held: Array<{ asset_id: string; quantity: string; as_of: Date | null }> = await m.query(
      `SELECT asset_id, sum(quantity)::text AS quantity, (max(statement_date)::timestamp AT TIME ZONE 'UTC') AS as_of FROM ${t('custody_positions')}
       WHERE asset_id = ANY($1::text[]) AND basis = 'SETTLED' GROUP BY asset_id`,
      [ids],
    );
    const pending: Array<{ asset_id: string; side: string; remaining: string }> = await m.query(
      `SELECT asset_id, side, sum(remaining)::text AS remaining FROM ${t('pending_settlements')}
       WHERE asset_id = ANY($1::text[]) AND status IN ('PENDING', 'PARTIALLY_SETTLED', 'FAILED') GROUP BY asset_id, side`,
      [ids],
    );
    const rows = assets.map((asset) => {
      const chains = supplies.filter((s) => s.asset_id === asset.asset_id);
      const custody = held.find((h) => h.asset_id === asset.asset_id);
      const pendingOf = (side: string) => pending.find((p) => p.asset_id === asset.asset_id && p.side === side)?.remaining ?? '0';
      const figures = computeCollateralization({
        multiplier: asset.multiplier,
        chains,
        custodyHeld: custody?.quantity ?? '0',
        pendingBuy: pendingOf('BUY'),
        pendingSell: pendingOf('SELL'),
      });
      const times = [...chains.map((c) => c.as_of), custody?.as_of ?? null].filter((d): d is Date => d !== null).map((d) => new Date(d).getTime());
      const asOf = times.length ? new Date(Math.max(...times)).toISOString() : null;
      return { assetId: asset.asset_id, ...figures, asOf };
    });
    await m.query(
      `INSERT INTO ${t('collateralization')} AS c (asset_id, required_shares, held_shares, pending_buy, pending_sell, difference, ratio, as_of)
       SELECT * FROM unnest($1::text[], $2::numeric[], $3::numeric[], $4::numeric[], $5::numeric[], $6::numeric[], $7::text[], $8::timestamptz[])
       ON CONFLICT (asset_id) DO UPDATE SET required_shares = excluded.required_shares, held_shares = excluded.held_shares,
         pending_buy = excluded.pending_buy, pending_sell = excluded.pending_sell, difference = excluded.difference,
         ratio = excluded.ratio, as_of = excluded.as_of`,
      [
        rows.map((r) => r.assetId),
        rows.map((r) => r.requiredShares),
        rows.map((r) => r.heldShares),
        rows.map((r) => r.pendingBuy),
        rows.map((r) => r.pendingSell),
        rows.map((r) => r.difference),
        rows.map((r) => r.ratio),
        rows.map((r) => r.asOf),
      ],
    );
  }
}
