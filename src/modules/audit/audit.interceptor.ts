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
        const id = (value as { id?: unknown } | null | undefined)?.id;
        if (typeof id === 'string' && req.method === 'POST') auditTrailOf(req).createdId = id;
      }),
    );
  }
}
