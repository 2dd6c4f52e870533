import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension, ApiQuery } from '@nestjs/swagger';
import type { Role } from './role';

/** Who is calling: resolved from the API key by the auth guard. */
export interface Principal {
  tenantId: string;
  role: Role;
  apiKeyId: string;
  /** The first characters of the key, safe to show and to log. */
  keyPrefix?: string;
}

/** What every tenant-scoped repository method takes first. */
export interface TenantScope {
  tenantId: string;
}

export const PUBLIC_ROUTE = 'herd:public';
export const REQUIRED_ROLE = 'herd:required-role';
export const NO_RATE_LIMIT = 'herd:no-rate-limit';
export const STREAM_TOKEN_ROUTE = 'herd:stream-token';
/** The query parameter that carries a stream token. */
export const STREAM_TOKEN_PARAM = 'access_token';

/** OpenAPI extensions that tell clients (and herd's own route-wide tests) what a route needs. */
export const OPENAPI_PUBLIC = 'x-herd-public';
export const OPENAPI_ROLE = 'x-herd-role';

/** The route needs no API key (health, docs). */
export const Public = () => applyDecorators(SetMetadata(PUBLIC_ROUTE, true), ApiExtension(OPENAPI_PUBLIC, true));
/** The route is never rate-limited (liveness and readiness probes). */
export const NoRateLimit = () => SetMetadata(NO_RATE_LIMIT, true);
/** Overrides the default (viewer for reads, member for writes). */
export const RequireRole = (role: Role) => applyDecorators(SetMetadata(REQUIRED_ROLE, role), ApiExtension(OPENAPI_ROLE, role));

/** Without an Authorization header, the route also opens to a stream token for its own path in `?access_token=` (browsers' EventSource). */
export const AcceptsStreamToken = () =>
  applyDecorators(
    SetMetadata(STREAM_TOKEN_ROUTE, true),
    ApiQuery({ name: STREAM_TOKEN_PARAM, required: false, description: 'A stream token for this very path, for clients that cannot send headers (POST …/events/stream-tokens); never an API key' }),
  );

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<{ principal?: Principal }>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a public route');
  return principal;
});
