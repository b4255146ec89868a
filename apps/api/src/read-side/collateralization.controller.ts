import { Controller, Get, Inject, NotFoundException, Optional } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { currentCollateralization } from '@recon/read-models';
import { Roles } from '../auth/auth.decorators';
import { IdParam } from '../http/id-param';
import { READ_MODELS, ReadModels, requireReadModels } from './read-models.provider';

/** Required against held shares per asset: the figure the whole product exists to prove. */
@ApiTags('collateralization')
@ApiSecurity('api-key')
@ApiSecurity('bearer')
@Controller('collateralization')
@Roles('operator', 'approver', 'auditor', 'regulator')
export class CollateralizationController {
  constructor(@Optional() @Inject(READ_MODELS) private readonly readModels?: ReadModels) {}

  @Get()
  @ApiOperation({ summary: 'Collateralization of every asset now, with supply per chain' })
  async all() {
    const { dataSource, schema } = requireReadModels(this.readModels);
    return { assets: await currentCollateralization(dataSource, schema) };
  }

  @Get(':assetId')
  @ApiOperation({ summary: 'Collateralization of one asset now, with supply per chain' })
  async one(@IdParam('assetId') assetId: string) {
    const { dataSource, schema } = requireReadModels(this.readModels);
    const [view] = await currentCollateralization(dataSource, schema, assetId);
    if (!view) throw new NotFoundException(`asset ${assetId} not found`);
    return view;
  }
}
