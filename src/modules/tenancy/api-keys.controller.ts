import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ValidationFailed } from '../../common/errors';
import { ApiErrors, LocatedAt, locationHeader, Page, PageQuery, PageResponse } from '../../common/http';
import { ApiKeyService } from './api-key.service';
import { ApiKeyView, apiKeyView, CreatedApiKeyView } from './dto/api-key.view';
import { CreateApiKeyDto } from './dto/create-api-key.dto';
import { assertMayGrant, assertMayRevoke } from './key-policy';
import { CurrentPrincipal, Principal } from './principal';
import { TenantService } from './tenant.service';

@ApiTags('tenants')
@ApiErrors(401, 429)
@Controller('v1/tenants/:id/api-keys')
export class ApiKeysController {
  constructor(
    private readonly tenants: TenantService,
    private readonly apiKeys: ApiKeyService,
  ) {}

  @Post()
  @LocatedAt((key: CreatedApiKeyView) => `/v1/tenants/${key.tenantId}/api-keys/${key.id}`)
  @ApiOperation({ operationId: 'createApiKey', summary: 'Create an API key; the answer carries the key, once. Members may create viewer and member keys for their own tenant, admins any key.' })
  @ApiCreatedResponse({ type: CreatedApiKeyView, headers: locationHeader('the key (prefix only)') })
  @ApiErrors(400, { status: 403, description: "The key's role is too small, or the new key's role exceeds it" }, 404)
  async create(@CurrentPrincipal() principal: Principal, @Param('id') tenantId: string, @Body() body: CreateApiKeyDto): Promise<CreatedApiKeyView> {
    const tenant = await this.tenants.getVisible(principal, tenantId);
    assertMayGrant(principal, body.role);
    const issued = await this.apiKeys.issue(tenant.id, body.role, expiryOf(body.expiresAt));
    return { ...apiKeyView(issued.key), key: issued.secret };
  }

  @Get()
  @ApiOperation({ operationId: 'listApiKeys', summary: 'List the API keys of a tenant (prefixes only, never the keys)' })
  @ApiOkResponse({ type: PageResponse(ApiKeyView) })
  @ApiErrors(400, 404)
  async list(@CurrentPrincipal() principal: Principal, @Param('id') tenantId: string, @Query() query: PageQuery): Promise<Page<ApiKeyView>> {
    const tenant = await this.tenants.getVisible(principal, tenantId);
    const page = await this.apiKeys.list(tenant.id, query);
    const now = new Date();
    return { ...page, items: page.items.map((key) => apiKeyView(key, now)) };
  }

  @Get(':keyId')
  @ApiOperation({ operationId: 'getApiKey', summary: 'One API key of a tenant (its prefix only, never the key)' })
  @ApiOkResponse({ type: ApiKeyView })
  @ApiErrors(404)
  async get(@CurrentPrincipal() principal: Principal, @Param('id') tenantId: string, @Param('keyId') keyId: string): Promise<ApiKeyView> {
    const tenant = await this.tenants.getVisible(principal, tenantId);
    return apiKeyView(await this.apiKeys.get(tenant.id, keyId), new Date());
  }

  @Delete(':keyId')
  @HttpCode(204)
  @ApiOperation({ operationId: 'revokeApiKey', summary: 'Revoke an API key: it answers 401 from then on' })
  @ApiNoContentResponse()
  @ApiErrors(400, { status: 403, description: "The key's role is too small, or the revoked key's role exceeds it" }, 404)
  async revoke(@CurrentPrincipal() principal: Principal, @Param('id') tenantId: string, @Param('keyId') keyId: string): Promise<void> {
    const tenant = await this.tenants.getVisible(principal, tenantId);
    const key = await this.apiKeys.get(tenant.id, keyId);
    assertMayRevoke(principal, key);
    await this.apiKeys.revoke(key);
  }
}

function expiryOf(raw: string | undefined): Date | null {
  if (raw === undefined) return null;
  const expiresAt = new Date(raw);
  if (Number.isNaN(expiresAt.getTime()) || expiresAt.getUTCFullYear() > 9999) {
    throw new ValidationFailed([{ field: 'expiresAt', reason: 'must be a date-time before the year 10000' }]);
  }
  if (expiresAt.getTime() <= Date.now()) throw new ValidationFailed([{ field: 'expiresAt', reason: 'must be in the future' }]);
  return expiresAt;
}
