export { EventRelayWorkerModule } from './event-relay-worker.module';
export { RelayLock } from './relay-lock';
