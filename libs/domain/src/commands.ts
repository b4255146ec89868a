import { AssetCommand } from './asset/commands';
import { ChainCommand } from './chain/commands';
import { CustodyCommand } from './custody/commands';
import { ExceptionCommand } from './exception/commands';
import { IssuanceCommand } from './issuance/commands';
import { PeriodCommand } from './period/commands';
import { PolicyCommand } from './policy/commands';
import { ScheduleCommand } from './schedule/commands';
import { TradeCommand } from './trade/commands';

/** Every command the domain accepts; `type` names are unique across aggregates. */
export type AnyDomainCommand = AssetCommand | TradeCommand | IssuanceCommand | ChainCommand | CustodyCommand | ScheduleCommand | PolicyCommand | ExceptionCommand | PeriodCommand;
