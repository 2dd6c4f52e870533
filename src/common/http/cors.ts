import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface';
import { CORRELATION_HEADER } from './correlation-id';

/** The headers herd answers with that a browser client reads; all others are hidden from its script. */
const EXPOSED = [CORRELATION_HEADER, 'Location', 'Retry-After', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'WWW-Authenticate', 'ETag'];

/** The headers a client of herd sends beyond the ones a browser always allows. */
const ALLOWED = ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-Match', 'Last-Event-ID', CORRELATION_HEADER];

/** A browser may cache a preflight this long (Chromium caps it at 2 hours). */
const PREFLIGHT_MAX_AGE_SECONDS = 7200;

/** CORS for the listed origins only, never with cookies: herd authenticates with the Authorization header. */
export function corsOptionsFor(origins: string[]): CorsOptions {
  return {
    origin: origins,
    credentials: false,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ALLOWED,
    exposedHeaders: EXPOSED,
    maxAge: PREFLIGHT_MAX_AGE_SECONDS,
  };
}
