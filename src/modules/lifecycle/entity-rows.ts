import type { EntityMetadata, ObjectLiteral } from 'typeorm';

/**
 * An entity from a row that PostgreSQL built as JSON (`row_to_json`, `json_agg`): its columns by
 * their database names, timestamps as text. For reads that aggregate a parent's children into one
 * row instead of letting the ORM hydrate one joined row per child.
 */
export function entityFromJsonRow<T extends ObjectLiteral>(metadata: EntityMetadata, row: Record<string, unknown>): T {
  const entity = metadata.create() as T;
  for (const column of metadata.columns) {
    const value = row[column.databaseName];
    (entity as Record<string, unknown>)[column.propertyName] = value !== null && value !== undefined && isTimestamp(column.type) ? new Date(value as string) : value;
  }
  return entity;
}

function isTimestamp(type: unknown): boolean {
  return type === 'timestamptz' || type === 'timestamp' || type === 'timestamp with time zone' || type === Date;
}
