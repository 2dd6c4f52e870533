import { applyDecorators, UseInterceptors } from '@nestjs/common';
import type { ApiResponseOptions } from '@nestjs/swagger';
import { AnswerHeaderInterceptor } from './answer-header';

/** A 201 or 202 route whose answer says where to find what it created or started. */
export function LocatedAt<T>(where: (answer: T) => string): MethodDecorator {
  return applyDecorators(UseInterceptors(new AnswerHeaderInterceptor('Location', where)));
}

/** The `headers` of a documented 201 or 202 answer that carries `Location`. */
export function locationHeader(what: string): ApiResponseOptions['headers'] {
  return { Location: { description: `The path of ${what}`, schema: { type: 'string', example: '/v1/operations/3f0c5b9e-4b1d-4c57-9a2e-0d7b6a1e2f10' } } };
}

/** Where a 202 points: the operation to follow. */
export const operationLocation = (answer: { operationId: string }): string => `/v1/operations/${answer.operationId}`;
