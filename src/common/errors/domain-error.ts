import { bearerChallenge } from './bearer-challenge';

/** A problem with one field of a request: `field` is a path such as `host_groups[1].components[0].name`. */
export interface FieldProblem {
  field: string;
  reason: string;
}

/**
 * Every failure herd reports on purpose. The code decides the HTTP status (see
 * `error-codes.ts`); the same error is thrown from API and worker code alike.
 */
export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'MALFORMED_REQUEST'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'ILLEGAL_STATE'
  | 'QUOTA_EXCEEDED'
  | 'PAYLOAD_TOO_LARGE'
  | 'RATE_LIMITED'
  | 'REQUEST_TIMEOUT'
  | 'PRECONDITION_FAILED'
  | 'PROVIDER_UNAVAILABLE'
  | 'INTERNAL';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: FieldProblem[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class ValidationFailed extends DomainError {
  constructor(details: FieldProblem[], message = describeProblems(details)) {
    super('VALIDATION_FAILED', message, details);
  }
}

export class NotFound extends DomainError {
  constructor(what: string, id: string) {
    super('NOT_FOUND', `${what} "${id}" does not exist`);
  }
}

export class Conflict extends DomainError {
  constructor(message: string, details: FieldProblem[] = []) {
    super('CONFLICT', message, details);
  }
}

/** No credential (`presented` false), or one herd does not know, or revoked or expired; the challenge tells a client which. */
export class Unauthenticated extends DomainError {
  constructor(message: string, presented: boolean) {
    super('UNAUTHENTICATED', message, [], { 'WWW-Authenticate': bearerChallenge(presented ? 'invalid_token' : undefined) });
  }
}

/** The object's state (its status, its users, its provider) forbids the request now; a name clash is a Conflict instead. */
export class IllegalState extends DomainError {
  constructor(message: string, details: FieldProblem[] = []) {
    super('ILLEGAL_STATE', message, details);
  }
}

function describeProblems(details: FieldProblem[]): string {
  if (details.length === 0) return 'The request is invalid';
  const first = details[0]!;
  const more = details.length > 1 ? ` (and ${details.length - 1} more problem${details.length > 2 ? 's' : ''})` : '';
  return `${first.field}: ${first.reason}${more}`;
}
