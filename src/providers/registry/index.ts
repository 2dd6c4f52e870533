export type { ParameterPath } from './credential-schema';
export { EGRESS_CHECK, type EgressCheck, type EgressPurpose } from './egress-check';
export { describeProviderError, refusalOf } from './provider-error-words';
export type { ProviderCall, ProviderCallObserver, ProviderCallOutcome } from './provider-call-observer';
export { type ProviderEntry, ProviderRegistry, ProviderRegistryError } from './provider-registry';
