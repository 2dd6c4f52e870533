import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { bearerChallenge, codesOfStatus, DomainError, type ErrorCode, HTTP_STATUS_OF } from '../errors';
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
      answer(res, status, exception.code, exception.message, exception.details, correlationId);
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const message = status === 404 ? `No route for ${req.method} ${req.path}` : messageOf(exception);
      answer(res, status, codeOfStatus(status), message, [], correlationId);
      return;
    }
    this.logger.error({ err: exception, correlationId }, 'unhandled error');
    answer(res, 500, 'INTERNAL', 'Internal error; quote the correlation id when reporting it', [], correlationId);
  }
}

function answer(res: Response, status: number, code: ErrorCode, message: string, details: DomainError['details'], correlationId: string): void {
  // RFC 7235: every 401 names the scheme that would be accepted.
  if (status === 401 && !res.hasHeader('WWW-Authenticate')) res.setHeader('WWW-Authenticate', bearerChallenge());
  res.status(status).json(errorBody(status, code, message, details, correlationId));
}

/** The code of an HTTP error raised outside herd's own code (Nest's 404 for an unknown route, for one). */
export function codeOfStatus(status: number): ErrorCode {
  if (status === 400) return 'MALFORMED_REQUEST';
  return codesOfStatus(status)[0] ?? (status < 500 ? 'MALFORMED_REQUEST' : 'INTERNAL');
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}
