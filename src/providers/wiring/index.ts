export { ProvidersModule } from './providers.module';
