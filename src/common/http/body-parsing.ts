import express, { ErrorRequestHandler, RequestHandler } from 'express';
import { correlationIdOf } from './correlation-id';
import { errorBody } from './error-body';
import { assertJsonDepthWithin, MAX_JSON_DEPTH } from './json-depth';

/** JSON bodies only, size- and depth-limited; parse failures answer in herd's error shape. */
export function jsonBodyParser(limitBytes: number, maxDepth = MAX_JSON_DEPTH): RequestHandler {
  return express.json({ limit: limitBytes, strict: true, verify: (_req, _res, body) => assertJsonDepthWithin(body, maxDepth) });
}

interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
  maxDepth?: number;
}

export function bodyParserErrorHandler(): ErrorRequestHandler {
  return (err: BodyParserError, req, res, next) => {
    const correlationId = correlationIdOf(req);
    switch (err?.type) {
      case 'entity.too.large':
        res.status(413).json(errorBody(413, 'PAYLOAD_TOO_LARGE', `The request body exceeds the limit of ${err.limit} bytes`, [{ field: 'body', reason: 'too large' }], correlationId));
        return;
      case 'entity.parse.failed':
        res.status(400).json(errorBody(400, 'MALFORMED_REQUEST', 'The request body is not valid JSON', [{ field: 'body', reason: 'malformed JSON' }], correlationId));
        return;
      case 'encoding.unsupported':
      case 'charset.unsupported':
        res.status(415).json(errorBody(415, 'MALFORMED_REQUEST', 'The request body must be UTF-8 JSON', [{ field: 'body', reason: 'unsupported encoding' }], correlationId));
        return;
      case 'entity.too.deep':
        res.status(400).json(errorBody(400, 'MALFORMED_REQUEST', `The request body nests deeper than ${err.maxDepth} levels`, [{ field: 'body', reason: 'nested too deeply' }], correlationId));
        return;
      case 'request.aborted':
      case 'request.size.invalid':
      case 'stream.encoding.set':
        res.status(400).json(errorBody(400, 'MALFORMED_REQUEST', 'The request body could not be read', [{ field: 'body', reason: String(err.type) }], correlationId));
        return;
      default:
        // Other client-side failures, e.g. a body that does not decompress.
        if (err?.status !== undefined && err.status >= 400 && err.status < 500) {
          res.status(400).json(errorBody(400, 'MALFORMED_REQUEST', 'The request body could not be decoded', [{ field: 'body', reason: 'undecodable' }], correlationId));
          return;
        }
        next(err);
    }
  };
}
