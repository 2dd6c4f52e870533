export * from './capabilities';
export * from './cluster-spec';
export * from './credential-files';
export * from './errors';
export * from './host-group-options';
export * from './node-status';
export { compileObjectSchema } from './object-schema';
export * from './observed';
export * from './provider';
