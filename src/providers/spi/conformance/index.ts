export { runProviderConformance } from './run-conformance';
export { defaultComponents } from './components';
export { UnclassifiedProviderError } from './guarded-connection';
export type { ConformanceFactory, ConformanceHostGroup, ConformanceOptions, ConformanceSubject, FaultScenario, ParametersVariant, ProviderErrorClass } from './options';
