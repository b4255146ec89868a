import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { AssetCommand } from '@recon/domain';
import { Roles } from '../../auth/auth.decorators';
import { commandMetadata, CommandResult, RequestContext } from '@recon/command-execution';
import { CommandContext } from '../../http/command-context.decorator';
import { IdParam } from '../../http/id-param';
import { ChangeRequests } from '../changes/change-requests';
import { ExecuteAssetCommand } from './asset-command';
import { ChangeMultiplierDto, LinkCustodyAccountDto, RecordTokenDeploymentDto, RegisterAssetDto } from './asset.dto';

export { AssetCommandHandler, ExecuteAssetCommand } from './asset-command';

/**
 * Reference data of an asset: its ISIN, token deployments, custody accounts and multiplier. Registering
 * an asset changes no figure by itself; deployments, account links and the multiplier do, so they are
 * proposals (202) that a second identity approves under /changes.
 */
@ApiTags('assets')
@ApiSecurity('api-key')
@ApiSecurity('bearer')
@Controller('assets')
@Roles('operator')
export class AssetsController {
  constructor(private readonly commands: CommandBus, private readonly changes: ChangeRequests) {}

  private send(command: AssetCommand, context: RequestContext): Promise<CommandResult> {
    return this.commands.execute(new ExecuteAssetCommand(command, context));
  }

  @Post()
  @ApiOperation({ summary: 'Register an asset by ISIN' })
  register(@Body() body: RegisterAssetDto, @CommandContext() context: RequestContext) {
    return this.send({ type: 'RegisterAsset', data: body, metadata: commandMetadata(context) }, context);
  }

  @Post(':assetId/deployments')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Propose a token contract deployed on a chain (four eyes: approve under /changes)' })
  deploy(@IdParam('assetId') assetId: string, @Body() body: RecordTokenDeploymentDto, @CommandContext() context: RequestContext) {
    const data = { assetId, ...body };
    return this.changes.propose({ kind: 'deployment', payload: { type: 'RecordTokenDeployment', data }, summary: `${assetId}: token ${body.contractAddress} on chain ${body.chainId} (${body.decimals} decimals)` }, context);
  }

  @Post(':assetId/custody-accounts')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Propose linking a custody account that holds the underlying shares (four eyes: approve under /changes)' })
  linkAccount(@IdParam('assetId') assetId: string, @Body() body: LinkCustodyAccountDto, @CommandContext() context: RequestContext) {
    const data = { assetId, ...body };
    return this.changes.propose({ kind: 'custody-link', payload: { type: 'LinkCustodyAccount', data }, summary: `${assetId}: link custody account ${body.custodian}/${body.account}` }, context);
  }

  @Post(':assetId/multiplier')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Propose a shares-per-token multiplier (split, reinvested dividend; four eyes: approve under /changes)' })
  changeMultiplier(@IdParam('assetId') assetId: string, @Body() body: ChangeMultiplierDto, @CommandContext() context: RequestContext) {
    const data = { assetId, ...body };
    return this.changes.propose({ kind: 'multiplier', payload: { type: 'ChangeMultiplier', data }, summary: `${assetId}: multiplier ${body.newMultiplier} from ${body.effectiveAt} (${body.reason})` }, context);
  }
}
