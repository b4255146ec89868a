import { Principal } from '@recon/platform';
import { ExpectedVersion } from '@recon/event-store';

/** What the HTTP edge knows about a command besides its body: who, when, and concurrency hints. */
export interface RequestContext {
  readonly principal: Principal;
  /** Accepted-at time, read once at the edge; the domain never reads a clock. */
  readonly now: string;
  readonly correlationId: string;
  readonly expectedVersion?: ExpectedVersion;
  readonly idempotencyKey?: string;
  /** `X-Correction-Reason`: this write corrects a sealed period, and why (recorded for auditors). */
  readonly correctionReason?: string;
  /** Set when an approved change is carried out: the change and its maker, recorded beside the checker as actor. */
  readonly change?: { readonly changeId: string; readonly maker: string };
}

export interface CommandResult {
  readonly streamId: string;
  /** Stream revision after the command; also sent as the ETag. */
  readonly version: number;
  readonly appended: ReadonlyArray<{ eventId: string; type: string }>;
}
