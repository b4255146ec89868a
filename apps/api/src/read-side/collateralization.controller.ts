import { BadRequestException, Controller, Get, Inject, NotFoundException, Optional, Query, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { collateralizationAsOf, currentCollateralization } from '@recon/read-models';
import { Roles } from '../auth/auth.decorators';
import { IdParam } from '../http/id-param';
import { READ_MODELS, ReadModels, requireReadModels } from './read-models.provider';

const AS_OF = 'YYYY-MM-DD: the figures at the end of that business day (UTC), replayed from the events whose business time falls on or before it';

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
