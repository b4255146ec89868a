import { DomainEvent } from '../shared/event';

/** The tamper-evident chain's head when a period was closed: position and hash of the last event. */
export interface SealedChainHead {
  readonly position: string;
  readonly hash: string;
}

/**
 * A business period closed: facts dated in [from, to) are final. The seal names the chain head it
 * was taken at and carries an Ed25519 signature (made at the edge) over the seal's canonical JSON
 * `{periodId, from, to, chainHead}`, so anyone holding the public key can check it independently.
 */
export type PeriodSealed = DomainEvent<'PeriodSealed', {
  periodId: string;
  from: string;
  to: string;
  chainHead: SealedChainHead;
  /** base64 DER SubjectPublicKeyInfo and base64 signature. */
  publicKey: string;
  signature: string;
  sealedBy: string;
  sealedAt: string;
}>;

/**
 * The audit record of a write into a sealed period: who, why, into which stream, dated when. Written
 * before the business events it admits, which carry `correctionOf` in their metadata.
 */
export type SealedPeriodCorrected = DomainEvent<'SealedPeriodCorrected', {
  periodId: string;
  correctionId: string;
  streamId: string;
  eventTypes: readonly string[];
  businessTime: string;
  reason: string;
  correctedBy: string;
  correctedAt: string;
}>;

export type PeriodEvent = PeriodSealed | SealedPeriodCorrected;
export const PERIOD_EVENT_TYPES = ['PeriodSealed', 'SealedPeriodCorrected'] as const satisfies readonly PeriodEvent['type'][];
