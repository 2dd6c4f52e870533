export { AdminGate, type AdminVerdict } from './admin-gate';
export { ApiKey } from './api-key.entity';
export { AcceptsStreamToken, CurrentPrincipal, NoRateLimit, type Principal, Public, RequireRole, type TenantScope } from './principal';
export { type StreamToken, StreamTokens } from './stream-tokens';
export { TenancyModule } from './tenancy.module';
export { Tenant } from './tenant.entity';
export { TenantService } from './tenant.service';
