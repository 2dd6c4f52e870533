import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { ApiHeader, type ApiResponseOptions } from '@nestjs/swagger';
import { DomainError } from '../errors';
import { AnswerHeaderInterceptor } from './answer-header';
import { ApiErrors } from './error-responses';

/** A strong entity tag from a version number, a last-update time or a digest of the content. */
export function strongETag(version: number | Date | string): string {
  return `"${version instanceof Date ? version.getTime() : version}"`;
}

/** A route whose answer carries the object's current `ETag`. */
export function SendsETag<T>(tagOf: (answer: T) => string): MethodDecorator {
  return applyDecorators(UseInterceptors(new AnswerHeaderInterceptor('ETag', tagOf)));
}

/** A write that honours `If-Match`: documents the header and its 412. */
export function AcceptsIfMatch(what: string): MethodDecorator {
  return applyDecorators(ApiHeader({ name: 'If-Match', required: false, description: `The ETag of the ${what} as last read (or *); a stale one is a 412 and nothing is written` }), ApiErrors(412));
}

/** The `headers` of a documented answer that carries `ETag`. */
export function etagHeader(what: string): ApiResponseOptions['headers'] {
  return { ETag: { description: `The strong entity tag of ${what} as it is now; send it back as If-Match`, schema: { type: 'string', example: '"7"' } } };
}

/**
 * Refuses a write whose `If-Match` names none of the current tag (a strong comparison, RFC 9110
 * 13.1.1); no header, or `*` on an object that exists, lets it through.
 */
export function requireIfMatch(ifMatch: string | undefined, current: string, what: string): void {
  if (ifMatch === undefined || ifMatch.trim() === '*') return;
  const tags = ifMatch.split(',').map((tag) => tag.trim());
  if (!tags.includes(current)) throw new DomainError('PRECONDITION_FAILED', `If-Match ${ifMatch.slice(0, 100)} is not the current ETag of the ${what} (${current}): read it again and retry`);
}
