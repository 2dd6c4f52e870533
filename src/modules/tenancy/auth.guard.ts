import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { DomainError } from '../../common/errors/domain-error';
import { ApiKeyService } from './api-key.service';
import { Principal, PUBLIC_ROUTE, REQUIRED_ROLE } from './principal';
import { Role, roleSatisfies } from './role';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Every route needs a valid API key unless marked @Public(); reads need viewer, writes member. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeyService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const req = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const presented = bearerTokenOf(req.headers.authorization);
    if (!presented) throw new DomainError('UNAUTHENTICATED', 'An API key is required: send "Authorization: Bearer <key>"');
    const principal = await this.apiKeys.authenticate(presented);
    if (!principal) throw new DomainError('UNAUTHENTICATED', 'The API key is unknown, revoked or expired');
    const required = this.reflector.getAllAndOverride<Role>(REQUIRED_ROLE, targets) ?? (READ_METHODS.has(req.method) ? 'viewer' : 'member');
    if (!roleSatisfies(principal.role, required)) {
      throw new DomainError('FORBIDDEN', `This needs the ${required} role; the key has the ${principal.role} role`);
    }
    req.principal = principal;
    return true;
  }
}

function bearerTokenOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S{1,512})\s*$/i.exec(header);
  return match?.[1];
}
