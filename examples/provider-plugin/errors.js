'use strict';
// herd recognises an SPI error class by this brand (the class names up to ProviderError), so a
// plugin need not share herd's copy of the SPI module. A TypeScript plugin built against herd
// can throw herd's own classes from src/providers/spi/errors.ts instead.
const BRAND = Symbol.for('herd.provider-error');

function errorClass(name, retryable) {
  const type = class extends Error {
    constructor(message, backendMessage) {
      super(message);
      this.name = name;
      this.retryable = retryable;
      this.backendMessage = backendMessage;
      this[BRAND] = [name, 'ProviderError'];
    }
  };
  Object.defineProperty(type, 'name', { value: name });
  return type;
}

module.exports = {
  RetryableProviderError: errorClass('RetryableProviderError', true),
  QuotaExceededError: errorClass('QuotaExceededError', false),
  AuthFailedError: errorClass('AuthFailedError', false),
  FatalProviderError: errorClass('FatalProviderError', false),
};
