import { InvalidSettingsError } from '@recon/platform';
import { generateKeyPairSync } from 'node:crypto';
import { loadSigningKey, SIGNING_KEY_SETTING } from './signing-key';

const problemsOf = (env: NodeJS.ProcessEnv, mode: 'embedded' | 'production'): string[] => {
  try {
    loadSigningKey(env, mode);
  } catch (error) {
    if (error instanceof InvalidSettingsError) return error.problems;
    throw error;
  }
  return [];
};

describe('The report signing key', () => {
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const base64 = privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');

  it('should accept PEM and base64 PKCS#8, giving the same public key', () => {
    const fromPem = loadSigningKey({ [SIGNING_KEY_SETTING]: pem }, 'production');
    expect(fromPem).toMatchObject({ origin: 'configured' });
    expect(loadSigningKey({ [SIGNING_KEY_SETTING]: base64 }, 'production').publicKey).toBe(fromPem.publicKey);
  });
  it('should refuse a malformed key or a key of another algorithm, naming the setting', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(problemsOf({ [SIGNING_KEY_SETTING]: 'not-a-key' }, 'embedded')).toEqual([expect.stringMatching(/^RECON_REPORT_SIGNING_KEY must be an Ed25519 private key/)]);
    expect(problemsOf({ [SIGNING_KEY_SETTING]: rsa }, 'embedded')).toEqual([expect.stringMatching(/^RECON_REPORT_SIGNING_KEY must be an Ed25519 key \(got rsa\)/)]);
  });
  it('should be required in production and generated in embedded mode', () => {
    expect(problemsOf({}, 'production')).toEqual([expect.stringMatching(/^RECON_REPORT_SIGNING_KEY is required in production/)]);
    expect(loadSigningKey({}, 'embedded')).toMatchObject({ origin: 'generated', publicKey: expect.any(String) });
  });
});
