import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '../../common/http';
import { operationView } from './cluster.view';
import { ClustersService } from './clusters.service';
import { CurrentPrincipal, Principal } from '../tenancy';

@ApiTags('operations')
@Controller('v1/operations')
export class OperationsController {
  constructor(private readonly clusters: ClustersService) {}

  @Get(':id')
  @ApiOperation({ summary: 'Status, percent done, current step and error of an operation' })
  async get(@CurrentPrincipal() principal: Principal, @Param('id', new UuidParam('operation')) id: string) {
    return operationView(await this.clusters.operation(principal, id));
  }
}
