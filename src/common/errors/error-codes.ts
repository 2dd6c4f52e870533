import type { ErrorCode } from './domain-error';

export const HTTP_STATUS_OF: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  MALFORMED_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ILLEGAL_STATE: 409,
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
  QUOTA_EXCEEDED: 422,
  RATE_LIMITED: 429,
  REQUEST_TIMEOUT: 408,
  INTERNAL: 500,
  PROVIDER_UNAVAILABLE: 503,
};

export const ERROR_CODES = Object.keys(HTTP_STATUS_OF) as ErrorCode[];

/** The codes an answer of this status can carry, for errors not raised as a DomainError (Nest's own, Node's, body parsing). */
export function codesOfStatus(status: number): ErrorCode[] {
  return ERROR_CODES.filter((code) => HTTP_STATUS_OF[code] === status);
}
