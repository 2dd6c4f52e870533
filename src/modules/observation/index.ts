export { endpointOf, fetchHadoopJson, liveNodesByHost, NAMENODE_INFO } from './hadoop-http';
export { type HadoopMeasurement, HadoopVerifier } from './hadoop-verifier';
export type { HealthFigures } from './health-figures';
export { type HealthSample, HealthSamples } from './health-samples';
export { NodeLedger } from './node-ledger';
export { ObservationModule } from './observation.module';
export { ProviderThrottle } from './provider-throttle';
export { PushedHealth } from './pushed-health';
export { sleep, withRetry } from './retry-policy';
