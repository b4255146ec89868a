import { canonicalJson } from '@recon/event-store';
import type { ReportSigningKey } from '@recon/reports';
import { createPublicKey, sign, verify } from 'node:crypto';

export interface SealContent {
  readonly periodId: string;
  readonly from: string;
  readonly to: string;
  readonly chainHead: { readonly position: string; readonly hash: string };
}

const sealText = (seal: SealContent): Buffer =>
  Buffer.from(canonicalJson({ periodId: seal.periodId, from: seal.from, to: seal.to, chainHead: seal.chainHead }), 'utf8');

/** Ed25519 over the seal's canonical JSON: what the PeriodSealed event carries. */
export const signSeal = (seal: SealContent, key: ReportSigningKey): string => sign(null, sealText(seal), key.privateKey).toString('base64');

export function sealVerifies(seal: SealContent & { readonly publicKey: string; readonly signature: string }): boolean {
  const publicKey = createPublicKey({ key: Buffer.from(seal.publicKey, 'base64'), format: 'der', type: 'spki' });
  return verify(null, sealText(seal), publicKey, Buffer.from(seal.signature, 'base64'));
}
