import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, LocatedAt, locationHeader, Page, PageQuery, PageResponse } from '../../common/http';
import { CreateTenantDto } from './dto/create-tenant.dto';
import { TenantView, tenantView } from './dto/tenant.view';
import { CurrentPrincipal, Principal, RequireRole } from './principal';
import { TenantService } from './tenant.service';

@ApiTags('tenants')
@ApiErrors(401, 429)
@Controller('v1/tenants')
export class TenantsController {
  constructor(private readonly tenants: TenantService) {}

  @Post()
  @LocatedAt((tenant: TenantView) => `/v1/tenants/${tenant.id}`)
  @RequireRole('admin')
  @ApiOperation({ operationId: 'createTenant', summary: 'Create a tenant (admin)' })
  @ApiCreatedResponse({ type: TenantView, headers: locationHeader('the tenant') })
  @ApiErrors(400, 403, { status: 409, description: 'The name is taken' })
  async create(@Body() body: CreateTenantDto): Promise<TenantView> {
    return tenantView(await this.tenants.create(body.name));
  }

  @Get()
  @RequireRole('admin')
  @ApiOperation({ operationId: 'listTenants', summary: 'List tenants (admin)' })
  @ApiOkResponse({ type: PageResponse(TenantView) })
  @ApiErrors(400, 403)
  async list(@Query() query: PageQuery): Promise<Page<TenantView>> {
    const page = await this.tenants.list(query);
    return { ...page, items: page.items.map(tenantView) };
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getTenant', summary: 'Read a tenant: any tenant for an admin, otherwise the caller\'s own' })
  @ApiOkResponse({ type: TenantView })
  @ApiErrors({ status: 404, description: "No such tenant, or another tenant than the key's (for a key that is not admin)" })
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<TenantView> {
    return tenantView(await this.tenants.getVisible(principal, id));
  }
}
