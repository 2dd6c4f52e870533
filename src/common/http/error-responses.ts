import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ErrorResponse } from './error-response';

/** What each error status means on any route (docs/api-conventions.md); a route may word its own case. */
const MEANINGS = {
  400: 'Malformed JSON, an unknown field, a wrong type or a value that breaks a rule; details name each field',
  401: 'No API key, or an unknown, revoked or expired one',
  403: "The key's role is too small for this route",
  404: 'No such object in the tenant',
  409: 'A name already taken, an object still in use, or a state that forbids the request',
  412: 'If-Match names another ETag: the object changed since it was read; nothing was written',
  422: 'A quota would be exceeded',
  429: 'Rate limited; the X-RateLimit-* headers say how much is left',
  503: 'A backend herd needs did not answer; try again later',
} as const;

export type ErrorStatus = keyof typeof MEANINGS;

export interface ErrorAnswer {
  status: ErrorStatus;
  description: string;
}

/**
 * Documents error answers, on a route or on every route of a controller, all with the one
 * ErrorResponse shape. The content is always JSON, also on routes that produce text.
 */
export function ApiErrors(...answers: (ErrorStatus | ErrorAnswer)[]) {
  return applyDecorators(
    ApiExtraModels(ErrorResponse),
    ...answers.map((answer) => {
      const { status, description } = typeof answer === 'number' ? { status: answer, description: MEANINGS[answer] } : answer;
      return ApiResponse({ status, description, content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorResponse) } } } });
    }),
  );
}
