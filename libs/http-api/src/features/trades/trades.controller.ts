import { Body, Controller, Inject, Post, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { TradeCommand } from '@recon/domain';
import { ExecuteTradeCommand } from '@recon/ingestion';
import { EVENT_STORE, EventStore } from '@recon/event-store';
import { Roles } from '../../auth/auth.decorators';
import { commandMetadata, CommandResult, EventSourcing, RequestContext } from '@recon/command-execution';
import { CommandContext } from '../../http/command-context.decorator';
import { IdParam } from '../../http/id-param';
import { requireRegisteredAsset } from '../assets/registered-asset';
import { ChangeRequests, ProposalAccepted } from '../changes/change-requests';
import { ProposalStatusInterceptor } from '../changes/proposal-status.interceptor';
import { AmendTradeDto, CancelTradeDto, ExecuteTradeDto, RecordSettlementDto, RecordSettlementFailureDto } from './trade.dto';


/**
 * Broker executions and their settlement at the custodian. A write dated inside a sealed period and
 * sent with X-Correction-Reason corrects that period: it is a proposal (202) for a second identity
 * to approve under /changes, like every manual change of the figures.
 */
@ApiTags('trades')
@ApiSecurity('api-key')
@ApiSecurity('bearer')
@Controller('trades')
@Roles('operator')
@UseInterceptors(ProposalStatusInterceptor)
export class TradesController {
  constructor(private readonly commands: CommandBus, @Inject(EVENT_STORE) private readonly store: EventStore, private readonly changes: ChangeRequests) {}

  private async send(command: TradeCommand, context: RequestContext, sourcing?: EventSourcing): Promise<CommandResult | ProposalAccepted> {
    const payload = { type: command.type, data: command.data as unknown as Record<string, unknown>, ...(sourcing ? { sourcing } : {}) };
    const proposal = await this.changes.proposeCorrection(payload, `correction of trade ${command.data.tradeId} (${command.type})`, context);
    return proposal ?? this.commands.execute(new ExecuteTradeCommand(command, context, sourcing));
  }

  @Post()
  @ApiOperation({ summary: 'Record a broker execution' })
  async execute(@Body() body: ExecuteTradeDto, @CommandContext() context: RequestContext) {
    await requireRegisteredAsset(this.store, body.assetId);
    return this.send({ type: 'ExecuteTrade', data: body, metadata: commandMetadata(context) }, context, { businessTime: `${body.tradeDate}T00:00:00Z` });
  }

  @Post(':tradeId/amendments')
  @ApiOperation({ summary: 'Amend a trade before it settles' })
  amend(@IdParam('tradeId') tradeId: string, @Body() body: AmendTradeDto, @CommandContext() context: RequestContext) {
    return this.send({ type: 'AmendTrade', data: { tradeId, ...body }, metadata: commandMetadata(context) }, context);
  }

  @Post(':tradeId/cancellation')
  @ApiOperation({ summary: 'Cancel a trade that has not settled' })
  cancel(@IdParam('tradeId') tradeId: string, @Body() body: CancelTradeDto, @CommandContext() context: RequestContext) {
    return this.send({ type: 'CancelTrade', data: { tradeId, ...body }, metadata: commandMetadata(context) }, context);
  }

  @Post(':tradeId/settlements')
  @ApiOperation({ summary: 'Apply a settlement confirmation (full or partial)' })
  settle(@IdParam('tradeId') tradeId: string, @Body() body: RecordSettlementDto, @CommandContext() context: RequestContext) {
    const sourcing = { sourceDocument: `confirmation:${body.confirmationId}`, businessTime: body.settledAt };
    return this.send({ type: 'RecordSettlement', data: { tradeId, ...body }, metadata: commandMetadata(context) }, context, sourcing);
  }

  @Post(':tradeId/settlement-failures')
  @ApiOperation({ summary: 'Record that settlement failed' })
  fail(@IdParam('tradeId') tradeId: string, @Body() body: RecordSettlementFailureDto, @CommandContext() context: RequestContext) {
    return this.send({ type: 'RecordSettlementFailure', data: { tradeId, ...body }, metadata: commandMetadata(context) }, context);
  }
}
