import { describe, expect, it } from 'vitest';
import { AuthFailedError, isRetryable, PROVIDER_ERROR_BRAND, ProviderError, QuotaExceededError, RetryableProviderError } from './errors';

describe('ProviderError classes', () => {
  it('recognise errors of their own module by class and superclass', () => {
    const error = new QuotaExceededError('no room');
    expect(error).toBeInstanceOf(QuotaExceededError);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(AuthFailedError);
    expect(error.name).toBe('QuotaExceededError');
  });

  it('recognise an error made by another copy of the SPI through its brand', () => {
    const foreign = Object.assign(new Error('busy'), { retryable: true, [PROVIDER_ERROR_BRAND]: ['RetryableProviderError', 'ProviderError'] });
    expect(foreign).toBeInstanceOf(RetryableProviderError);
    expect(foreign).toBeInstanceOf(ProviderError);
    expect(foreign).not.toBeInstanceOf(AuthFailedError);
    expect(isRetryable(foreign)).toBe(true);
  });

  it('do not claim plain errors', () => {
    expect(new TypeError('x')).not.toBeInstanceOf(ProviderError);
    expect(isRetryable(new Error('x'))).toBe(false);
    expect((null as unknown) instanceof ProviderError).toBe(false);
  });
});
