import { Body, Controller, Inject, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { DomainError, IssuanceCommand, issuanceDecider, issuanceStream } from '@recon/domain';
import { EVENT_STORE, EventStore } from '@recon/event-store';
import { Roles } from '../../auth/auth.decorators';
import { aggregateCommandHandler, AggregateCommandMessage, commandMetadata, CommandResult, EventSourcing, RequestContext } from '@recon/command-execution';
import { CommandContext } from '../../http/command-context.decorator';
import { IdParam } from '../../http/id-param';
import { requireRegisteredAsset } from '../assets/registered-asset';
import { claimMessage, releaseMessage } from './transfer-claims';
import { requireTradeBehind } from './trade-behind';
import { ChainTransferDto, IssuanceRequestDto } from './issuance.dto';

export class ExecuteIssuanceCommand extends AggregateCommandMessage<IssuanceCommand> {}
export const IssuanceCommandHandler = aggregateCommandHandler(ExecuteIssuanceCommand, issuanceDecider, (command) => issuanceStream(command.data.requestId));

const onChain = (body: ChainTransferDto): EventSourcing => ({
  sourceDocument: `chain:${body.chainId}:${body.txHash.toLowerCase()}:${body.logIndex}`,
  businessTime: body.blockTime,
});

/** Mint and redemption requests, and the chain events that fulfil them. */
@ApiTags('issuance')
@ApiSecurity('api-key')
@ApiSecurity('bearer')
@Controller('issuance')
@Roles('operator')
export class IssuanceController {
  constructor(private readonly commands: CommandBus, @Inject(EVENT_STORE) private readonly store: EventStore) {}

  private send(command: IssuanceCommand, context: RequestContext, sourcing?: EventSourcing): Promise<CommandResult> {
    return this.commands.execute(new ExecuteIssuanceCommand(command, context, sourcing));
  }

  @Post('mint-requests')
  @ApiOperation({ summary: 'Record a mint request from an authorized participant' })
  async requestMint(@Body() body: IssuanceRequestDto, @CommandContext() context: RequestContext) {
    await requireRegisteredAsset(this.store, body.assetId);
    await requireTradeBehind(this.store, body, 'BUY');
    return this.send({ type: 'RequestMint', data: body, metadata: commandMetadata(context) }, context);
  }

  @Post('redemption-requests')
  @ApiOperation({ summary: 'Record a redemption request' })
  async requestRedemption(@Body() body: IssuanceRequestDto, @CommandContext() context: RequestContext) {
    await requireRegisteredAsset(this.store, body.assetId);
    await requireTradeBehind(this.store, body, 'SELL');
    return this.send({ type: 'RequestRedemption', data: body, metadata: commandMetadata(context) }, context);
  }

  @Post(':requestId/mints')
  @ApiOperation({ summary: 'Attach an on-chain mint (Transfer from the zero address) to its request; 409 when another request already recorded that transfer' })
  minted(@IdParam('requestId') requestId: string, @Body() body: ChainTransferDto, @CommandContext() context: RequestContext) {
    return this.recordTransfer({ type: 'RecordMintOnChain', data: { requestId, ...body }, metadata: commandMetadata(context) }, context, onChain(body));
  }

  @Post(':requestId/burns')
  @ApiOperation({ summary: 'Attach an on-chain burn (Transfer to the zero address) to its request; 409 when another request already recorded that transfer' })
  burned(@IdParam('requestId') requestId: string, @Body() body: ChainTransferDto, @CommandContext() context: RequestContext) {
    return this.recordTransfer({ type: 'RecordBurnOnChain', data: { requestId, ...body }, metadata: commandMetadata(context) }, context, onChain(body));
  }

  /**
   * A transfer (chain, transaction, log index) is claimed for the request first, so that no second
   * request, of this asset or another, can record it too (409 naming the asset it belongs to); if the
   * request's own stream then refuses it (more than remains, the wrong chain), the claim is released.
   */
  private async recordTransfer(command: Extract<IssuanceCommand, { type: 'RecordMintOnChain' | 'RecordBurnOnChain' }>, context: RequestContext, sourcing: EventSourcing) {
    const { requestId, chainId, txHash, logIndex } = command.data;
    const assetId = await this.assetOfRequest(requestId);
    if (assetId === undefined) return this.send(command, context, sourcing); // the decider answers REQUEST_NOT_FOUND
    const ref = { chainId, txHash: txHash.toLowerCase(), logIndex };
    await this.commands.execute(claimMessage(ref, assetId, requestId, context));
    try {
      return await this.send(command, context, sourcing);
    } catch (error) {
      if (error instanceof DomainError) await this.commands.execute(releaseMessage(ref, requestId, error.code, context));
      throw error;
    }
  }

  /** The asset a request was made for, from its first event; undefined when no such request exists. */
  private async assetOfRequest(requestId: string): Promise<string | undefined> {
    const [first] = await this.store.readStream(issuanceStream(requestId), { maxCount: 1 });
    return (first?.data as { assetId?: string } | undefined)?.assetId;
  }
}
