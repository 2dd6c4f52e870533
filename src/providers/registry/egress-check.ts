import { FatalProviderError, ProviderDescriptor } from '../spi';

/**
 * Checks the endpoints a credential names (Docker TCP endpoint, Keystone URL ...) before herd
 * connects to them. Provided by the egress policy; when none is provided every endpoint passes.
 */
export interface EgressCheck {
  /**
   * Returns one problem per refused endpoint; empty when every endpoint may be reached. When
   * `purpose` is `store` (a credential being saved) a host name that does not resolve yet
   * passes: it is refused when herd connects, if it still does not resolve.
   */
  check(descriptor: ProviderDescriptor, parameters: Record<string, unknown>, purpose?: EgressPurpose): Promise<{ field: string; reason: string }[]>;
  /**
   * Why herd must not connect to an address a backend handed out (http, https or tcp), or
   * undefined when it may. A host name that does not resolve is refused.
   */
  refusal(url: string): Promise<string | undefined>;
}

export type EgressPurpose = 'connect' | 'store';

export const EGRESS_CHECK = Symbol('EGRESS_CHECK');

/** Not retryable: the policy will refuse the same endpoint next time too. */
export class EgressDeniedError extends FatalProviderError {}
