import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ErrorCode } from '../errors';
import { CORRELATION_HEADER, correlationIdOf } from './correlation-id';
import { errorBody } from './error-body';

interface ClientError extends Error {
  code?: string;
}

/** What Node itself would answer to each error, with herd's code and words. */
function answerTo(error: ClientError, requestMs: number): { status: number; code: ErrorCode; message: string } {
  switch (error.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, code: 'REQUEST_TIMEOUT', message: `The request did not arrive within ${requestMs} ms` };
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, code: 'MALFORMED_REQUEST', message: 'The request headers are too large' };
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The chunk extensions are too large' };
    default:
      return { status: 400, code: 'MALFORMED_REQUEST', message: 'The request is not valid HTTP' };
  }
}

/**
 * Answers what Node refuses before any route sees it (a request that outlives the request
 * timeout, HTTP that does not parse) in herd's error shape instead of Node's empty answer,
 * then closes the connection as Node would.
 */
export function answerClientErrorsInErrorShape(server: Server, requestMs: number): void {
  server.on('clientError', (error: ClientError, socket: Duplex) => {
    const inFlight = (socket as Duplex & { _httpMessage?: ServerResponse })._httpMessage;
    if (error.code !== 'ECONNRESET' && socket.writable && !inFlight?.headersSent) {
      const { status, code, message } = answerTo(error, requestMs);
      const correlationId = inFlight?.req ? correlationIdOf(inFlight.req) : randomUUID();
      const body = JSON.stringify(errorBody(status, code, message, [], correlationId));
      socket.write(
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\n${CORRELATION_HEADER}: ${correlationId}\r\n\r\n${body}`,
      );
    }
    socket.destroy(error);
  });
}
