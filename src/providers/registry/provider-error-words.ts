import { AuthFailedError, ConflictError, ProviderError, QuotaExceededError, RetryableProviderError, ThrottledError } from '../spi';
import { EgressDeniedError } from './egress-check';

/** What a provider's refusal means for a credential: its fault (fix it), or the provider's for now (try later). */
export type ProviderRefusal = 'credential' | 'unavailable' | 'other';

/** The one reading of a provider error that verify, validate and pre-flight share. */
export function refusalOf(error: ProviderError): ProviderRefusal {
  if (error instanceof AuthFailedError || error instanceof EgressDeniedError || error instanceof QuotaExceededError) return 'credential';
  if (error instanceof RetryableProviderError || error instanceof ConflictError) return 'unavailable';
  return 'other';
}

/** A provider error in words for the user, with what the backend said when it said something. */
export function describeProviderError(error: ProviderError): string {
  const said = error.backendMessage ? ` (the provider said: ${error.backendMessage})` : '';
  if (error instanceof AuthFailedError) return `The provider rejected the credential: ${error.message}${said}`;
  if (error instanceof ThrottledError) return `The provider is throttling requests, try again later: ${error.message}${said}`;
  if (error instanceof QuotaExceededError) return `The credential works but its quota is exhausted: ${error.message}${said}`;
  if (error instanceof EgressDeniedError) return `herd may not connect there: ${error.message}`;
  if (error instanceof RetryableProviderError || error instanceof ConflictError) return `The provider could not be reached, try again later: ${error.message}${said}`;
  return `The check failed: ${error.message}${said}`;
}
