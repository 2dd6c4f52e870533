import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { Observable, tap } from 'rxjs';
import { auditTrailOf } from './audit-trail';

/** Notes the id of whatever a write returned, so the audit entry names the object created. */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Request>();
    return next.handle().pipe(
      tap((value: unknown) => {
        const id = createdIdOf(value);
        if (id !== undefined && req.method === 'POST') auditTrailOf(req).createdId = id;
      }),
    );
  }
}

/** The id of the object a POST made: the answer's own id, or its cluster's for an accepted create. */
function createdIdOf(value: unknown): string | undefined {
  const answer = value as { id?: unknown; cluster?: { id?: unknown } } | null | undefined;
  const id = answer?.id ?? answer?.cluster?.id;
  return typeof id === 'string' ? id : undefined;
}
