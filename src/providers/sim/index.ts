export { SIM_CALL_KINDS, SIM_CREDENTIAL_SCHEMA, SIM_DESCRIPTOR, SIM_INSTANCE_TYPES } from './sim.descriptor';
export type { SimCallKind, SimParameters } from './sim.descriptor';
export { simBuiltIn } from './sim.built-in';
export { SimHealthServer } from './sim.health-server';
export type { SimHealthServerOptions } from './sim.health-server';
export { createSimAdapter } from './sim.provider';
export type { SimAdapter, SimAdapterOptions } from './sim.provider';
