import { Body, Controller, Delete, Get, Headers, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AcceptsIfMatch, ApiErrors, etagHeader, requireIfMatch, SendsETag, strongETag } from '../../common/http';
import { CurrentPrincipal, Principal, RequireRole, TenantService } from '../tenancy';
import { QuotasView } from './dto/quotas.view';
import { SetQuotasDto } from './dto/set-quotas.dto';
import { QuotaService } from './quota.service';

/** Tags what a write changes, the limits and where they come from; the usage moves under the same tag. */
const quotasETag = (quotas: Pick<QuotasView, 'limits' | 'source'>): string => strongETag(`${quotas.source}.${quotas.limits.clusters}.${quotas.limits.nodes}.${quotas.limits.nodesPerCluster}`);

@ApiTags('tenants')
@ApiErrors(401, 429)
@Controller('v1/tenants/:id/quotas')
export class QuotasController {
  constructor(
    private readonly tenants: TenantService,
    private readonly quotas: QuotaService,
  ) {}

  @Get()
  @SendsETag(quotasETag)
  @ApiOperation({ operationId: 'getQuotas', summary: "A tenant's quotas and what it uses of them (its own tenant, or any for an admin)" })
  @ApiOkResponse({ type: QuotasView, headers: etagHeader('the quotas') })
  @ApiErrors(404)
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<QuotasView> {
    const tenant = await this.tenants.getVisible(principal, id);
    return this.view(tenant.id);
  }

  @Put()
  @RequireRole('admin')
  @SendsETag(quotasETag)
  @AcceptsIfMatch('quotas')
  @ApiOperation({ operationId: 'setQuotas', summary: "Set a tenant's quotas (admin)" })
  @ApiOkResponse({ type: QuotasView, headers: etagHeader('the quotas') })
  @ApiErrors(400, 403, 404)
  async set(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: SetQuotasDto, @Headers('if-match') ifMatch?: string): Promise<QuotasView> {
    const tenant = await this.tenants.getVisible(principal, id);
    await this.requireCurrent(tenant.id, ifMatch);
    await this.quotas.set(tenant.id, { clusters: body.clusters, nodes: body.nodes, nodesPerCluster: body.nodesPerCluster });
    return this.view(tenant.id);
  }

  @Delete()
  @RequireRole('admin')
  @SendsETag(quotasETag)
  @AcceptsIfMatch('quotas')
  @ApiOperation({ operationId: 'resetQuotas', summary: "Return a tenant to the configured default quotas (admin)" })
  @ApiOkResponse({ type: QuotasView, headers: etagHeader('the quotas') })
  @ApiErrors(400, 403, 404)
  async reset(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Headers('if-match') ifMatch?: string): Promise<QuotasView> {
    const tenant = await this.tenants.getVisible(principal, id);
    await this.requireCurrent(tenant.id, ifMatch);
    await this.quotas.reset(tenant.id);
    return this.view(tenant.id);
  }

  private async requireCurrent(tenantId: string, ifMatch: string | undefined): Promise<void> {
    if (ifMatch !== undefined) requireIfMatch(ifMatch, quotasETag(await this.quotas.quotasOf(tenantId)), 'quotas');
  }

  private async view(tenantId: string): Promise<QuotasView> {
    const [quotas, usage] = await Promise.all([this.quotas.quotasOf(tenantId), this.quotas.usageOf({ tenantId })]);
    return { tenantId, ...quotas, usage };
  }
}
