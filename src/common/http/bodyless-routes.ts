import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { FieldProblem, ValidationFailed } from '../errors';

/**
 * Refuses a body sent to a route that takes none (`/stop`, `/verify`, `DELETE` ...), as a route
 * with a body refuses a field it does not know: a client that sends one believes it means
 * something, and herd would ignore it in silence. An empty object, or no body at all, passes.
 */
@Injectable()
export class BodylessRouteInterceptor implements NestInterceptor {
  private readonly takesBody = new WeakMap<object, boolean>();

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http' && !this.routeTakesBody(context)) {
      const problems = problemsOf(context.switchToHttp().getRequest<Request>().body);
      if (problems.length > 0) throw new ValidationFailed(problems);
    }
    return next.handle();
  }

  private routeTakesBody(context: ExecutionContext): boolean {
    const handler = context.getHandler();
    let known = this.takesBody.get(handler);
    if (known === undefined) {
      const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), handler.name) ?? {}) as Record<string, unknown>;
      known = Object.keys(args).some((key) => key.split(':')[0] === String(RouteParamtypes.BODY));
      this.takesBody.set(handler, known);
    }
    return known;
  }
}

function problemsOf(body: unknown): FieldProblem[] {
  if (body === undefined || body === null) return [];
  if (typeof body !== 'object' || Array.isArray(body)) return [{ field: 'body', reason: 'must be empty: this route takes no body' }];
  return Object.getOwnPropertyNames(body).map((field) => ({ field, reason: 'is not a known field' }));
}
