import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, UuidParam } from '../../common/http';
import { operationView } from './cluster.view';
import { ClustersService } from './clusters.service';
import { OperationView } from './operation.response';
import { CurrentPrincipal, Principal } from '../tenancy';

@ApiTags('operations')
@ApiErrors(401, 429)
@Controller('v1/operations')
export class OperationsController {
  constructor(private readonly clusters: ClustersService) {}

  @Get(':id')
  @ApiOperation({ summary: 'Status, percent done, current step and error of an operation' })
  @ApiOkResponse({ type: OperationView })
  @ApiErrors(404)
  async get(@CurrentPrincipal() principal: Principal, @Param('id', new UuidParam('operation')) id: string): Promise<OperationView> {
    return operationView(await this.clusters.operation(principal, id));
  }
}
