import { Injectable, PipeTransform } from '@nestjs/common';
import { NotFound } from '../errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a path segment is shaped like an id rather than a name. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** A path id that is not a UUID names nothing: 404, like an id that does not exist. */
@Injectable()
export class UuidParam implements PipeTransform<string, string> {
  constructor(private readonly what: string) {}

  transform(value: string): string {
    if (!UUID.test(value)) throw new NotFound(this.what, value.slice(0, 64));
    return value.toLowerCase();
  }
}
