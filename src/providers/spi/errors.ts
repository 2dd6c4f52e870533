/**
 * The only errors an adapter throws. The reconciler's retry policy reads `retryable`;
 * `backendMessage` carries the backend's own words for the user.
 */
/**
 * Brand carrying an error's class names up to ProviderError. `instanceof` reads it, so an error
 * made by another copy of this module (a plugin that bundles the SPI) is still recognised.
 */
export const PROVIDER_ERROR_BRAND = Symbol.for('herd.provider-error');

export abstract class ProviderError extends Error {
  abstract readonly retryable: boolean;
  readonly [PROVIDER_ERROR_BRAND]: string[];
  constructor(
    message: string,
    readonly backendMessage?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
    const chain: string[] = [];
    for (let type: unknown = new.target; typeof type === 'function' && type !== Error; type = Object.getPrototypeOf(type)) chain.push(type.name);
    this[PROVIDER_ERROR_BRAND] = chain;
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    const chain = (value as { [PROVIDER_ERROR_BRAND]?: unknown } | null)?.[PROVIDER_ERROR_BRAND];
    return Array.isArray(chain) && chain.includes(this.name);
  }
}

/** Timeouts, 5xx, a busy backend: try again after a back-off. */
export class RetryableProviderError extends ProviderError {
  readonly retryable = true;
}

/** The backend asks herd to slow down; `retryAfterMs` when it said how long. */
export class ThrottledError extends ProviderError {
  readonly retryable = true;
  constructor(message: string, readonly retryAfterMs?: number, backendMessage?: string, options?: { cause?: unknown }) {
    super(message, backendMessage, options);
  }
}

export class QuotaExceededError extends ProviderError {
  readonly retryable = false;
}

export class AuthFailedError extends ProviderError {
  readonly retryable = false;
}

export class NotFoundError extends ProviderError {
  readonly retryable = false;
}

/** The resource is in a state that forbids the call right now (e.g. a stack mid-update). */
export class ConflictError extends ProviderError {
  readonly retryable = true;
}

/** Nothing will change by retrying: a missing image, a bad flavor, an invalid request. */
export class FatalProviderError extends ProviderError {
  readonly retryable = false;
}

/** An operation the adapter declared it cannot do. */
export class UnsupportedOperationError extends ProviderError {
  readonly retryable = false;
}

export function isRetryable(error: unknown): boolean {
  return error instanceof ProviderError ? error.retryable : false;
}
