export { atMostEvery } from './at-most-every';
export { loggerOptions } from './logger-options';
