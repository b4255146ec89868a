import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthenticationFailed, CredentialVerifier, Role } from '@recon/platform';
import { AuthenticatedRequest, PUBLIC_KEY, ROLES_KEY } from './auth.decorators';

/**
 * Global guard: every route needs a principal (401 without one) and, where a route names roles,
 * one of them (403). A route without @Roles is a programming error, refused rather than opened.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(CredentialVerifier) private readonly verifier: CredentialVerifier,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    request.principal = this.authenticate(request);
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!allowed) throw new ForbiddenException('This route declares no roles');
    const roles = request.principal.roles;
    if (roles.includes('admin') || roles.some((role) => allowed.includes(role))) return true;
    throw new ForbiddenException(`Requires one of the roles: ${allowed.join(', ')}`);
  }

  private authenticate(request: AuthenticatedRequest) {
    const apiKey = header(request, 'x-api-key');
    const authorization = header(request, 'authorization');
    try {
      if (apiKey) return this.verifier.byApiKey(apiKey);
      if (authorization?.startsWith('Bearer ')) return this.verifier.byToken(authorization.slice(7).trim());
    } catch (error) {
      if (error instanceof AuthenticationFailed) throw new UnauthorizedException(error.message);
      throw error;
    }
    throw new UnauthorizedException('Missing credentials: send X-API-Key or Authorization: Bearer <token>');
  }
}

function header(request: AuthenticatedRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
