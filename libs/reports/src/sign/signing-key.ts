import { InvalidSettingsError } from '@recon/platform';
import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject } from 'node:crypto';

export const SIGNING_KEY_SETTING = 'RECON_REPORT_SIGNING_KEY';

export interface ReportSigningKey {
  readonly privateKey: KeyObject;
  /** base64 of the DER SubjectPublicKeyInfo: what a report carries and a verifier pins. */
  readonly publicKey: string;
  /** Where the key came from, for the start banner; never the key itself. */
  readonly origin: 'configured' | 'generated';
}

export const publicKeyText = (key: KeyObject): string => createPublicKey(key).export({ type: 'spki', format: 'der' }).toString('base64');

/** Parses an Ed25519 private key given as PEM, or as base64 of the PKCS#8 DER. */
export function parseSigningKey(text: string): KeyObject {
  const trimmed = text.trim();
  let key: KeyObject;
  try {
    key = trimmed.startsWith('-----BEGIN')
      ? createPrivateKey({ key: trimmed.replace(/\\n/g, '\n'), format: 'pem' })
      : createPrivateKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'pkcs8' });
  } catch {
    throw new InvalidSettingsError([`${SIGNING_KEY_SETTING} must be an Ed25519 private key: PEM, or base64 of PKCS#8 DER`]);
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new InvalidSettingsError([`${SIGNING_KEY_SETTING} must be an Ed25519 key (got ${key.asymmetricKeyType ?? 'unknown'})`]);
  }
  return key;
}

/**
 * The report and seal signing key, validated at start. Production needs one configured; embedded
 * mode generates one per process when none is set (its reports carry the public key, so they still
 * verify, but a verifier should pin a configured key's public half).
 */
export function loadSigningKey(env: NodeJS.ProcessEnv, mode: 'embedded' | 'production'): ReportSigningKey {
  const text = env[SIGNING_KEY_SETTING];
  if (text !== undefined && text !== '') {
    const privateKey = parseSigningKey(text);
    return { privateKey, publicKey: publicKeyText(privateKey), origin: 'configured' };
  }
  if (mode === 'production') throw new InvalidSettingsError([`${SIGNING_KEY_SETTING} is required in production (an Ed25519 private key, PEM or base64 PKCS#8)`]);
  const { privateKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey: publicKeyText(privateKey), origin: 'generated' };
}
