import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { bearerChallenge, DomainError, Unauthenticated } from '../../common/errors';
import { ApiKeyService } from './api-key.service';
import { NO_RATE_LIMIT, Principal, PUBLIC_ROUTE, REQUIRED_ROLE, STREAM_TOKEN_PARAM, STREAM_TOKEN_ROUTE } from './principal';
import { RateDecision, RateLimiter } from './rate-limiter';
import { Role, roleSatisfies } from './role';
import { StreamTokens } from './stream-tokens';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every route needs a valid API key unless marked @Public(); reads need viewer, writes member.
 * Requests with a valid key are rate-limited per key, all others per client address, before
 * the answer (401 included) is decided.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeyService,
    private readonly rateLimiter: RateLimiter,
    private readonly streamTokens: StreamTokens,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const http = context.switchToHttp();
    const req = http.getRequest<Request & { principal?: Principal }>();
    const res = http.getResponse<Response>();
    const limited = !this.reflector.getAllAndOverride<boolean>(NO_RATE_LIMIT, targets);
    const limitByAddress = async () => {
      if (limited) advertise(res, await this.rateLimiter.consumeForIp(req.ip ?? req.socket.remoteAddress ?? 'unknown'));
    };

    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) {
      await limitByAddress();
      return true;
    }
    const presented = bearerTokenOf(req.headers.authorization);
    const streamToken = presented ? undefined : this.streamTokenOf(req, targets);
    if (!presented && !streamToken) {
      await limitByAddress();
      throw new Unauthenticated('An API key is required: send "Authorization: Bearer <key>"', req.headers.authorization !== undefined);
    }
    const principal = presented ? await this.apiKeys.authenticate(presented) : await this.streamTokens.verify(streamToken!, req.path);
    if (!principal) {
      await limitByAddress();
      throw new Unauthenticated(presented ? 'The API key is unknown, revoked or expired' : 'The stream token is malformed, expired or for another stream, or its API key was revoked', true);
    }
    req.principal = principal;
    if (limited) advertise(res, await this.rateLimiter.consumeForKey(principal.apiKeyId));
    const required = this.reflector.getAllAndOverride<Role>(REQUIRED_ROLE, targets) ?? (READ_METHODS.has(req.method) ? 'viewer' : 'member');
    if (!roleSatisfies(principal.role, required)) {
      throw new DomainError('FORBIDDEN', `This needs the ${required} role; the key has the ${principal.role} role`, [], { 'WWW-Authenticate': bearerChallenge('insufficient_scope') });
    }
    return true;
  }

  private streamTokenOf(req: Request, targets: Parameters<Reflector['getAllAndOverride']>[1]): string | undefined {
    if (!this.reflector.getAllAndOverride<boolean>(STREAM_TOKEN_ROUTE, targets)) return undefined;
    const token = req.query[STREAM_TOKEN_PARAM];
    return typeof token === 'string' && token.length > 0 && token.length <= 1024 ? token : undefined;
  }
}

function advertise(res: Response, decision: RateDecision): void {
  res.setHeader('X-RateLimit-Limit', String(decision.limit));
  res.setHeader('X-RateLimit-Remaining', String(decision.remaining));
}

export function bearerTokenOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S{1,512})\s*$/i.exec(header);
  return match?.[1];
}
