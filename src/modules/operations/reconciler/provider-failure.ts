import { AuthFailedError, FatalProviderError, NotFoundError, ProviderError, QuotaExceededError, UnsupportedOperationError } from '../../../providers/spi';
import { OperationFailure } from '../operation-run';

/** Turns a terminal provider error into what failed, where, and what the user can do. */
export function providerFailure(error: unknown, doing: string, provider: string): OperationFailure {
  if (error instanceof OperationFailure) return error;
  const backend = error instanceof ProviderError && error.backendMessage ? ` (${provider} said: ${error.backendMessage})` : '';
  const what = `${doing} failed on ${provider}: ${(error as Error).message}${backend}`;
  return new OperationFailure(what, hintFor(error), { cause: error });
}

function hintFor(error: unknown): string {
  if (error instanceof QuotaExceededError) return 'Free capacity or raise the quota of the account behind the credential, or ask for fewer nodes';
  if (error instanceof AuthFailedError) return "The provider rejected the credential: update the credential's parameters, then retry";
  if (error instanceof NotFoundError) return 'Something the cluster needs no longer exists on the provider: check the instance types and images of the host groups';
  if (error instanceof UnsupportedOperationError) return 'This provider cannot do that; choose a provider whose capabilities include it';
  if (error instanceof FatalProviderError) return 'The provider refused the request: check the instance types and the blueprint, then retry';
  if (error instanceof ProviderError) return 'The provider kept failing for longer than the operation may take; retry later';
  return 'This is an internal error; retry, and report it if it persists';
}
