import { CommanderError } from 'commander';
import { HerdApiError } from '../../../clients/typescript/src';

/** What `herd` exits with; scripts may rely on these. */
export const ExitCode = {
  ok: 0,
  /** An operation failed, herd answered 5xx (or another refusal), or herd could not be reached. */
  failed: 1,
  /** Bad usage: a commander error, a bad flag value, or herd's 400/422 validation errors. */
  usage: 2,
  /** herd answered 404. */
  notFound: 3,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** The command line was wrong in a way commander cannot see (a `key=value` without `=`, an unreadable file...). */
export class UsageError extends Error {
  override readonly name = 'UsageError';

  constructor(
    message: string,
    /** Field by field, as herd's own 400s name them. */
    readonly details: { field: string; reason: string }[] = [],
  ) {
    super(message);
  }
}

/** An operation herd ran ended failed or cancelled. */
export class OperationFailed extends Error {
  override readonly name = 'OperationFailed';
}

export function exitCodeFor(error: unknown): ExitCodeValue {
  if (error instanceof UsageError) return ExitCode.usage;
  if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  if (error instanceof HerdApiError) {
    if (error.status === 404) return ExitCode.notFound;
    if (error.status === 400 || error.status === 422) return ExitCode.usage;
  }
  return ExitCode.failed;
}
