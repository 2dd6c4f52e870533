export { ProvidersApiModule } from './providers-api.module';
