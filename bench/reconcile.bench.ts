/**
 * reconcile.assets: assets per second through the domain rules (`reconcileAsset`: settlement,
 * movement and issuance matching, then every rule) over in-memory snapshots, against a raw baseline
 * computing the collateral difference of every asset with one SQL join over plain tables holding the
 * same facts (supply per chain, custody positions, pending trades) in PostgreSQL.
 *
 * Snapshots come from a seeded generator: 1–3 chains with different decimals, a multiplier (some with
 * 18 decimals, so rounding matters), 1–3 custody positions, 0–3 pending trades. Most assets balance
 * exactly; about 5% are off by less than the tolerance (in balance) and about 7% by more. Both sides
 * must agree on which assets are out of balance and by how much, or the benchmark fails.
 *
 * Database: BENCH_DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/test (a temporary schema,
 * dropped after). Work size: BENCH_RECONCILE_ASSETS (default 10,000). Measured by the shared harness
 * (support/paired.ts): warm-up, then alternating pairs.
 */
import { Pool } from 'pg';
import { AssetSnapshot, formatShares, MULTIPLIER_SCALE, parseFixed, parseShares, reconcileAsset, ReconciliationPolicy, tokensToShares } from '@recon/domain';
import { EXCEPTION_IDS } from '@recon/platform';
import { DEFAULT_RECONCILER_SETTINGS } from '@recon/read-models';
import { prng } from '../apps/projector/test/support/generator';
import { BenchResult, round } from './support/measure';
import { measuredFields, paired } from './support/paired';

const NOW = '2025-03-14T09:30:00.000Z';
const POLICY: ReconciliationPolicy = { ...DEFAULT_RECONCILER_SETTINGS.policy, now: NOW };
const TOLERANCE_UNITS = parseShares(POLICY.tolerance);
const CHAINS = [{ chainId: 1, decimals: 18 }, { chainId: 8453, decimals: 6 }, { chainId: 42161, decimals: 8 }];
const OUT_OF_BALANCE = new Set(['under-collateralized', 'over-collateralized']);

interface Rows {
  assets: { id: string[]; multiplier: string[] };
  chains: { asset: string[]; chainId: number[]; decimals: number[]; supply: string[] };
  positions: { asset: string[]; account: string[]; quantity: string[] };
  trades: { asset: string[]; side: string[]; quantity: string[] };
}

/** The snapshots, and the same facts as rows for the baseline's tables. */
function generate(count: number, seed: number): { snapshots: AssetSnapshot[]; rows: Rows } {
  const random = prng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const big = (lo: number, hi: number) => BigInt(int(lo, hi));
  const rows: Rows = {
    assets: { id: [], multiplier: [] },
    chains: { asset: [], chainId: [], decimals: [], supply: [] },
    positions: { asset: [], account: [], quantity: [] },
    trades: { asset: [], side: [], quantity: [] },
  };
  const snapshots = Array.from({ length: count }, (_, i): AssetSnapshot => {
    const assetId = `asset-${i}`;
    const ev = (what: string) => [`${assetId}-${what}`];
    const roll = random();
    const multiplier = roll < 0.35 ? '1' : roll < 0.7 ? `1.0${int(1000, 9999)}` : `0.${String(int(1e8, 999_999_999))}${String(int(1e8, 999_999_999))}`;
    const chains = CHAINS.slice(0, int(1, 3)).map(({ chainId, decimals }, c) => ({
      chainId, decimals, supply: big(1_000, 5_000_000) * 10n ** BigInt(decimals) + big(0, 10 ** Math.min(decimals, 9) - 1),
      asOfBlock: 21_000_000 + c, asOfTime: '2025-03-14T09:00:00Z', eventIds: ev(`supply-${chainId}`),
    }));
    const required = tokensToShares(chains.map((c) => ({ amount: c.supply, decimals: c.decimals })), parseFixed(multiplier, MULTIPLIER_SCALE));
    // Purchases and sales not settled yet, due after NOW: pending, not aged.
    const trades = Array.from({ length: int(0, 3) }, (_, t) => ({
      tradeId: `${assetId}-t${t}`, side: random() < 0.6 ? ('BUY' as const) : ('SELL' as const), quantity: formatShares(big(1, 500) * 10n ** 18n + big(0, 1e9)),
      tradeDate: '2025-03-13', settlementDate: '2025-03-17', eventIds: ev(`t${t}`), failures: [],
    }));
    const pending = trades.reduce((sum, t) => sum + (t.side === 'BUY' ? 1n : -1n) * parseShares(t.quantity), 0n);
    const drift = random();
    const off = drift < 0.07
      ? (random() < 0.5 ? -1n : 1n) * (TOLERANCE_UNITS + big(1, 1e9) * 10n ** 6n)
      : drift < 0.12 ? (random() < 0.5 ? -1n : 1n) * (TOLERANCE_UNITS - big(0, 1e6)) : 0n;
    // Custody split across accounts so that held = required + off.
    let custody = required - pending + off;
    const accounts = int(1, 3);
    const positions = Array.from({ length: accounts }, (_, a) => {
      const share = a === accounts - 1 ? custody : custody / BigInt(accounts - a) + big(-1e6, 1e6);
      custody -= share;
      return {
        custodian: 'BANK1', account: `SAFE-${a}`, quantity: formatShares(share), statementDate: '2025-03-13',
        statementReference: `${assetId}-S${a}`, basis: 'SETTLED' as const, eventIds: ev(`stmt-${a}`),
      };
    });
    rows.assets.id.push(assetId);
    rows.assets.multiplier.push(multiplier);
    for (const c of chains) {
      rows.chains.asset.push(assetId); rows.chains.chainId.push(c.chainId); rows.chains.decimals.push(c.decimals); rows.chains.supply.push(c.supply.toString());
    }
    for (const p of positions) {
      rows.positions.asset.push(assetId); rows.positions.account.push(p.account); rows.positions.quantity.push(p.quantity);
    }
    for (const t of trades) {
      rows.trades.asset.push(assetId); rows.trades.side.push(t.side); rows.trades.quantity.push(t.quantity);
    }
    return {
      assetId,
      multipliers: [{ multiplier, effectiveAt: '2024-01-02T09:00:00Z', eventIds: ev('registered') }],
      chains, positions, trades, confirmations: [], movements: [], requests: [], mintsAndBurns: [],
      statements: { expected: [], pages: [], unknownInstruments: [], conflictingDuplicates: [] },
    };
  });
  return { snapshots, rows };
}

async function load(pool: Pool, schema: string, rows: Rows): Promise<void> {
  const s = `"${schema}"`;
  await pool.query(`CREATE SCHEMA ${s};
    CREATE TABLE ${s}.assets (asset_id text PRIMARY KEY, multiplier numeric NOT NULL);
    CREATE TABLE ${s}.token_supply (asset_id text NOT NULL, chain_id integer NOT NULL, decimals integer NOT NULL, supply numeric NOT NULL, PRIMARY KEY (asset_id, chain_id));
    CREATE TABLE ${s}.custody_positions (asset_id text NOT NULL, account text NOT NULL, quantity numeric NOT NULL, PRIMARY KEY (asset_id, account));
    CREATE TABLE ${s}.pending_trades (asset_id text NOT NULL, side text NOT NULL, quantity numeric NOT NULL);
    CREATE INDEX ON ${s}.pending_trades (asset_id);`);
  await pool.query(`INSERT INTO ${s}.assets SELECT * FROM unnest($1::text[], $2::numeric[])`, [rows.assets.id, rows.assets.multiplier]);
  await pool.query(`INSERT INTO ${s}.token_supply SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::numeric[])`,
    [rows.chains.asset, rows.chains.chainId, rows.chains.decimals, rows.chains.supply]);
  await pool.query(`INSERT INTO ${s}.custody_positions SELECT * FROM unnest($1::text[], $2::text[], $3::numeric[])`,
    [rows.positions.asset, rows.positions.account, rows.positions.quantity]);
  await pool.query(`INSERT INTO ${s}.pending_trades SELECT * FROM unnest($1::text[], $2::text[], $3::numeric[])`, [rows.trades.asset, rows.trades.side, rows.trades.quantity]);
  await pool.query(`ANALYZE ${s}.assets, ${s}.token_supply, ${s}.custody_positions, ${s}.pending_trades`);
}

/**
 * The baseline: held − required per asset in units of 10^-18 shares, required rounded up as the
 * domain rounds it (tokensToShares), and whether it is beyond the tolerance.
 */
const baselineQuery = (schema: string) => {
  const s = `"${schema}"`;
  return `
    WITH required AS (
      SELECT t.asset_id, ceil(sum(t.supply * a.multiplier * 10::numeric ^ (18 - t.decimals))) AS units
        FROM ${s}.token_supply t JOIN ${s}.assets a USING (asset_id) GROUP BY t.asset_id),
    custody AS (SELECT asset_id, sum(quantity) AS shares FROM ${s}.custody_positions GROUP BY asset_id),
    pending AS (SELECT asset_id, sum(CASE side WHEN 'BUY' THEN quantity ELSE -quantity END) AS shares FROM ${s}.pending_trades GROUP BY asset_id),
    difference AS (
      SELECT a.asset_id, (coalesce(c.shares, 0) + coalesce(p.shares, 0)) * 1e18 - coalesce(r.units, 0) AS units
        FROM ${s}.assets a LEFT JOIN required r USING (asset_id) LEFT JOIN custody c USING (asset_id) LEFT JOIN pending p USING (asset_id))
    SELECT asset_id, trunc(units)::text AS units, units <> trunc(units) AS fractional, abs(units) > $1::numeric AS out_of_balance FROM difference`;
};

export async function run(): Promise<BenchResult[]> {
  const connectionString = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
  const n = Number(process.env.BENCH_RECONCILE_ASSETS ?? 10_000);
  const schema = `bench_reconcile_${process.pid}`;
  const pool = new Pool({ connectionString, max: 1 });
  try {
    const { snapshots, rows } = generate(n, 20_260_101);
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await load(pool, schema, rows);
    console.error(`reconcile.assets: ${n} assets, reconcileAsset against the SQL join`);

    let findings = 0;
    const domainOut = new Map<string, string>();
    const sql = baselineQuery(schema);
    let baselineRows: Array<{ asset_id: string; units: string; fractional: boolean; out_of_balance: boolean }> = [];
    const m = await paired({ name: 'reconcile.assets', value: async () => {
      findings = 0;
      domainOut.clear();
      for (const snapshot of snapshots) {
        const found = reconcileAsset(snapshot, POLICY, EXCEPTION_IDS);
        findings += found.length;
        const collateral = found.find((f) => OUT_OF_BALANCE.has(f.breakType));
        if (collateral) domainOut.set(snapshot.assetId, collateral.figures.difference!);
      }
      return snapshots.length;
    }, baseline: async () => {
      baselineRows = (await pool.query(sql, [TOLERANCE_UNITS.toString()])).rows;
      return baselineRows.length;
    } });

    // A rate means nothing if the two do not compute the same thing.
    if (baselineRows.length !== n || baselineRows.some((r) => r.fractional)) throw new Error('reconcile.assets: the baseline query did not give one whole difference per asset');
    const sqlOut = new Map(baselineRows.filter((r) => r.out_of_balance).map((r) => [r.asset_id, formatShares(BigInt(r.units))]));
    const disagree = [...new Set([...domainOut.keys(), ...sqlOut.keys()])].filter((id) => domainOut.get(id) !== sqlOut.get(id));
    if (disagree.length > 0 || domainOut.size === 0) {
      const sample = disagree.slice(0, 5).map((id) => `${id}: domain ${domainOut.get(id) ?? 'in balance'}, SQL ${sqlOut.get(id) ?? 'in balance'}`);
      throw new Error(`reconcile.assets: domain and SQL disagree on ${disagree.length} assets (domain ${domainOut.size} out of balance, SQL ${sqlOut.size}): ${sample.join('; ')}`);
    }
    return [{
      bench: 'reconcile.assets',
      unit: 'assets/s',
      ...measuredFields(m),
      n,
      outOfBalance: domainOut.size,
      findings,
      peakRssMb: round(process.memoryUsage().rss / 1024 / 1024, 1),
    }];
  } finally {
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await pool.end();
  }
}
