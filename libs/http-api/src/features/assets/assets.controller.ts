import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { AssetCommand, assetDecider, assetStream } from '@recon/domain';
import { Roles } from '../../auth/auth.decorators';
import { aggregateCommandHandler, AggregateCommandMessage, commandMetadata, CommandResult, RequestContext } from '@recon/command-execution';
import { CommandContext } from '../../http/command-context.decorator';
import { IdParam } from '../../http/id-param';
import { ChangeMultiplierDto, LinkCustodyAccountDto, RecordTokenDeploymentDto, RegisterAssetDto } from './asset.dto';

export class ExecuteAssetCommand extends AggregateCommandMessage<AssetCommand> {}
export const AssetCommandHandler = aggregateCommandHandler(ExecuteAssetCommand, assetDecider, (command) => assetStream(command.data.assetId));

/** Reference data of an asset: its ISIN, token deployments, custody accounts and multiplier. */
@ApiTags('assets')
@ApiSecurity('api-key')
@ApiSecurity('bearer')
@Controller('assets')
@Roles('operator')
export class AssetsController {
  constructor(private readonly commands: CommandBus) {}

  private send(command: AssetCommand, context: RequestContext): Promise<CommandResult> {
    return this.commands.execute(new ExecuteAssetCommand(command, context));
  }

  @Post()
  @ApiOperation({ summary: 'Register an asset by ISIN' })
  register(@Body() body: RegisterAssetDto, @CommandContext() context: RequestContext) {
    return this.send({ type: 'RegisterAsset', data: body, metadata: commandMetadata(context) }, context);
  }

  @Post(':assetId/deployments')
  @ApiOperation({ summary: 'Record a token contract deployed on a chain' })
  deploy(@IdParam('assetId') assetId: string, @Body() body: RecordTokenDeploymentDto, @CommandContext() context: RequestContext) {
    return this.send({ type: 'RecordTokenDeployment', data: { assetId, ...body }, metadata: commandMetadata(context) }, context);
  }

  @Post(':assetId/custody-accounts')
  @ApiOperation({ summary: 'Link a custody account that holds the underlying shares' })
  linkAccount(@IdParam('assetId') assetId: string, @Body() body: LinkCustodyAccountDto, @CommandContext() context: RequestContext) {
    return this.send({ type: 'LinkCustodyAccount', data: { assetId, ...body }, metadata: commandMetadata(context) }, context);
  }

  @Post(':assetId/multiplier')
  @ApiOperation({ summary: 'Change the shares-per-token multiplier (split, reinvested dividend)' })
  changeMultiplier(@IdParam('assetId') assetId: string, @Body() body: ChangeMultiplierDto, @CommandContext() context: RequestContext) {
    return this.send({ type: 'ChangeMultiplier', data: { assetId, ...body }, metadata: commandMetadata(context) }, context);
  }
}
