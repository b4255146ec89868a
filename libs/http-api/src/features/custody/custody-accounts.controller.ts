import { Controller, Get, Inject, NotFoundException } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { accountFactsKey, AnyDomainEvent, custodyStream, FactEvent, foldFacts, holdingsOfAccount } from '@recon/domain';
import { EVENT_STORE, EventStore } from '@recon/event-store';
import { EVENT_CODEC, EventCodec } from '@recon/command-execution';
import { linksOfAccount } from '@recon/ingestion';
import { Roles } from '../../auth/auth.decorators';
import { BicParam } from '../../http/bic-param';
import { IdParam } from '../../http/id-param';

/**
 * One safekeeping account at one custodian, read from the event store (so it answers without read
 * models): which assets link it, and what its latest statement says, as the reconciler reads it.
 */
@ApiTags('custody')
@ApiSecurity('api-key')
@ApiSecurity('bearer')
@Controller('custody/accounts')
@Roles('operator', 'approver', 'auditor')
export class CustodyAccountsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EVENT_CODEC) private readonly codec: EventCodec,
  ) {}

  @Get(':custodian/:account')
  @ApiOperation({ summary: 'One custody account: its links to assets and its latest statement (custodian as BIC8 or BIC11; XXX is the head office)' })
  async one(@BicParam('custodian') custodian: string, @IdParam('account') account: string) {
    const links = (await linksOfAccount(this.store, this.codec, account)).filter((link) => link.custodian === custodian);
    const stream = await this.store.readStream(custodyStream(custodian, account));
    if (links.length === 0 && stream.length === 0) throw new NotFoundException(`custody account ${custodian}/${account} has no link and no statement`);
    const key = accountFactsKey({ custodian, account });
    const facts = stream.map((recorded): FactEvent => ({ eventId: recorded.eventId, recordedAt: recorded.recordedAt, event: this.codec.decode(recorded) as AnyDomainEvent }));
    const doc = foldFacts(key, undefined, facts);
    const holdings = doc.kind === 'account' ? holdingsOfAccount(doc) : undefined;
    return {
      custodian,
      account,
      links: links.map(({ assetId, linkedAt }) => ({ assetId, linkedAt })),
      latestStatement: holdings
        ? { statementReference: holdings.statementReference, statementDate: holdings.statementDate, basis: holdings.basis, positions: holdings.lines.map(({ isin, quantity }) => ({ isin, quantity })) }
        : null,
      streamVersion: stream.length - 1,
    };
  }
}
