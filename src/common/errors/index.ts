export { bearerChallenge, type BearerError } from './bearer-challenge';
export { Conflict, DomainError, type ErrorCode, type FieldProblem, IllegalState, NotFound, Unauthenticated, ValidationFailed } from './domain-error';
export { codesOfStatus, ERROR_CODES, HTTP_STATUS_OF } from './error-codes';
