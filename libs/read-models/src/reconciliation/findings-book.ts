import { capGroupOf, Finding, OpenException } from '@recon/domain';
import type { EntityManager } from 'typeorm';

/** An exception the reconciler holds open, with what it last raised. */
export interface HeldException extends OpenException {
  readonly raisedDigest: string | null;
}

/** What a pass needs of the whole book: the cap groups it touched and every finding in them. */
export interface BookInGroups {
  readonly groups: readonly string[];
  /** Ordered by exception id, so an aggregate lists its evidence in the same order however the book was built. */
  readonly findings: readonly Finding[];
}

/**
 * The reconciler's book of findings (`reconciler_findings`): every asset's latest findings, before
 * the exception cap. The cap counts a fault's breaks over the whole book, not over one pass, so a
 * rebuild's few large passes and the live projector's many small ones group the same breaks.
 */
export class FindingsBook {
  constructor(private readonly t: (table: string) => string) {}

  /** Replaces the reconciled assets' findings with this pass's, and reads back every finding of the groups either touched. */
  async replace(m: EntityManager, reconciled: readonly string[], findings: readonly Finding[]): Promise<BookInGroups> {
    const before: Array<{ cap_group: string }> = reconciled.length === 0 ? [] : await m.query(
      // A SELECT around the DELETE: TypeORM hands back a bare DELETE ... RETURNING as [rows, count].
      `WITH gone AS (DELETE FROM ${this.t('reconciler_findings')} WHERE asset_id = ANY($1::text[]) RETURNING cap_group) SELECT DISTINCT cap_group FROM gone`, [reconciled],
    );
    const byId = new Map(findings.map((f) => [f.exceptionId, f]));
    if (byId.size > 0) {
      await m.query(
        `INSERT INTO ${this.t('reconciler_findings')} (exception_id, asset_id, cap_group, finding)
         SELECT f.exception_id, f.asset_id, f.cap_group, f.finding FROM jsonb_to_recordset($1::jsonb) AS f(exception_id text, asset_id text, cap_group text, finding jsonb)`,
        [JSON.stringify([...byId.values()].map((f) => ({ exception_id: f.exceptionId, asset_id: f.assetId, cap_group: capGroupOf(f), finding: f })))],
      );
    }
    const groups = [...new Set([...before.map((row) => row.cap_group), ...findings.map(capGroupOf)])].sort();
    if (groups.length === 0) return { groups, findings: [] };
    const rows: Array<{ finding: Finding }> = await m.query(
      `SELECT finding FROM ${this.t('reconciler_findings')} WHERE cap_group = ANY($1::text[]) ORDER BY exception_id COLLATE "C"`, [groups],
    );
    return { groups, findings: rows.map((row) => row.finding) };
  }

  /** The exceptions held open for the reconciled assets or in the groups (and, on a whole-book pass, every systemic one). */
  async heldOpen(m: EntityManager, reconciled: readonly string[], groups: readonly string[], wholeBook: boolean): Promise<HeldException[]> {
    const rows: Array<{ exception_id: string; asset_id: string; cap_group: string | null; raised_digest: string | null }> = await m.query(
      `SELECT exception_id, asset_id, cap_group, raised_digest FROM ${this.t('reconciler_open_exceptions')}
       WHERE asset_id = ANY($1::text[]) OR cap_group = ANY($2::text[])${wholeBook ? ` OR asset_id = 'systemic'` : ''}`,
      [reconciled, groups],
    );
    return rows.map((row) => ({
      exceptionId: row.exception_id, assetId: row.asset_id, raisedDigest: row.raised_digest, ...(row.cap_group === null ? {} : { group: row.cap_group }),
    }));
  }
}
