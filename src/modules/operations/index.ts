export { OperationsWorkerModule } from './operations-worker.module';
