export { Conflict, DomainError, type FieldProblem, NotFound, ValidationFailed } from './domain-error';
export { HTTP_STATUS_OF } from './error-codes';
