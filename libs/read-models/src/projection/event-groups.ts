import { AnyDomainEvent, ExceptionEvent } from '@recon/domain';
import { isExceptionEvent } from '../exceptions/exceptions-projection';
import { AssetEvent } from './asset-batch';
import { CustodyFact } from './custody-fold';
import { SettlementEvent } from './settlement-batch';
import { SupplyEvent } from './supply-batch';

/**
 * A batch's events sorted by the rows they change, each group in event order. The groups touch
 * disjoint rows, except that statement lines look up assets, so the order between groups only
 * matters there (assets are written first).
 */
export class EventGroups {
  readonly assets: AssetEvent[] = [];
  readonly supply: SupplyEvent[] = [];
  readonly settlements: SettlementEvent[] = [];
  /** Statements and their cancellations, in stream order. */
  readonly statements: CustodyFact[] = [];
  /** With their stream version, which the exception queue keeps to ignore a replayed event. */
  readonly exceptions: Array<{ readonly event: ExceptionEvent; readonly streamVersion: number }> = [];
  /** Assets the events name; statements add theirs when written (the ISIN decides). */
  readonly touched = new Set<string>();

  add(event: AnyDomainEvent, streamVersion: number): void {
    if (isExceptionEvent(event)) {
      this.exceptions.push({ event, streamVersion });
      return;
    }
    switch (event.type) {
      case 'AssetRegistered':
      case 'MultiplierChanged':
        this.assets.push(event);
        break;
      case 'TokenDeployed':
      case 'MintedOnChain':
      case 'BurnedOnChain':
      case 'ChainTransferObserved':
      case 'ChainTransferReverted':
      case 'TotalSupplyRead':
      case 'ChainReorgDetected':
        this.supply.push(event);
        break;
      case 'TradeExecuted':
      case 'TradeAmended':
      case 'TradeCancelled':
      case 'TradeSettled':
      case 'SettlementFailed':
        this.settlements.push(event);
        break;
      case 'StatementReceived':
      case 'StatementCancelled':
        this.statements.push(event);
        return;
      default:
        // Requests (matched by the reconciler), custody links, movements and conflicting duplicates
        // do not change these read models.
        return;
    }
    this.touched.add(event.data.assetId);
  }
}
