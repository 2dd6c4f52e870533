export * from './capabilities';
export * from './cluster-spec';
export * from './errors';
export * from './node-status';
export * from './observed';
export * from './provider';
