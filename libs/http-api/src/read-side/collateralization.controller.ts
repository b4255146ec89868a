import { BadRequestException, Controller, Get, Inject, NotFoundException, Optional, Query, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { collateralizationAsOf, collateralizationHistory, currentCollateralization } from '@recon/read-models';
import { Roles } from '../auth/auth.decorators';
import { IdParam } from '../http/id-param';
import { READ_MODELS, ReadModels, requireReadModels } from './read-models.provider';

const AS_OF = 'YYYY-MM-DD: the figures at the end of that business day (UTC), replayed from the events whose business time falls on or before it';

const DAY_MS = 86_400_000;

/** A real day: the round trip through Date catches 2026-02-30, which Date would roll into March. */
const isCalendarDate = (text: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const time = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === text;
};

/** Required against held shares per asset: the figure the whole product exists to prove. */
@ApiTags('collateralization')
@ApiSecurity('api-key')
@ApiSecurity('bearer')
@Controller('collateralization')
@Roles('operator', 'approver', 'auditor', 'regulator')
export class CollateralizationController {
  constructor(@Optional() @Inject(READ_MODELS) private readonly readModels?: ReadModels) {}

  @Get()
  @ApiOperation({ summary: 'Collateralization of every asset now, or at the end of a business date, with supply per chain' })
  @ApiQuery({ name: 'asOf', required: false, description: AS_OF })
  async all(@Query('asOf') asOf?: string) {
    return { ...(asOf === undefined ? {} : { asOf }), assets: await this.views(asOf) };
  }

  /** Declared before `:assetId`, which would otherwise take "history" for an asset id. */
  @Get('history')
  @ApiOperation({ summary: 'Collateralization per asset and day, from the history read model: the figures as known at the end of each day (UTC, by when the events were recorded); a day without events carries the last figures' })
  @ApiQuery({ name: 'assetId', required: false })
  @ApiQuery({ name: 'from', required: false, description: 'YYYY-MM-DD, first day (default: six days before `to`)' })
  @ApiQuery({ name: 'to', required: false, description: 'YYYY-MM-DD, last day (default: today, UTC); at most 366 days from `from`' })
  async history(@Query('assetId') assetId?: string, @Query('from') from?: string, @Query('to') to?: string) {
    const problems = [['from', from], ['to', to]].flatMap(([name, value]) =>
      value === undefined || isCalendarDate(value) ? [] : [`${name}: must be a calendar date YYYY-MM-DD (got "${value}")`]);
    if (assetId !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(assetId)) problems.push('assetId must be 1-64 letters, digits, dots, dashes or underscores');
    if (problems.length) throw new BadRequestException({ message: problems });
    const last = to ?? new Date().toISOString().slice(0, 10);
    const first = from ?? new Date(Date.parse(`${last}T00:00:00Z`) - 6 * DAY_MS).toISOString().slice(0, 10);
    const days = (Date.parse(`${last}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / DAY_MS;
    if (days < 0) throw new BadRequestException({ message: [`from: must not be after to (${first} > ${last})`] });
    if (days > 366) throw new BadRequestException({ message: ['from: at most 366 days before to'] });
    const readModels = requireReadModels(this.readModels);
    const assets = await collateralizationHistory(readModels.dataSource, readModels.schema, { from: first, to: last, ...(assetId === undefined ? {} : { assetId }) });
    if (assetId !== undefined && assets.length === 0) throw new NotFoundException(`asset ${assetId} not found`);
    return { from: first, to: last, assets };
  }

  @Get(':assetId')
  @ApiOperation({ summary: 'Collateralization of one asset now, or at the end of a business date, with supply per chain' })
  @ApiQuery({ name: 'asOf', required: false, description: AS_OF })
  async one(@IdParam('assetId') assetId: string, @Query('asOf') asOf?: string) {
    const [view] = await this.views(asOf, assetId);
    if (!view) throw new NotFoundException(`asset ${assetId} not found${asOf === undefined ? '' : ` as of ${asOf}`}`);
    return view;
  }

  private async views(asOf: string | undefined, assetId?: string) {
    const readModels = requireReadModels(this.readModels);
    if (asOf === undefined) return currentCollateralization(readModels.dataSource, readModels.schema, assetId);
    if (!isCalendarDate(asOf)) throw new BadRequestException({ message: [`asOf: must be a calendar date YYYY-MM-DD (got "${asOf}")`] });
    if (!readModels.asOf) throw new ServiceUnavailableException('as-of replays are not configured for this API instance');
    return collateralizationAsOf(readModels.asOf, asOf, assetId);
  }
}
