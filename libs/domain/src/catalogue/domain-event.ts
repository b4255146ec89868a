import { AssetEvent } from '../asset/events';
import { ChainEvent } from '../chain/events';
import { ChangeEvent } from '../change/events';
import { CustodyEvent } from '../custody/events';
import { ExceptionEvent } from '../exception/events';
import { IssuanceEvent } from '../issuance/events';
import { TransferClaimEvent } from '../issuance/transfer-claim';
import { PeriodEvent } from '../period/events';
import { PolicyEvent } from '../policy/events';
import { ScheduleEvent } from '../schedule/events';
import { TradeEvent } from '../trade/events';

/** Every event the domain can write, in its current schema. */
export type AnyDomainEvent = AssetEvent | TradeEvent | IssuanceEvent | TransferClaimEvent | ChainEvent | CustodyEvent | ScheduleEvent | PolicyEvent | ExceptionEvent | PeriodEvent | ChangeEvent;
export type DomainEventType = AnyDomainEvent['type'];
