import express, { ErrorRequestHandler, RequestHandler } from 'express';
import { correlationIdOf } from './correlation-id';
import { errorBody } from './error-body';

/** JSON bodies only, size-limited; parse failures answer in herd's error shape. */
export function jsonBodyParser(limitBytes: number): RequestHandler {
  return express.json({ limit: limitBytes, strict: true });
}

interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
}

export function bodyParserErrorHandler(): ErrorRequestHandler {
  return (err: BodyParserError, req, res, next) => {
    const correlationId = correlationIdOf(req);
    switch (err?.type) {
      case 'entity.too.large':
        res.status(413).json(errorBody(413, `The request body exceeds the limit of ${err.limit} bytes`, [{ field: 'body', reason: 'too large' }], correlationId));
        return;
      case 'entity.parse.failed':
        res.status(400).json(errorBody(400, 'The request body is not valid JSON', [{ field: 'body', reason: 'malformed JSON' }], correlationId));
        return;
      case 'encoding.unsupported':
      case 'charset.unsupported':
        res.status(415).json(errorBody(415, 'The request body must be UTF-8 JSON', [{ field: 'body', reason: 'unsupported encoding' }], correlationId));
        return;
      case 'request.aborted':
      case 'request.size.invalid':
      case 'stream.encoding.set':
        res.status(400).json(errorBody(400, 'The request body could not be read', [{ field: 'body', reason: String(err.type) }], correlationId));
        return;
      default:
        next(err);
    }
  };
}
