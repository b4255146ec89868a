import { AssetCommandHandler, AssetsController } from './assets/assets.controller';
import { CustodyCommandHandler, CustodyController } from './custody/custody.controller';
import { ExceptionCommandHandler, ExceptionsController } from './exceptions/exceptions.controller';
import { IssuanceCommandHandler, IssuanceController } from './issuance/issuance.controller';
import { TradeCommandHandler, TradesController } from './trades/trades.controller';

/** One folder per aggregate's use cases: HTTP controller, DTOs, CQRS message and handler. */
export const FEATURE_CONTROLLERS = [AssetsController, TradesController, IssuanceController, CustodyController, ExceptionsController];
export const FEATURE_HANDLERS = [AssetCommandHandler, TradeCommandHandler, IssuanceCommandHandler, CustodyCommandHandler, ExceptionCommandHandler];
