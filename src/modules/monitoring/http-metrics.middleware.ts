import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { HerdMetrics } from './herd-metrics';

/** The route label of a request no route matched (404s, scans): one value, so probing paths adds no series. */
export const UNMATCHED_ROUTE = 'unmatched';

/** Times every HTTP request and labels it with the route's template, read once the router has matched it. */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: HerdMetrics) {}

  use(request: Request, response: Response, next: NextFunction): void {
    const started = performance.now();
    // Express binds this middleware as a catch-all route of its own: a request that no later route matched still shows it.
    const ownRoute: unknown = request.route;
    response.once('finish', () => {
      const matched = request.route as { path?: unknown } | undefined;
      const route = matched && matched !== ownRoute && typeof matched.path === 'string' ? `${request.baseUrl}${matched.path}` : UNMATCHED_ROUTE;
      this.metrics.httpRequestEnded(request.method, route, response.statusCode, (performance.now() - started) / 1000);
    });
    next();
  }
}
