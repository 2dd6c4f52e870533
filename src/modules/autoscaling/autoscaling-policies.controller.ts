import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '../../common/http';
import { CurrentPrincipal, Principal } from '../tenancy';
import { CreateAutoscalingPolicyDto } from './autoscaling-policy.dto';
import { AutoscalingPoliciesService } from './autoscaling-policies.service';

const clusterUuid = new UuidParam('cluster');
const policyUuid = new UuidParam('autoscaling policy');

@ApiTags('autoscaling')
@Controller('v1/clusters/:id/autoscaling-policies')
export class AutoscalingPoliciesController {
  constructor(private readonly policies: AutoscalingPoliciesService) {}

  @Get()
  @ApiOperation({ summary: "The cluster's autoscaling policies, oldest first" })
  list(@CurrentPrincipal() principal: Principal, @Param('id', clusterUuid) id: string) {
    return this.policies.list(principal, id);
  }

  @Post()
  @ApiOperation({ summary: 'Add a policy: when a metric of the last health probe crosses a threshold, scale a host group by a step within min/max, at most once per cooldown' })
  create(@CurrentPrincipal() principal: Principal, @Param('id', clusterUuid) id: string, @Body() body: CreateAutoscalingPolicyDto) {
    return this.policies.create(principal, id, body);
  }

  @Delete(':policyId')
  @HttpCode(204)
  async remove(@CurrentPrincipal() principal: Principal, @Param('id', clusterUuid) id: string, @Param('policyId', policyUuid) policyId: string): Promise<void> {
    await this.policies.remove(principal, id, policyId);
  }
}
