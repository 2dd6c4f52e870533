import { STATUS_CODES } from 'node:http';
import type { FieldProblem } from '../errors/domain-error';
import type { ErrorResponse } from './error-response';

export function errorBody(statusCode: number, message: string, details: FieldProblem[], correlationId: string): ErrorResponse {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, details, correlationId };
}
