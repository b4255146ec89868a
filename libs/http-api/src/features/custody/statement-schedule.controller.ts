import { Body, Controller, Get, Inject, NotFoundException, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { AnyDomainEvent, custodyStream, fold, ScheduleCommand, scheduleDecider, ScheduleEvent, scheduleStream } from '@recon/domain';
import { EVENT_STORE, EventStore } from '@recon/event-store';
import { aggregateCommandHandler, AggregateCommandMessage, commandMetadata, CommandResult, EVENT_CODEC, EventCodec, newEventIds, RequestContext } from '@recon/command-execution';
import { linksOfAccount } from '@recon/ingestion';
import { Roles } from '../../auth/auth.decorators';
import { BicParam } from '../../http/bic-param';
import { CommandContext } from '../../http/command-context.decorator';
import { IdParam } from '../../http/id-param';
import { ReasonDto } from '../exceptions/exception.dto';
import { StatementScheduleDto } from './statement-schedule.dto';

export class ExecuteScheduleCommand extends AggregateCommandMessage<ScheduleCommand> {}
export const ScheduleCommandHandler = aggregateCommandHandler(ExecuteScheduleCommand, scheduleDecider, (command) => scheduleStream(command.data.custodian, command.data.account));

/**
 * A custody account's statement schedule, reference data set with four eyes: a maker proposes, an
 * approver who is not the maker approves or rejects (the decider refuses the maker, 403; the role is
 * checked here, as for exception resolutions). Only an approved schedule changes when a statement
 * is late; read from the schedule's stream, so it answers without read models.
 */
@ApiTags('custody')
@ApiSecurity('api-key')
@ApiSecurity('bearer')
@Controller('custody/accounts/:custodian/:account')
export class StatementScheduleController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EVENT_CODEC) private readonly codec: EventCodec,
  ) {}

  /** An account is known once an asset links it or a statement of it arrived: the same rule as GET /custody/accounts/…. */
  private async requireAccount(custodian: string, account: string): Promise<void> {
    if ((await this.store.streamVersion(custodyStream(custodian, account))) >= 0) return;
    if ((await linksOfAccount(this.store, this.codec, account)).some((link) => link.custodian === custodian)) return;
    throw new NotFoundException({ statusCode: 404, error: 'ACCOUNT_NOT_FOUND', message: `custody account ${custodian}/${account} has no link and no statement` });
  }

  private async send(command: ScheduleCommand, context: RequestContext): Promise<CommandResult> {
    await this.requireAccount(command.data.custodian, command.data.account);
    return this.commands.execute(new ExecuteScheduleCommand(command, context));
  }

  @Post('schedule-proposals')
  @Roles('operator', 'approver')
  @ApiOperation({ summary: 'Propose the account\'s statement schedule (maker): frequency, local cut-off and timezone, weekend and holidays, grace' })
  async propose(@BicParam('custodian') custodian: string, @IdParam('account') account: string, @Body() body: StatementScheduleDto, @CommandContext() context: RequestContext) {
    // Derived from the Idempotency-Key when given, so a retried proposal adds nothing.
    const proposalId = newEventIds(1, `schedule-proposal-${custodian}-${account}`, context.idempotencyKey)[0];
    const result = await this.send({ type: 'ProposeStatementSchedule', data: { custodian, account, proposalId, schedule: body }, metadata: commandMetadata(context) }, context);
    return { ...result, proposalId };
  }

  @Post('schedule-proposals/:proposalId/approval')
  @Roles('approver')
  @ApiOperation({ summary: 'Approve a proposed schedule (checker: an approver other than the maker); it is in force from now on' })
  approve(@BicParam('custodian') custodian: string, @IdParam('account') account: string, @IdParam('proposalId') proposalId: string, @CommandContext() context: RequestContext) {
    return this.send({ type: 'ApproveStatementSchedule', data: { custodian, account, proposalId }, metadata: commandMetadata(context) }, context);
  }

  @Post('schedule-proposals/:proposalId/rejection')
  @Roles('approver')
  @ApiOperation({ summary: 'Reject a proposed schedule, saying why; the schedule in force stays' })
  reject(
    @BicParam('custodian') custodian: string, @IdParam('account') account: string, @IdParam('proposalId') proposalId: string,
    @Body() body: ReasonDto, @CommandContext() context: RequestContext,
  ) {
    return this.send({ type: 'RejectStatementSchedule', data: { custodian, account, proposalId, reason: body.reason }, metadata: commandMetadata(context) }, context);
  }

  @Get('schedule')
  @Roles('operator', 'approver', 'auditor')
  @ApiOperation({ summary: 'The account\'s statement schedule in force (null: the default daily calendar) and the proposal awaiting a checker' })
  async schedule(@BicParam('custodian') custodian: string, @IdParam('account') account: string) {
    await this.requireAccount(custodian, account);
    const stream = await this.store.readStream(scheduleStream(custodian, account));
    const state = fold(scheduleDecider, stream.map((recorded) => this.codec.decode(recorded) as AnyDomainEvent as ScheduleEvent));
    return {
      custodian,
      account,
      current: state.current ?? null,
      pending: state.pending ? [state.pending] : [],
      streamVersion: stream.length - 1,
    };
  }
}
