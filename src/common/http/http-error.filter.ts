import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, HTTP_STATUS_OF } from '../errors';
import { correlationIdOf } from './correlation-id';
import { errorBody } from './error-body';

/** Maps every exception to the one error shape; an unknown error is a 500 that reveals nothing. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const correlationId = correlationIdOf(req);
    if (res.headersSent) {
      res.end();
      return;
    }
    if (exception instanceof DomainError) {
      const status = HTTP_STATUS_OF[exception.code];
      for (const [name, value] of Object.entries(exception.headers)) res.setHeader(name, value);
      if (status >= 500) this.logger.error({ err: exception, correlationId }, exception.message);
      res.status(status).json(errorBody(status, exception.message, exception.details, correlationId));
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const message = status === 404 ? `No route for ${req.method} ${req.path}` : messageOf(exception);
      res.status(status).json(errorBody(status, message, [], correlationId));
      return;
    }
    this.logger.error({ err: exception, correlationId }, 'unhandled error');
    res.status(500).json(errorBody(500, 'Internal error; quote the correlation id when reporting it', [], correlationId));
  }
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}
