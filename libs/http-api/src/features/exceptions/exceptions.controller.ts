import { Body, Controller, HttpCode, Logger, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { DomainError, ExceptionCommand, exceptionDecider, exceptionStream } from '@recon/domain';
import { WrongExpectedVersionError } from '@recon/event-store';
import { Roles } from '../../auth/auth.decorators';
import { aggregateCommandHandler, AggregateCommandMessage, commandMetadata, CommandResult, newEventIds, RequestContext } from '@recon/command-execution';
import { CommandContext } from '../../http/command-context.decorator';
import { IdParam } from '../../http/id-param';
import { AssignExceptionDto, BulkAssignDto, RaiseExceptionDto, ReasonDto, ResolutionDto, TextDto } from './exception.dto';

export class ExecuteExceptionCommand extends AggregateCommandMessage<ExceptionCommand> {}
export const ExceptionCommandHandler = aggregateCommandHandler(ExecuteExceptionCommand, exceptionDecider, (command) => exceptionStream(command.data.exceptionId));

/**
 * The exception workflow. Maker-checker is a domain rule: approving one's own proposal is refused
 * by the decider (403), whatever roles the caller holds.
 */
@ApiTags('exceptions')
@ApiSecurity('api-key')
@ApiSecurity('bearer')
@Controller('exceptions')
export class ExceptionsController {
  private readonly logger = new Logger(ExceptionsController.name);

  constructor(private readonly commands: CommandBus) {}

  private send(command: ExceptionCommand, context: RequestContext): Promise<CommandResult> {
    return this.commands.execute(new ExecuteExceptionCommand(command, context));
  }

  /** Ids of comments and proposals: derived from the Idempotency-Key when given, so retries add nothing. */
  private newId(exceptionId: string, context: RequestContext): string {
    return newEventIds(1, `exception-item-${exceptionId}`, context.idempotencyKey)[0];
  }

  @Post()
  @Roles('operator')
  @ApiOperation({ summary: 'Raise an exception by hand (the reconciler raises most of them)' })
  raise(@Body() body: RaiseExceptionDto, @CommandContext() context: RequestContext) {
    return this.send({ type: 'RaiseException', data: body, metadata: commandMetadata(context) }, context);
  }

  @Post(':exceptionId/assignment')
  @Roles('operator', 'approver')
  @ApiOperation({ summary: 'Assign the exception to a team member' })
  assign(@IdParam('exceptionId') exceptionId: string, @Body() body: AssignExceptionDto, @CommandContext() context: RequestContext) {
    return this.send({ type: 'AssignException', data: { exceptionId, ...body }, metadata: commandMetadata(context) }, context);
  }

  @Post('assign')
  @HttpCode(200)
  @Roles('operator', 'approver')
  @ApiOperation({
    summary: 'Assign several exceptions to one team member: each through its own aggregate, one after the other, with the outcome of each (assigned, or refused and why); one refusal does not stop the others',
  })
  async assignMany(@Body() body: BulkAssignDto, @CommandContext() context: RequestContext): Promise<BulkAssignResult> {
    // If-Match names one stream's version; it means nothing for many, so each is assigned at its current version.
    const { expectedVersion, ...each } = context;
    void expectedVersion;
    const outcomes: BulkAssignOutcome[] = [];
    for (const exceptionId of [...new Set(body.exceptionIds)]) {
      try {
        const result = await this.send({ type: 'AssignException', data: { exceptionId, assignee: body.assignee }, metadata: commandMetadata(each) }, each);
        outcomes.push({ exceptionId, outcome: 'assigned', version: result.version });
      } catch (error) {
        outcomes.push({ exceptionId, outcome: 'refused', ...refusalOf(error) });
        if (!(error instanceof DomainError || error instanceof WrongExpectedVersionError)) this.logger.error(error instanceof Error ? error.stack : String(error));
      }
    }
    return { assignee: body.assignee, assigned: outcomes.filter((o) => o.outcome === 'assigned').length, refused: outcomes.filter((o) => o.outcome === 'refused').length, outcomes };
  }

  @Post(':exceptionId/comments')
  @Roles('operator', 'approver')
  @ApiOperation({ summary: 'Comment on the exception' })
  comment(@IdParam('exceptionId') exceptionId: string, @Body() body: TextDto, @CommandContext() context: RequestContext) {
    const commentId = this.newId(exceptionId, context);
    return this.send({ type: 'CommentOnException', data: { exceptionId, commentId, text: body.text }, metadata: commandMetadata(context) }, context);
  }

  @Post(':exceptionId/proposals')
  @Roles('operator', 'approver')
  @ApiOperation({ summary: 'Propose a resolution (maker): an outcome (accept-difference, write-off, ignore-instrument, fixed-at-source) with a reason code, a justification and its terms' })
  propose(@IdParam('exceptionId') exceptionId: string, @Body() body: ResolutionDto, @CommandContext() context: RequestContext) {
    const proposalId = this.newId(exceptionId, context);
    const given = Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
    return this.send({ type: 'ProposeResolution', data: { ...given, exceptionId, proposalId }, metadata: commandMetadata(context) }, context);
  }

  @Post(':exceptionId/proposals/:proposalId/approval')
  @Roles('approver')
  @ApiOperation({ summary: 'Approve a proposed resolution (checker: not the maker)' })
  approve(@IdParam('exceptionId') exceptionId: string, @IdParam('proposalId') proposalId: string, @CommandContext() context: RequestContext) {
    return this.send({ type: 'ApproveResolution', data: { exceptionId, proposalId }, metadata: commandMetadata(context) }, context);
  }

  @Post(':exceptionId/proposals/:proposalId/rejection')
  @Roles('operator', 'approver')
  @ApiOperation({ summary: 'Reject a proposed resolution (or withdraw one\'s own)' })
  reject(@IdParam('exceptionId') exceptionId: string, @IdParam('proposalId') proposalId: string, @Body() body: ReasonDto, @CommandContext() context: RequestContext) {
    return this.send({ type: 'RejectResolution', data: { exceptionId, proposalId, reason: body.reason }, metadata: commandMetadata(context) }, context);
  }

  @Post(':exceptionId/reopening')
  @Roles('operator', 'approver')
  @ApiOperation({ summary: 'Reopen a closed or cleared exception' })
  reopen(@IdParam('exceptionId') exceptionId: string, @Body() body: ReasonDto, @CommandContext() context: RequestContext) {
    return this.send({ type: 'ReopenException', data: { exceptionId, reason: body.reason }, metadata: commandMetadata(context) }, context);
  }
}

export type BulkAssignOutcome =
  | { readonly exceptionId: string; readonly outcome: 'assigned'; readonly version: number }
  | { readonly exceptionId: string; readonly outcome: 'refused'; readonly code: string; readonly reason: string };

export interface BulkAssignResult {
  readonly assignee: string;
  readonly assigned: number;
  readonly refused: number;
  readonly outcomes: readonly BulkAssignOutcome[];
}

/** A refusal in the words the single-exception route would use (its error code and message). */
function refusalOf(error: unknown): { code: string; reason: string } {
  if (error instanceof DomainError) return { code: error.code, reason: error.message };
  if (error instanceof WrongExpectedVersionError) return { code: 'CONFLICT', reason: error.message };
  return { code: 'INTERNAL', reason: 'internal error: the exception was not assigned' };
}
