import { AnyDomainEvent, AssetRegistered, ExceptionEvent, TokenDeployed } from '@recon/domain';
import { isExceptionEvent } from '../exceptions/exceptions-projection';

/**
 * What a batch's events write directly, as reference data or queue rows: registrations, deployments
 * and exception lifecycle events. Every figure (holdings, supply, pending, collateralization) comes
 * from the facts fold instead (see read-model-projection.ts).
 */
export class EventGroups {
  readonly registrations: AssetRegistered[] = [];
  readonly deployments: TokenDeployed[] = [];
  /** With their stream version, which the exception queue keeps to ignore a replayed event. */
  readonly exceptions: Array<{ readonly event: ExceptionEvent; readonly streamVersion: number }> = [];

  add(event: AnyDomainEvent, streamVersion: number): void {
    if (isExceptionEvent(event)) this.exceptions.push({ event, streamVersion });
    else if (event.type === 'AssetRegistered') this.registrations.push(event);
    else if (event.type === 'TokenDeployed') this.deployments.push(event);
  }
}
