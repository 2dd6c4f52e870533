import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, LocatedAt, locationHeader, type Page, PageQuery, PageResponse, UuidParam } from '../../common/http';
import { CurrentPrincipal, Principal } from '../tenancy';
import { CreateAutoscalingPolicyDto } from './autoscaling-policy.dto';
import { AutoscalingPolicyView, autoscalingPolicyView } from './autoscaling-policy.view';
import { AutoscalingPoliciesService } from './autoscaling-policies.service';

const policyUuid = new UuidParam('autoscaling policy');

@ApiTags('autoscaling')
@ApiErrors(401, 429)
@Controller('v1/clusters/:idOrName/autoscaling-policies')
export class AutoscalingPoliciesController {
  constructor(private readonly policies: AutoscalingPoliciesService) {}

  @Get()
  @ApiOperation({ operationId: 'listAutoscalingPolicies', summary: "The cluster's autoscaling policies, oldest first, a page at a time" })
  @ApiOkResponse({ type: PageResponse(AutoscalingPolicyView) })
  @ApiErrors(400, 404)
  async list(@CurrentPrincipal() principal: Principal, @Param('idOrName') idOrName: string, @Query() query: PageQuery): Promise<Page<AutoscalingPolicyView>> {
    const page = await this.policies.list(principal, idOrName, query);
    return { ...page, items: page.items.map(autoscalingPolicyView) };
  }

  @Get(':policyId')
  @ApiOperation({ operationId: 'getAutoscalingPolicy', summary: 'One autoscaling policy of the cluster' })
  @ApiOkResponse({ type: AutoscalingPolicyView })
  @ApiErrors(404)
  async get(@CurrentPrincipal() principal: Principal, @Param('idOrName') idOrName: string, @Param('policyId', policyUuid) policyId: string): Promise<AutoscalingPolicyView> {
    return autoscalingPolicyView(await this.policies.get(principal, idOrName, policyId));
  }

  @Post()
  @LocatedAt((policy: AutoscalingPolicyView) => `/v1/clusters/${policy.clusterId}/autoscaling-policies/${policy.id}`)
  @ApiOperation({ operationId: 'createAutoscalingPolicy', summary: 'Add a policy: when a metric of the last health probe crosses a threshold, scale a host group by a step within min/max, at most once per cooldown' })
  @ApiCreatedResponse({ type: AutoscalingPolicyView, headers: locationHeader('the policy') })
  @ApiErrors(400, 403, 404, { status: 409, description: 'The cluster has a policy of that name, or its provider cannot scale' })
  async create(@CurrentPrincipal() principal: Principal, @Param('idOrName') idOrName: string, @Body() body: CreateAutoscalingPolicyDto): Promise<AutoscalingPolicyView> {
    return autoscalingPolicyView(await this.policies.create(principal, idOrName, body));
  }

  @Delete(':policyId')
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteAutoscalingPolicy', summary: 'Remove a policy' })
  @ApiNoContentResponse()
  @ApiErrors(400, 403, 404)
  async remove(@CurrentPrincipal() principal: Principal, @Param('idOrName') idOrName: string, @Param('policyId', policyUuid) policyId: string): Promise<void> {
    await this.policies.remove(principal, idOrName, policyId);
  }
}
