import { STATUS_CODES } from 'node:http';
import type { ErrorCode, FieldProblem } from '../errors';
import { safeMessage } from '../secrets';
import type { ErrorResponse } from './error-response';

/** The one error shape; messages may quote a backend, so known secrets are scrubbed from them. */
export function errorBody(statusCode: number, code: ErrorCode, message: string, details: FieldProblem[], correlationId: string): ErrorResponse {
  const safeDetails = details.map((problem) => ({ ...problem, reason: safeMessage(problem.reason) }));
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', code, message: safeMessage(message), details: safeDetails, correlationId };
}
