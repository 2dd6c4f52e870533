import { STATUS_CODES } from 'node:http';
import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { codesOfStatus, type ErrorCode } from '../errors';
import { ErrorResponse } from './error-response';

/** What each error status means on any route (docs/api-conventions.md); a route may word its own case. */
const MEANINGS = {
  400: 'Malformed JSON, an unknown field, a wrong type or a value that breaks a rule; details name each field',
  401: 'No API key, or an unknown, revoked or expired one; WWW-Authenticate names the Bearer scheme',
  403: "The key's role is too small for this route",
  404: 'No such object in the tenant',
  409: 'A name already taken (CONFLICT), or a state that forbids the request (ILLEGAL_STATE)',
  412: 'If-Match names another ETag: the object changed since it was read; nothing was written',
  413: 'The request body is larger than the limit',
  422: 'A quota would be exceeded',
  429: 'Rate limited; Retry-After says when to try again, the X-RateLimit-* headers how much is left',
  503: 'A backend herd needs did not answer; try again later',
} as const;

/** One answer per status, to show a client what it will read. */
const EXAMPLES: Record<ErrorStatus, { code: ErrorCode; message: string; details?: { field: string; reason: string }[] }> = {
  400: { code: 'VALIDATION_FAILED', message: 'name: is required', details: [{ field: 'name', reason: 'is required' }] },
  401: { code: 'UNAUTHENTICATED', message: 'The API key is unknown, revoked or expired' },
  403: { code: 'FORBIDDEN', message: 'This needs the member role; the key has the viewer role' },
  404: { code: 'NOT_FOUND', message: 'Cluster "3f0c2a7e-6d0b-4f57-9b9b-1d1b6f1c9f3e" does not exist' },
  409: { code: 'ILLEGAL_STATE', message: 'The cluster is STOPPED; it can be scaled only when AVAILABLE' },
  412: { code: 'PRECONDITION_FAILED', message: 'The object changed since the version If-Match names; read it again' },
  413: { code: 'PAYLOAD_TOO_LARGE', message: 'The request body exceeds the limit of 524288 bytes', details: [{ field: 'body', reason: 'too large' }] },
  422: {
    code: 'QUOTA_EXCEEDED',
    message: 'Quota exceeded: nodes in total: 38 in use + 5 requested would exceed the 40 allowed',
    details: [{ field: 'quotas.nodes', reason: '38 in use + 5 requested would exceed the 40 allowed' }],
  },
  429: { code: 'RATE_LIMITED', message: 'This API key has made too many requests (limit 600 per minute); retry in 2 s' },
  503: { code: 'PROVIDER_UNAVAILABLE', message: "The provider's pre-flight checks could not run: the backend did not answer" },
};

export type ErrorStatus = keyof typeof MEANINGS;

export interface ErrorAnswer {
  status: ErrorStatus;
  description: string;
}

/**
 * Documents error answers, on a route or on every route of a controller, all with the one
 * ErrorResponse shape narrowed to the codes the status can carry, with an example. The content
 * is always JSON, also on routes that produce text.
 */
export function ApiErrors(...answers: (ErrorStatus | ErrorAnswer)[]) {
  return applyDecorators(
    ApiExtraModels(ErrorResponse),
    ...answers.map((answer) => {
      const { status, description } = typeof answer === 'number' ? { status: answer, description: MEANINGS[answer] } : answer;
      return ApiResponse({ status, description, content: { 'application/json': { schema: schemaOf(status), example: exampleOf(status) } } });
    }),
  );
}

function schemaOf(status: ErrorStatus) {
  return { allOf: [{ $ref: getSchemaPath(ErrorResponse) }, { type: 'object', properties: { code: { type: 'string', enum: codesOfStatus(status) } } }] };
}

function exampleOf(status: ErrorStatus) {
  const { code, message, details = [] } = EXAMPLES[status];
  return { statusCode: status, error: STATUS_CODES[status], code, message, details, correlationId: '6f1c9f3e-6d0b-4f57-9b9b-1d1b3f0c2a7e' };
}
