import { normaliseIdentity } from '@recon/domain';
import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { DEVELOPMENT_KEYS, Principal, Role, Settings } from '@recon/platform';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { READ_MODELS, ReadModels } from './read-models.provider';

/** The identities the API's configuration names: the users behind the API keys (never the keys). */
export const CONFIGURED_IDENTITIES = Symbol('CONFIGURED_IDENTITIES');

export interface KnownIdentity {
  /** Trimmed and case-folded, as principals are compared. */
  readonly id: string;
  /** Roles where known (an API key's); empty for a token subject only seen acting. */
  readonly roles: readonly Role[];
  /** Where the API knows it from: a configured key, a signed token presented, an actor on exceptions. */
  readonly sources: ReadonlyArray<'api-key' | 'token' | 'actor'>;
}

/** The users of the configured API keys (and of the development keys in embedded mode), with their roles. */
export function configuredIdentities(settings: Pick<Settings, 'RECON_MODE' | 'RECON_API_KEYS'>): KnownIdentity[] {
  const configured = (settings.RECON_API_KEYS ?? '').split(',').filter(Boolean).map((triple) => {
    const [, role, user] = triple.split(':');
    return { role: role as Role, user: user ?? '' };
  });
  const all = settings.RECON_MODE === 'embedded' ? [...DEVELOPMENT_KEYS, ...configured] : configured;
  const roles = new Map<string, Set<Role>>();
  for (const { role, user } of all) {
    const id = normaliseIdentity(user);
    if (id) roles.set(id, (roles.get(id) ?? new Set()).add(role));
  }
  return [...roles].map(([id, set]) => ({ id, roles: [...set].sort(), sources: ['api-key'] }));
}

/**
 * Who can be named as an assignee: the configured API-key users, and the identities seen acting on
 * exceptions (bearer-token subjects among them: assignees, makers, checkers in the exception read
 * model). A picker offers these instead of free text, so a typo cannot assign work to nobody.
 */
@ApiTags('identities')
@ApiSecurity('api-key')
@ApiSecurity('bearer')
@Controller('identities')
@Roles('operator', 'approver', 'auditor')
export class IdentitiesController {
  constructor(
    @Inject(CONFIGURED_IDENTITIES) private readonly configured: readonly KnownIdentity[],
    @Optional() @Inject(READ_MODELS) private readonly readModels?: ReadModels,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Known identities (API-key users and identities seen as actors), with their roles where known' })
  async list(@CurrentPrincipal() principal: Principal): Promise<KnownIdentity[]> {
    const known = new Map(this.configured.map((identity) => [identity.id, identity]));
    const add = (id: string, roles: readonly Role[], source: KnownIdentity['sources'][number]) => {
      const existing = known.get(id);
      known.set(id, { id, roles: [...new Set([...(existing?.roles ?? []), ...roles])].sort(), sources: [...new Set([...(existing?.sources ?? []), source])] });
    };
    // The caller's token names its roles: a bearer subject is known from its first request on.
    add(normaliseIdentity(principal.id), principal.roles, principal.via);
    for (const actor of await this.actors()) if (normaliseIdentity(actor)) add(normaliseIdentity(actor), [], 'actor');
    return [...known.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** Identities the exception read model names; none when the API runs without read models. */
  private async actors(): Promise<string[]> {
    if (!this.readModels) return [];
    const { dataSource, schema } = this.readModels;
    const rows = (await dataSource.query(
      `SELECT DISTINCT name FROM "${schema}".exceptions, LATERAL (VALUES (assignee), (pending_maker), (approved_by)) AS seen(name) WHERE name IS NOT NULL`,
    )) as Array<{ name: string }>;
    return rows.map((row) => row.name);
  }
}
