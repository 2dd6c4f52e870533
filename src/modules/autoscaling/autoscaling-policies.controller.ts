import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, UuidParam } from '../../common/http';
import { CurrentPrincipal, Principal } from '../tenancy';
import { CreateAutoscalingPolicyDto } from './autoscaling-policy.dto';
import { AutoscalingPolicyView, autoscalingPolicyView } from './autoscaling-policy.view';
import { AutoscalingPoliciesService } from './autoscaling-policies.service';

const clusterUuid = new UuidParam('cluster');
const policyUuid = new UuidParam('autoscaling policy');

@ApiTags('autoscaling')
@ApiErrors(401, 429)
@Controller('v1/clusters/:id/autoscaling-policies')
export class AutoscalingPoliciesController {
  constructor(private readonly policies: AutoscalingPoliciesService) {}

  @Get()
  @ApiOperation({ summary: "The cluster's autoscaling policies, oldest first" })
  @ApiOkResponse({ type: [AutoscalingPolicyView] })
  @ApiErrors(404)
  async list(@CurrentPrincipal() principal: Principal, @Param('id', clusterUuid) id: string): Promise<AutoscalingPolicyView[]> {
    return (await this.policies.list(principal, id)).map(autoscalingPolicyView);
  }

  @Post()
  @ApiOperation({ summary: 'Add a policy: when a metric of the last health probe crosses a threshold, scale a host group by a step within min/max, at most once per cooldown' })
  @ApiCreatedResponse({ type: AutoscalingPolicyView })
  @ApiErrors(400, 403, 404, { status: 409, description: 'The cluster has a policy of that name, or its provider cannot scale' })
  async create(@CurrentPrincipal() principal: Principal, @Param('id', clusterUuid) id: string, @Body() body: CreateAutoscalingPolicyDto): Promise<AutoscalingPolicyView> {
    return autoscalingPolicyView(await this.policies.create(principal, id, body));
  }

  @Delete(':policyId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a policy' })
  @ApiNoContentResponse()
  @ApiErrors(400, 403, 404)
  async remove(@CurrentPrincipal() principal: Principal, @Param('id', clusterUuid) id: string, @Param('policyId', policyUuid) policyId: string): Promise<void> {
    await this.policies.remove(principal, id, policyId);
  }
}
