import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const CORRELATION_HEADER = 'x-correlation-id';
const ACCEPTABLE = /^[A-Za-z0-9._-]{8,64}$/;

/** Reuses a caller's correlation id when it is well-formed, otherwise makes one. */
export function correlationIdOf(req: IncomingMessage): string {
  const existing = (req as IncomingMessage & { correlationId?: string }).correlationId;
  if (existing) return existing;
  const offered = req.headers[CORRELATION_HEADER];
  const id = typeof offered === 'string' && ACCEPTABLE.test(offered) ? offered : randomUUID();
  (req as IncomingMessage & { correlationId?: string }).correlationId = id;
  return id;
}

export function correlationIdMiddleware(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  res.setHeader(CORRELATION_HEADER, correlationIdOf(req));
  next();
}
