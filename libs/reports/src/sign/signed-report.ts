import { canonicalJson } from '@recon/event-store';
import { createHash, createPublicKey, sign, verify } from 'node:crypto';
import type { ReportDocument } from '../build/report-document';
import type { ReportSigningKey } from './signing-key';

/** The JSON file a report is delivered as: the report, the hash of its canonical JSON, and an Ed25519 signature over that JSON. */
export interface SignedReport {
  readonly report: ReportDocument;
  /** sha256 (hex) of canonicalJson(report). */
  readonly reportHash: string;
  readonly signature: {
    readonly algorithm: 'Ed25519';
    /** base64 DER SubjectPublicKeyInfo of the signer. */
    readonly publicKey: string;
    /** base64 signature over the UTF-8 bytes of canonicalJson(report). */
    readonly value: string;
  };
}

export const reportHash = (report: ReportDocument): string => createHash('sha256').update(canonicalJson(report)).digest('hex');

/** Ed25519 signatures are deterministic: the same report and key give the same bytes. */
export function signReport(report: ReportDocument, key: ReportSigningKey): SignedReport {
  const text = Buffer.from(canonicalJson(report), 'utf8');
  return {
    report,
    reportHash: createHash('sha256').update(text).digest('hex'),
    signature: { algorithm: 'Ed25519', publicKey: key.publicKey, value: sign(null, text, key.privateKey).toString('base64') },
  };
}

export type SignatureCheck = { readonly ok: true; readonly signed: SignedReport } | { readonly ok: false; readonly problem: string };

/**
 * Checks a delivered JSON file: well formed, hash matching the report, signature valid for the
 * public key it names, and (when given) that key being the one the verifier trusts.
 */
export function verifySignedReport(fileText: string, trustedPublicKey?: string): SignatureCheck {
  let signed: SignedReport;
  try {
    signed = JSON.parse(fileText) as SignedReport;
  } catch (error) {
    return { ok: false, problem: `not JSON: ${(error as Error).message}` };
  }
  if (!signed || typeof signed !== 'object' || !signed.report || !signed.signature || typeof signed.reportHash !== 'string') {
    return { ok: false, problem: 'not a signed report: report, reportHash and signature are required' };
  }
  if (signed.signature.algorithm !== 'Ed25519') return { ok: false, problem: `signature.algorithm: Ed25519 expected (got ${signed.signature.algorithm})` };
  const text = Buffer.from(canonicalJson(signed.report), 'utf8');
  const hash = createHash('sha256').update(text).digest('hex');
  if (hash !== signed.reportHash) return { ok: false, problem: `reportHash: the report hashes to ${hash}, the file says ${signed.reportHash}` };
  if (trustedPublicKey !== undefined && trustedPublicKey !== signed.signature.publicKey) {
    return { ok: false, problem: 'signature.publicKey: signed by another key than the trusted one' };
  }
  try {
    const publicKey = createPublicKey({ key: Buffer.from(signed.signature.publicKey, 'base64'), format: 'der', type: 'spki' });
    if (!verify(null, text, publicKey, Buffer.from(signed.signature.value, 'base64'))) return { ok: false, problem: 'signature: does not verify' };
  } catch (error) {
    return { ok: false, problem: `signature: ${(error as Error).message}` };
  }
  return { ok: true, signed };
}
