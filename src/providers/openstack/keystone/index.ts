export * from './catalog';
export * from './credentials';
export * from './errors';
export * from './http';
export * from './import-credentials';
export * from './microversion';
export * from './session';
