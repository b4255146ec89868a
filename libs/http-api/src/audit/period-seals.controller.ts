import { Body, Controller, Get, HttpCode, Inject, NotImplementedException, Post } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { PERIOD_SEALS_STREAM, periodDecider, PeriodSealed } from '@recon/domain';
import { ChainHead, EVENT_STORE, EventStore } from '@recon/event-store';
import type { ReportSigningKey } from '@recon/reports';
import { Roles } from '../auth/auth.decorators';
import { CommandContext } from '../http/command-context.decorator';
import { DeciderExecutor, RequestContext } from '@recon/command-execution';
import { SealPeriodDto } from './period-seal.dto';
import { REPORT_SIGNING_KEY } from './report-signing-key';
import { sealVerifies, signSeal } from './seal-signature';

const hasChainHead = (store: EventStore): store is EventStore & { chainHead(): Promise<ChainHead> } =>
  typeof (store as { chainHead?: unknown }).chainHead === 'function';

/** Closing a period: a signed seal over the chain head; later writes dated inside it need a correction. */
@ApiTags('periods')
@ApiSecurity('api-key')
@ApiSecurity('bearer')
@Controller('periods/seals')
export class PeriodSealsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DeciderExecutor) private readonly executor: DeciderExecutor,
    @Inject(REPORT_SIGNING_KEY) private readonly key: ReportSigningKey,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('approver')
  @ApiOperation({ summary: 'Seal a business period over the current chain head' })
  async seal(@Body() body: SealPeriodDto, @CommandContext() context: RequestContext) {
    if (!hasChainHead(this.store)) throw new NotImplementedException('sealing needs the global hash chain of the PostgreSQL store');
    const head = await this.store.chainHead();
    const from = new Date(body.from).toISOString();
    const to = new Date(body.to).toISOString();
    const content = { periodId: body.periodId, from, to, chainHead: { position: head.position.toString(), hash: head.hash } };
    return this.executor.execute(PERIOD_SEALS_STREAM, periodDecider, {
      type: 'SealPeriod',
      data: { ...content, publicKey: this.key.publicKey, signature: signSeal(content, this.key) },
      metadata: { now: context.now, actor: context.principal.id },
    }, context);
  }

  @Get()
  @Roles('operator', 'approver', 'auditor', 'regulator')
  @ApiOperation({ summary: 'Every seal and recorded correction, each seal with its signature checked' })
  async list() {
    const events = await this.store.readStream(PERIOD_SEALS_STREAM);
    return events.map((event) => ({
      type: event.type,
      globalPosition: event.globalPosition.toString(),
      data: event.data,
      ...(event.type === 'PeriodSealed' ? { signatureValid: sealVerifies((event.data as PeriodSealed['data'])) } : {}),
    }));
  }
}
