import { AssetsController } from './assets/assets.controller';
import { AssetCommandHandler } from './assets/asset-command';
import { ChangeQueue } from './changes/change-queue';
import { ChangeRequests } from './changes/change-requests';
import { ChangesController } from './changes/changes.controller';
import { CustodyCommandHandler, StatementIngestion, TradeCommandHandler } from '@recon/ingestion';
import { CustodyAccountsController } from './custody/custody-accounts.controller';
import { CustodyController } from './custody/custody.controller';
import { ScheduleCommandHandler, StatementScheduleController } from './custody/statement-schedule.controller';
import { ExceptionCommandHandler, ExceptionsController } from './exceptions/exceptions.controller';
import { IssuanceCommandHandler, IssuanceController } from './issuance/issuance.controller';
import { TransferClaimHandler } from './issuance/transfer-claims';
import { PolicyCommandHandler, ReconciliationPolicyController } from './policy/reconciliation-policy.controller';
import { PositionsController } from './positions/positions.controller';
import { StatementsController } from './statements/statements.controller';
import { TradesController } from './trades/trades.controller';

/**
 * One folder per aggregate's use cases: HTTP controller, DTOs, CQRS message and handler; statements/
 * is the upload route of libs/ingestion; positions/ is the custody positions query. The handlers list also carries the services
 * the features share (the statement ingestion, used by the upload route and the CLI).
 */
export const FEATURE_CONTROLLERS = [AssetsController, TradesController, IssuanceController, CustodyController, CustodyAccountsController, StatementScheduleController, ReconciliationPolicyController, PositionsController, StatementsController, ExceptionsController, ChangesController];
export const FEATURE_HANDLERS = [AssetCommandHandler, TradeCommandHandler, IssuanceCommandHandler, TransferClaimHandler, CustodyCommandHandler, ExceptionCommandHandler, ScheduleCommandHandler, PolicyCommandHandler, StatementIngestion, ChangeRequests, ChangeQueue];
