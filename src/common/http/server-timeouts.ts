import type { Server } from 'node:http';
import type { HttpTimeouts } from '../../config/config';
import { answerClientErrorsInErrorShape } from './client-errors';

/**
 * Bounds what a slow or stalled client can hold: the whole request (headers and body) must
 * arrive within `requestMs`, its headers within `headersMs`, and an idle keep-alive connection
 * closes after `keepAliveMs`. These bound receiving only: a long answer such as an event
 * stream is not cut. Set before `listen`, when Node starts checking connections. What Node
 * refuses on its own (a late request, HTTP that does not parse) is answered in the error shape.
 */
export function applyServerTimeouts(server: Server, timeouts: HttpTimeouts): void {
  server.requestTimeout = timeouts.requestMs;
  server.headersTimeout = timeouts.headersMs;
  server.keepAliveTimeout = timeouts.keepAliveMs;
  answerClientErrorsInErrorShape(server, timeouts.requestMs);
  // Node checks for expired requests on this period (30 s by default), so a timeout would be overrun by up to that much.
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = Math.max(250, Math.min(1000, Math.floor(timeouts.headersMs / 4)));
}
