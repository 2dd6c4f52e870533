import { CommanderError } from 'commander';
import { HerdApiError } from '../../../clients/typescript/src';
import { UsageError } from './exit-codes';

/**
 * The lines `herd` prints on stderr for an error: herd's message, each field with its reason, and
 * the correlation id to quote to an operator. Commander has already printed its own errors.
 */
export function errorReport(error: unknown): string[] {
  if (error instanceof CommanderError) return [];
  if (error instanceof HerdApiError) {
    const lines = [`error: ${error.body?.message ?? error.message} (HTTP ${error.status}${error.body?.code ? ` ${error.body.code}` : ''})`];
    for (const detail of error.body?.details ?? []) lines.push(`  ${detail.field}: ${detail.reason}`);
    if (error.body?.correlationId) lines.push(`correlation id: ${error.body.correlationId}`);
    return lines;
  }
  if (error instanceof UsageError) return [`error: ${error.message}`, ...error.details.map((detail) => `  ${detail.field}: ${detail.reason}`)];
  if (error instanceof TypeError && error.message === 'fetch failed') {
    const cause = (error as TypeError & { cause?: { message?: string } }).cause?.message;
    return [`error: could not reach herd${cause ? `: ${cause}` : ''}`];
  }
  return [`error: ${error instanceof Error ? error.message : String(error)}`];
}
