import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldProblem, ValidationFailed } from '../errors';

/** Rejects unknown fields and wrong types with one problem per field path. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    // The value is read only to tell a missing field from a wrong one; answers never quote it.
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => new ValidationFailed(flatten(errors)),
  });
}

export function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const error of errors) {
    const field = pathOf(parent, error.property);
    const constraints = Object.entries(error.constraints ?? {});
    if (isMissing(error) && constraints.length > 0) {
      problems.push({ field, reason: 'is required' });
      continue;
    }
    for (const [constraint, message] of constraints) {
      problems.push({ field, reason: constraint === 'whitelistValidation' ? 'is not a known field' : reasonOf(message, error.property) });
    }
    problems.push(...flatten(error.children ?? [], field));
  }
  return problems;
}

/**
 * An absent field that fails its rules is not optional (an optional one skips them): "is required"
 * says so, where the rules' own messages (length, type) would describe a value nobody sent.
 */
function isMissing(error: ValidationError): boolean {
  return error.value === undefined && !Object.keys(error.constraints ?? {}).includes('whitelistValidation');
}

function pathOf(parent: string, property: string): string {
  if (parent === '') return property;
  return /^\d+$/.test(property) ? `${parent}[${property}]` : `${parent}.${property}`;
}

function reasonOf(message: string, property: string): string {
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}
