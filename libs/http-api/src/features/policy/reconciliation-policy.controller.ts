import { Body, Controller, ForbiddenException, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { AnyDomainEvent, fold, POLICY_STREAM, PolicyCommand, policyDecider, PolicyEvent, PolicyState, policyTermsOf, sameIdentity } from '@recon/domain';
import { EVENT_STORE, EventStore } from '@recon/event-store';
import { aggregateCommandHandler, AggregateCommandMessage, commandMetadata, EVENT_CODEC, EventCodec, newEventIds, RequestContext } from '@recon/command-execution';
import { DEFAULT_RECONCILER_SETTINGS } from '@recon/read-models';
import { Roles } from '../../auth/auth.decorators';
import { CommandContext } from '../../http/command-context.decorator';
import { IdParam } from '../../http/id-param';
import { ReasonDto } from '../exceptions/exception.dto';
import { PolicyDto } from './policy.dto';

export class ExecutePolicyCommand extends AggregateCommandMessage<PolicyCommand> {}
export const PolicyCommandHandler = aggregateCommandHandler(ExecutePolicyCommand, policyDecider, () => POLICY_STREAM);

const mayCheck = (context: RequestContext): boolean => context.principal.roles.some((role) => role === 'approver' || role === 'admin');

/**
 * The reconciliation policy (tolerance, staleness, windows), reference data set with four eyes: a
 * maker proposes, an approver who is not the maker approves (the decider refuses the maker, 403) or
 * rejects with a reason; the maker may withdraw their own. Only an approved policy changes how the
 * reconciler judges, from its approval on. Read from the policy's stream, so it answers without read
 * models.
 */
@ApiTags('reconciliation')
@ApiSecurity('api-key')
@ApiSecurity('bearer')
@Controller('reconciliation/policy')
export class ReconciliationPolicyController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EVENT_CODEC) private readonly codec: EventCodec,
  ) {}

  private async state(): Promise<PolicyState> {
    const stream = await this.store.readStream(POLICY_STREAM);
    return fold(policyDecider, stream.map((recorded) => this.codec.decode(recorded) as AnyDomainEvent as PolicyEvent));
  }

  @Get()
  @Roles('operator', 'approver', 'auditor')
  @ApiOperation({ summary: 'The policy in force (the defaults until one is approved) and the proposal awaiting a checker' })
  async policy() {
    const { current, pending } = await this.state();
    const effective = current
      ? { ...current.policy, approvedBy: current.checker, approvedAt: current.approvedAt }
      : policyTermsOf(DEFAULT_RECONCILER_SETTINGS.policy);
    return { effective, ...(pending ? { pending } : {}) };
  }

  @Post('proposals')
  @HttpCode(202)
  @Roles('operator', 'approver')
  @ApiOperation({ summary: 'Propose a reconciliation policy (maker); it changes nothing until another approver approves it' })
  async propose(@Body() body: PolicyDto, @CommandContext() context: RequestContext) {
    // Derived from the Idempotency-Key when given, so a retried proposal adds nothing.
    const proposalId = newEventIds(1, 'policy-proposal', context.idempotencyKey)[0]!;
    await this.send({ type: 'ProposePolicy', data: { proposalId, policy: body }, metadata: commandMetadata(context) }, context);
    // A retry of a proposal decided since answers how it ended.
    const outcome = (await this.state()).proposals.get(proposalId) ?? 'pending';
    return { proposalId, status: outcome.toUpperCase() };
  }

  @Post('proposals/:proposalId/approval')
  @Roles('approver')
  @ApiOperation({ summary: 'Approve a proposed policy (checker: an approver other than the maker); it is in force from now on' })
  approve(@IdParam('proposalId') proposalId: string, @CommandContext() context: RequestContext) {
    // Dated at the approval: an as-of replay before it judges by the policy in force then.
    return this.send({ type: 'ApprovePolicy', data: { proposalId }, metadata: commandMetadata(context) }, context, context.now);
  }

  @Post('proposals/:proposalId/rejection')
  @Roles('operator', 'approver')
  @ApiOperation({ summary: 'Reject a proposed policy, saying why (an approver), or withdraw one\'s own (its maker); the policy in force stays' })
  async reject(@IdParam('proposalId') proposalId: string, @Body() body: ReasonDto, @CommandContext() context: RequestContext) {
    if (!mayCheck(context)) {
      const { pending } = await this.state();
      if (pending?.proposalId === proposalId && !sameIdentity(pending.maker, context.principal.id)) {
        throw new ForbiddenException({ statusCode: 403, error: 'FORBIDDEN', message: 'only an approver, or the proposal\'s maker withdrawing it, may reject a policy proposal' });
      }
    }
    return this.send({ type: 'RejectPolicy', data: { proposalId, reason: body.reason }, metadata: commandMetadata(context) }, context);
  }

  private send(command: PolicyCommand, context: RequestContext, businessTime?: string) {
    return this.commands.execute(new ExecutePolicyCommand(command, context, businessTime ? { businessTime } : {}));
  }
}
