import { Type as ClassType } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import type { Page } from './pagination';

/** An OpenAPI class for `Page<item>`, e.g. `@ApiOkResponse({ type: PageResponse(BlueprintSummary) })`. */
export function PageResponse<T>(item: ClassType<T>): ClassType<Page<T>> {
  class PageOfItems implements Page<T> {
    @ApiProperty({ type: [item] }) items: T[];
    @ApiProperty({ example: 42, description: 'Items across all pages' }) total: number;
    @ApiProperty({ example: 20 }) limit: number;
    @ApiProperty({ example: 0 }) offset: number;
  }
  Object.defineProperty(PageOfItems, 'name', { value: `PageOf${item.name}` });
  return PageOfItems;
}
