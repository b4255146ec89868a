import { BadRequestException, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuthenticatedRequest } from '../auth/auth.decorators';
import { expectedVersionFromIfMatch } from './if-match';
import { RequestContext } from '@recon/command-execution';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

function header(request: AuthenticatedRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Builds the command's context at the edge: principal, accepted-at time, If-Match, Idempotency-Key. */
export const CommandContext = createParamDecorator((_: unknown, context: ExecutionContext): RequestContext => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.principal) throw new Error('CommandContext used on a route without authentication');
  const idempotencyKey = header(request, 'idempotency-key');
  if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: ['Idempotency-Key: 8 to 128 characters of letters, digits and ._:-'] });
  }
  const correctionReason = header(request, 'x-correction-reason')?.trim();
  return {
    principal: request.principal,
    now: new Date().toISOString(),
    correlationId: header(request, 'x-correlation-id') ?? randomUUID(),
    expectedVersion: expectedVersionFromIfMatch(header(request, 'if-match')),
    idempotencyKey,
    ...(correctionReason ? { correctionReason } : {}),
  };
});
