import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { AnyDomainEvent, assetDecider, AssetEvent, assetStream, fold, formatFixed, MULTIPLIER_SCALE } from '@recon/domain';
import { EVENT_STORE, EventStore } from '@recon/event-store';
import { EVENT_CODEC, EventCodec } from '@recon/command-execution';
import { Roles } from '../auth/auth.decorators';
import { READ_MODELS, ReadModels, requireReadModels } from './read-models.provider';

/** One registered asset as the reference-data screen shows it: what counts now, approved changes only. */
export interface RegisteredAssetView {
  readonly assetId: string;
  readonly isin: string;
  readonly symbol: string;
  readonly name: string;
  readonly multiplier: string;
  readonly registeredAt: string;
  readonly deployments: ReadonlyArray<{ readonly chainId: number; readonly contractAddress: string; readonly decimals: number }>;
  readonly custodyAccounts: ReadonlyArray<{ readonly custodian: string; readonly account: string }>;
  readonly streamVersion: number;
}

/**
 * Registered assets with their multiplier, token deployments and linked custody accounts. The read
 * models name the assets; each asset's own stream, folded by its decider, gives the rest, so the
 * answer is exactly what the commands on that asset are decided against.
 */
@ApiTags('assets')
@ApiSecurity('api-key')
@ApiSecurity('bearer')
@Controller('assets')
@Roles('operator', 'approver', 'auditor')
export class ReferenceDataController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EVENT_CODEC) private readonly codec: EventCodec,
    @Optional() @Inject(READ_MODELS) private readonly readModels?: ReadModels,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Registered assets: ISIN, multiplier in force, token deployments per chain, linked custody accounts' })
  async list(): Promise<RegisteredAssetView[]> {
    const { dataSource, schema } = requireReadModels(this.readModels);
    const rows = (await dataSource.query(`SELECT asset_id FROM "${schema}".assets ORDER BY asset_id COLLATE "C"`)) as Array<{ asset_id: string }>;
    const assets = await Promise.all(rows.map((row) => this.asset(row.asset_id)));
    return assets.filter((asset): asset is RegisteredAssetView => asset !== null);
  }

  private async asset(assetId: string): Promise<RegisteredAssetView | null> {
    const stream = await this.store.readStream(assetStream(assetId));
    const state = fold(assetDecider, stream.map((recorded) => this.codec.decode(recorded) as AnyDomainEvent as AssetEvent));
    if (state.status !== 'Registered') return null;
    return {
      assetId: state.registered.assetId,
      isin: state.registered.isin,
      symbol: state.registered.symbol,
      name: state.registered.name,
      multiplier: formatFixed(state.multiplier, MULTIPLIER_SCALE),
      registeredAt: state.registered.registeredAt,
      deployments: [...state.tokens].sort(([a], [b]) => a - b).map(([chainId, token]) => ({ chainId, contractAddress: token.contractAddress, decimals: token.decimals })),
      custodyAccounts: [...state.custodyAccounts].sort().map((key) => {
        const [custodian, account] = [key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1)];
        return { custodian: custodian!, account: account! };
      }),
      streamVersion: stream.length - 1,
    };
  }
}
