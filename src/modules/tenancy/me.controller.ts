import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/http';
import { ApiKeyService } from './api-key.service';
import { MeView } from './dto/me.view';
import { CurrentPrincipal, Principal } from './principal';
import { TenantService } from './tenant.service';

@ApiTags('tenants')
@ApiErrors(401, 429)
@Controller('v1/me')
export class MeController {
  constructor(
    private readonly tenants: TenantService,
    private readonly apiKeys: ApiKeyService,
  ) {}

  @Get()
  @ApiOperation({ operationId: 'getCurrentPrincipal', summary: 'Who the presented key is: its tenant, role and prefix' })
  @ApiOkResponse({ type: MeView })
  async me(@CurrentPrincipal() principal: Principal): Promise<MeView> {
    const tenant = await this.tenants.getVisible(principal, principal.tenantId);
    const key = await this.apiKeys.get(principal.tenantId, principal.apiKeyId);
    return {
      tenant: { id: tenant.id, name: tenant.name },
      role: principal.role,
      key: { id: key.id, prefix: key.keyPrefix, expiresAt: key.expiresAt?.toISOString() ?? null },
    };
  }
}
