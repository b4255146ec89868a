import { EntitySchema } from 'typeorm';

/**
 * Row shapes of the read models. Quantities are decimal strings (pg returns numeric as text) and
 * never JavaScript numbers; token amounts are integers of base units in numeric(78,0) (uint256).
 */
export interface AssetRow {
  assetId: string;
  isin: string;
  symbol: string;
  name: string;
  /** Shares per token, numeric(48,18). */
  multiplier: string;
  registeredAt: Date;
}

export interface TokenDeploymentRow {
  assetId: string;
  chainId: number;
  contractAddress: string;
  decimals: number;
}

export interface TokenSupplyRow {
  assetId: string;
  chainId: number;
  /** Null until the TokenDeployed event is seen. */
  decimals: number | null;
  supply: string;
  minted: string;
  burned: string;
  lastBlock: string | null;
  asOf: Date | null;
  /** The chain watcher's latest totalSupply() reading, base units; null before one, or after a reorg orphaned its block. */
  totalSupply: string | null;
  /** The block that reading was taken at: the last block the watcher scanned past its confirmation depth. */
  confirmedBlock: string | null;
  confirmedAt: Date | null;
}

export interface CustodyAccountRow {
  custodian: string;
  account: string;
  statementDate: string;
  statementReference: string;
  basis: string;
}

export interface CustodyPositionRow {
  custodian: string;
  account: string;
  isin: string;
  /** Null: no asset maps the ISIN (unknown instrument). */
  assetId: string | null;
  statementDate: string;
  statementReference: string;
  quantity: string;
  basis: string;
}

export type SettlementStatus = 'PENDING' | 'PARTIALLY_SETTLED' | 'SETTLED' | 'FAILED' | 'CANCELLED';

export interface PendingSettlementRow {
  tradeId: string;
  assetId: string;
  side: string;
  quantity: string;
  settled: string;
  remaining: string;
  settlementDate: string;
  status: SettlementStatus;
}

export interface CollateralizationRow {
  assetId: string;
  requiredShares: string;
  heldShares: string;
  pendingBuy: string;
  pendingSell: string;
  difference: string;
  /** held / required at 18 decimals, truncated; null while nothing is required. */
  ratio: string | null;
  asOf: Date | null;
}

/** The figures of an asset as they stood after the last event recorded on `recordedDate` (UTC) that touched it. */
export interface CollateralizationHistoryRow extends Omit<CollateralizationRow, 'assetId'> {
  assetId: string;
  /** YYYY-MM-DD, the day the events behind the figures were recorded. */
  recordedDate: string;
}

export interface ProcessedEventRow {
  projection: string;
  eventId: string;
}

export interface ConsumerOffsetRow {
  groupId: string;
  topic: string;
  partition: number;
  nextOffset: string;
}

export interface ProjectionCheckpointRow {
  projection: string;
  globalPosition: string;
}

const shares = { type: 'numeric', precision: 48, scale: 18 } as const;

/** The figures a collateralization row holds, now and per day in its history. */
const collateralizationFigures = {
  requiredShares: { name: 'required_shares', ...shares },
  heldShares: { name: 'held_shares', ...shares },
  pendingBuy: { name: 'pending_buy', ...shares },
  pendingSell: { name: 'pending_sell', ...shares },
  difference: shares,
  ratio: { type: 'text', nullable: true },
  asOf: { name: 'as_of', type: 'timestamptz', nullable: true },
} as const;
const uint256 = { type: 'numeric', precision: 78, scale: 0 } as const;

/** TypeORM entity schemas of the read models, in `schema`. The tables come from the migrations. */
export function readModelEntities(schema: string) {
  return {
    asset: new EntitySchema<AssetRow>({
      name: `${schema}.AssetRow`, tableName: 'assets', schema,
      columns: {
        assetId: { name: 'asset_id', type: 'text', primary: true },
        isin: { type: 'text' },
        symbol: { type: 'text' },
        name: { type: 'text' },
        multiplier: shares,
        registeredAt: { name: 'registered_at', type: 'timestamptz' },
      },
    }),
    tokenDeployment: new EntitySchema<TokenDeploymentRow>({
      name: `${schema}.TokenDeploymentRow`, tableName: 'token_deployments', schema,
      columns: {
        assetId: { name: 'asset_id', type: 'text', primary: true },
        chainId: { name: 'chain_id', type: 'integer', primary: true },
        contractAddress: { name: 'contract_address', type: 'text', primary: true },
        decimals: { type: 'integer' },
      },
    }),
    tokenSupply: new EntitySchema<TokenSupplyRow>({
      name: `${schema}.TokenSupplyRow`, tableName: 'token_supply', schema,
      columns: {
        assetId: { name: 'asset_id', type: 'text', primary: true },
        chainId: { name: 'chain_id', type: 'integer', primary: true },
        decimals: { type: 'integer', nullable: true },
        supply: uint256,
        minted: uint256,
        burned: uint256,
        lastBlock: { name: 'last_block', type: 'bigint', nullable: true },
        asOf: { name: 'as_of', type: 'timestamptz', nullable: true },
        totalSupply: { ...uint256, name: 'total_supply', nullable: true },
        confirmedBlock: { name: 'confirmed_block', type: 'bigint', nullable: true },
        confirmedAt: { name: 'confirmed_at', type: 'timestamptz', nullable: true },
      },
    }),
    custodyAccount: new EntitySchema<CustodyAccountRow>({
      name: `${schema}.CustodyAccountRow`, tableName: 'custody_accounts', schema,
      columns: {
        custodian: { type: 'text', primary: true },
        account: { type: 'text', primary: true },
        statementDate: { name: 'statement_date', type: 'date' },
        statementReference: { name: 'statement_reference', type: 'text' },
        basis: { type: 'text' },
      },
    }),
    custodyPosition: new EntitySchema<CustodyPositionRow>({
      name: `${schema}.CustodyPositionRow`, tableName: 'custody_positions', schema,
      columns: {
        custodian: { type: 'text', primary: true },
        account: { type: 'text', primary: true },
        isin: { type: 'text', primary: true },
        assetId: { name: 'asset_id', type: 'text', nullable: true },
        statementDate: { name: 'statement_date', type: 'date' },
        statementReference: { name: 'statement_reference', type: 'text' },
        quantity: shares,
        basis: { type: 'text' },
      },
    }),
    pendingSettlement: new EntitySchema<PendingSettlementRow>({
      name: `${schema}.PendingSettlementRow`, tableName: 'pending_settlements', schema,
      columns: {
        tradeId: { name: 'trade_id', type: 'text', primary: true },
        assetId: { name: 'asset_id', type: 'text' },
        side: { type: 'text' },
        quantity: shares,
        settled: shares,
        remaining: shares,
        settlementDate: { name: 'settlement_date', type: 'date' },
        status: { type: 'text' },
      },
    }),
    collateralization: new EntitySchema<CollateralizationRow>({
      name: `${schema}.CollateralizationRow`, tableName: 'collateralization', schema,
      columns: {
        assetId: { name: 'asset_id', type: 'text', primary: true },
        ...collateralizationFigures,
      },
    }),
    collateralizationHistory: new EntitySchema<CollateralizationHistoryRow>({
      name: `${schema}.CollateralizationHistoryRow`, tableName: 'collateralization_history', schema,
      columns: {
        assetId: { name: 'asset_id', type: 'text', primary: true },
        recordedDate: { name: 'recorded_date', type: 'date', primary: true },
        ...collateralizationFigures,
      },
    }),
    processedEvent: new EntitySchema<ProcessedEventRow>({
      name: `${schema}.ProcessedEventRow`, tableName: 'processed_events', schema,
      columns: {
        projection: { type: 'text', primary: true },
        eventId: { name: 'event_id', type: 'text', primary: true },
      },
    }),
    consumerOffset: new EntitySchema<ConsumerOffsetRow>({
      name: `${schema}.ConsumerOffsetRow`, tableName: 'consumer_offsets', schema,
      columns: {
        groupId: { name: 'group_id', type: 'text', primary: true },
        topic: { type: 'text', primary: true },
        partition: { type: 'integer', primary: true },
        nextOffset: { name: 'next_offset', type: 'bigint' },
      },
    }),
    projectionCheckpoint: new EntitySchema<ProjectionCheckpointRow>({
      name: `${schema}.ProjectionCheckpointRow`, tableName: 'projection_checkpoints', schema,
      columns: {
        projection: { type: 'text', primary: true },
        globalPosition: { name: 'global_position', type: 'bigint' },
      },
    }),
  };
}

export type ReadModelEntities = ReturnType<typeof readModelEntities>;
