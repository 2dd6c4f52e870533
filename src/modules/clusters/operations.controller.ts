import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, LocatedAt, locationHeader, UuidParam } from '../../common/http';
import { operationView } from './cluster.view';
import { ClustersService } from './clusters.service';
import { OperationCancellation } from './operation-cancellation';
import { OperationView } from './operation.response';
import { CurrentPrincipal, Principal } from '../tenancy';

const operationUuid = new UuidParam('operation');

@ApiTags('operations')
@ApiErrors(401, 429)
@Controller('v1/operations')
export class OperationsController {
  constructor(
    private readonly clusters: ClustersService,
    private readonly cancellation: OperationCancellation,
  ) {}

  @Get(':id')
  @ApiOperation({ operationId: 'getOperation', summary: 'Status, percent done, current step and error of an operation' })
  @ApiOkResponse({ type: OperationView })
  @ApiErrors(404)
  async get(@CurrentPrincipal() principal: Principal, @Param('id', operationUuid) id: string): Promise<OperationView> {
    return operationView(await this.clusters.operation(principal, id));
  }

  @Post(':id/cancel')
  @HttpCode(202)
  @LocatedAt((operation: OperationView) => `/v1/operations/${operation.id}`)
  @ApiOperation({
    operationId: 'cancelOperation',
    summary: 'Cancel an operation where it can stop safely',
    description:
      'A create, queued or running, is cancelled by a teardown: the cluster goes DELETING, then DELETED, with nothing left behind. ' +
      'A queued scale or repair is withdrawn before a worker starts it: the cluster is AVAILABLE again, with its old sizes. ' +
      'Either way the operation ends `cancelled` and an `operation` event records it.',
  })
  @ApiAcceptedResponse({ type: OperationView, headers: locationHeader('the cancelled operation') })
  @ApiErrors(400, 403, 404, { status: 409, description: 'The operation has finished, is a delete (a teardown in progress), or runs and cannot stop safely (a running scale, repair, stop or start; a queued stop or start)' })
  async cancel(@CurrentPrincipal() principal: Principal, @Param('id', operationUuid) id: string): Promise<OperationView> {
    return operationView(await this.cancellation.cancel(await this.clusters.operation(principal, id)));
  }
}
