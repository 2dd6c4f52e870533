import { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { map, type Observable } from 'rxjs';

/** Sets one response header from the route's answer once the handler has returned it (`Location`, `ETag`). */
export class AnswerHeaderInterceptor<T> implements NestInterceptor<T, T> {
  constructor(
    private readonly header: string,
    private readonly valueOf: (answer: T) => string,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler<T>): Observable<T> {
    return next.handle().pipe(
      map((answer) => {
        context.switchToHttp().getResponse<Response>().setHeader(this.header, this.valueOf(answer));
        return answer;
      }),
    );
  }
}
