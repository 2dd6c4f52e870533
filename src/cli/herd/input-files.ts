import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { UsageError } from './exit-codes';

/** A file's text, `-` being stdin; an unreadable file is the user's mistake, not herd's. */
export function readInput(path: string): string {
  try {
    return readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** A JSON or YAML document (YAML is a superset of JSON, so one parser reads both). */
export function readDocument(path: string): unknown {
  try {
    return parse(readInput(path));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${path} is neither JSON nor YAML: ${(error as Error).message}`);
  }
}
