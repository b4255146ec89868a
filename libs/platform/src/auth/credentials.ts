import { normaliseIdentity } from '@recon/domain';
import { timingSafeEqual } from 'node:crypto';
import { verify, JwtPayload } from 'jsonwebtoken';
import { Settings } from '../config/settings';
import { isRole, Principal, Role } from './principal';

/** Development keys, one per role, so that maker and checker can be different people in a demo. */
export const DEVELOPMENT_KEYS: ReadonlyArray<{ key: string; role: Role; user: string }> = [
  { key: 'dev-operator-key-0000', role: 'operator', user: 'dev-operator' },
  { key: 'dev-approver-key-0000', role: 'approver', user: 'dev-approver' },
  { key: 'dev-auditor-key-00000', role: 'auditor', user: 'dev-auditor' },
  { key: 'dev-regulator-key-000', role: 'regulator', user: 'dev-regulator' },
  { key: 'dev-admin-key-0000000', role: 'admin', user: 'dev-admin' },
];

export class AuthenticationFailed extends Error {}

/**
 * Resolves API keys and signed tokens to principals. Development keys are known only in embedded
 * mode, so a production deployment cannot be opened with a key printed in the README.
 */
export class CredentialVerifier {
  private readonly keys: ReadonlyArray<{ key: Buffer; principal: Principal }>;
  private readonly tokenSecret?: string;

  constructor(settings: Pick<Settings, 'RECON_MODE' | 'RECON_API_KEYS' | 'RECON_JWT_SECRET'>) {
    const configured = (settings.RECON_API_KEYS ?? '')
      .split(',')
      .filter(Boolean)
      .map((triple) => {
        const [key, role, user] = triple.split(':');
        return { key, role: role as Role, user };
      });
    const all = settings.RECON_MODE === 'embedded' ? [...DEVELOPMENT_KEYS, ...configured] : configured;
    this.keys = all.map(({ key, role, user }) => ({ key: Buffer.from(key), principal: { id: normaliseIdentity(user ?? ''), roles: [role], via: 'api-key' } }));
    if (settings.RECON_JWT_SECRET) this.tokenSecret = settings.RECON_JWT_SECRET;
  }

  byApiKey(presented: string): Principal {
    const candidate = Buffer.from(presented);
    // Compare against every key in constant time so the response time does not leak a prefix.
    let found: Principal | undefined;
    for (const { key, principal } of this.keys) {
      if (key.length === candidate.length && timingSafeEqual(key, candidate)) found = principal;
    }
    if (!found) throw new AuthenticationFailed('Unknown API key');
    return found;
  }

  /**
   * Accepts an HS256 JWT with `sub` and `roles` (or `role`) that expires: a token without `exp` would
   * open the system for ever. `sub` must be a non-empty string, and is kept normalised, so that the
   * maker-checker rule compares one spelling of each person.
   */
  byToken(token: string): Principal {
    if (!this.tokenSecret) throw new AuthenticationFailed('Signed tokens are not enabled (RECON_JWT_SECRET is not set)');
    try {
      const payload = verify(token, this.tokenSecret, { algorithms: ['HS256'] }) as JwtPayload;
      if (typeof payload.exp !== 'number') throw new AuthenticationFailed('Token has no expiry (exp): only tokens that expire are accepted');
      const subject: unknown = payload.sub;
      if (typeof subject !== 'string' || subject.trim() === '') throw new AuthenticationFailed('Token subject (sub) must be a non-empty string');
      const claimed = Array.isArray(payload.roles) ? payload.roles : [payload.role];
      const roles = claimed.filter(isRole);
      if (roles.length === 0) throw new AuthenticationFailed('Token has no known role');
      return { id: normaliseIdentity(subject), roles, via: 'token' };
    } catch (error) {
      if (error instanceof AuthenticationFailed) throw error;
      throw new AuthenticationFailed(`Invalid token: ${(error as Error).message}`);
    }
  }
}
