export { EventRelayWorkerModule } from './event-relay-worker.module';
