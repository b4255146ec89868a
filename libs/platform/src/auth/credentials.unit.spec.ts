import { sign } from 'jsonwebtoken';
import { AuthenticationFailed, CredentialVerifier } from './credentials';

const SECRET = 's'.repeat(32);

describe('CredentialVerifier', () => {
  describe('When running embedded', () => {
    it('should know the development keys', () => {
      const verifier = new CredentialVerifier({ RECON_MODE: 'embedded' });
      expect(verifier.byApiKey('dev-approver-key-0000')).toEqual({ id: 'dev-approver', roles: ['approver'], via: 'api-key' });
    });
  });

  describe('When running in production', () => {
    it('should refuse the development keys and accept configured ones', () => {
      const verifier = new CredentialVerifier({ RECON_MODE: 'production', RECON_API_KEYS: 'a-long-enough-key-123:auditor:erin' });
      expect(() => verifier.byApiKey('dev-approver-key-0000')).toThrow(AuthenticationFailed);
      expect(verifier.byApiKey('a-long-enough-key-123')).toMatchObject({ id: 'erin', roles: ['auditor'] });
    });
  });

  describe('When a token is presented', () => {
    const verifier = new CredentialVerifier({ RECON_MODE: 'production', RECON_JWT_SECRET: SECRET });

    it('should accept a valid token and keep only known roles', () => {
      const token = sign({ sub: 'dave', roles: ['approver', 'superuser'] }, SECRET, { algorithm: 'HS256', expiresIn: '5m' });
      expect(verifier.byToken(token)).toEqual({ id: 'dave', roles: ['approver'], via: 'token' });
    });

    it('should refuse a token without a known role, with another algorithm, or unsigned', () => {
      expect(() => verifier.byToken(sign({ sub: 'dave', roles: ['superuser'] }, SECRET, { algorithm: 'HS256', expiresIn: '5m' }))).toThrow(/no known role/);
      expect(() => verifier.byToken(sign({ sub: 'dave', roles: ['admin'] }, SECRET, { algorithm: 'HS512', expiresIn: '5m' }))).toThrow(AuthenticationFailed);
      const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"x","roles":["admin"]}').toString('base64url')}.`;
      expect(() => verifier.byToken(unsigned)).toThrow(AuthenticationFailed);
    });
  });

  describe('When a token does not name one person plainly', () => {
    const verifier = new CredentialVerifier({ RECON_MODE: 'production', RECON_JWT_SECRET: SECRET });
    const withSubject = (sub: unknown) => sign({ sub, roles: ['approver'] } as object, SECRET, { algorithm: 'HS256', expiresIn: '5m' });
    it('should refuse a subject that is an object, a number or blank', () => {
      expect(() => verifier.byToken(withSubject({ name: 'dave' }))).toThrow(/sub\) must be a non-empty string/);
      expect(() => verifier.byToken(withSubject(42))).toThrow(/sub\) must be a non-empty string/);
      expect(() => verifier.byToken(withSubject('   '))).toThrow(/sub\) must be a non-empty string/);
    });
    it('should refuse a token without an expiry', () => {
      expect(() => verifier.byToken(sign({ sub: 'dave', roles: ['approver'] }, SECRET, { algorithm: 'HS256' }))).toThrow(/no expiry/);
    });
    it('should keep the subject normalised, so case and spaces do not make a second person', () => {
      expect(verifier.byToken(withSubject('  Dave '))).toMatchObject({ id: 'dave' });
    });
  });

  describe('When an API key names its user with capitals or spaces', () => {
    it('should keep the user normalised', () => {
      const verifier = new CredentialVerifier({ RECON_MODE: 'production', RECON_API_KEYS: 'a-long-enough-key-123:approver: Erin ' });
      expect(verifier.byApiKey('a-long-enough-key-123')).toMatchObject({ id: 'erin' });
    });
  });
});
