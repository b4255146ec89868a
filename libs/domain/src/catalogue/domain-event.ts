import { AssetEvent } from '../asset/events';
import { CustodyEvent } from '../custody/events';
import { ExceptionEvent } from '../exception/events';
import { IssuanceEvent } from '../issuance/events';
import { TradeEvent } from '../trade/events';

/** Every event the domain can write, in its current schema. */
export type AnyDomainEvent = AssetEvent | TradeEvent | IssuanceEvent | CustodyEvent | ExceptionEvent;
export type DomainEventType = AnyDomainEvent['type'];
