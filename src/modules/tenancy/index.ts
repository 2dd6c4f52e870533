export { ApiKey } from './api-key.entity';
export { CurrentPrincipal, NoRateLimit, type Principal, Public, RequireRole, type TenantScope } from './principal';
export { TenancyModule } from './tenancy.module';
export { Tenant } from './tenant.entity';
export { TenantService } from './tenant.service';
