import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { AcceptsIfMatch, ApiErrors, etagHeader, type Page, LocatedAt, locationHeader, operationLocation, PageQuery, PageResponse, SendsETag, strongETag } from '../../common/http';
import { ApiAcceptedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '../tenancy';
import { CreateClusterDto, ListClustersQuery, ScaleHostGroupDto } from './cluster.dto';
import { AcceptedClusterView, ClusterSummaryView, ClusterValidationView, ClusterView } from './cluster.response';
import { operationView } from './cluster.view';
import { ClustersService } from './clusters.service';
import { OperationView } from './operation.response';
import { checkIdempotencyKey } from './idempotency';

const acceptedClusterETag = (accepted: AcceptedClusterView): string => strongETag(accepted.cluster.version);

const STATE_FORBIDS = { status: 409, description: "The cluster's status forbids the request (the message says which it needs), or another operation still runs" } as const;

@ApiTags('clusters')
@ApiErrors(401, 429)
@Controller('v1/clusters')
export class ClustersController {
  constructor(private readonly clusters: ClustersService) {}

  @Post()
  @HttpCode(202)
  @LocatedAt(operationLocation)
  @SendsETag(acceptedClusterETag)
  @ApiOperation({ operationId: 'createCluster', summary: 'Request a cluster; workers provision it. Answers with the cluster and its operation id.' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Same key and body return the same cluster' })
  @ApiAcceptedResponse({ type: AcceptedClusterView, headers: { ...locationHeader('the operation'), ...etagHeader('the cluster') } })
  @ApiErrors(
    { status: 400, description: 'A field breaks a rule, or the blueprint, the credential or a host group does not fit (details name each field)' },
    403,
    { status: 409, description: 'The name is taken, or the Idempotency-Key was used with another body' },
    422,
  )
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateClusterDto, @Headers('idempotency-key') key?: string): Promise<AcceptedClusterView> {
    return this.clusters.create(principal, body, checkIdempotencyKey(key));
  }

  @Post('validate')
  @HttpCode(200)
  @ApiOperation({ operationId: 'validateCluster', summary: 'Dry run of a create: blueprint, cardinality, credential, quota and provider pre-flight' })
  @ApiOkResponse({ type: ClusterValidationView })
  @ApiErrors(
    { status: 400, description: "A field breaks a rule, or the provider's pre-flight refuses the request (details name each problem)" },
    403,
    { status: 409, description: 'The name is taken' },
    422,
    { status: 503, description: "The provider's pre-flight could not run" },
  )
  validate(@CurrentPrincipal() principal: Principal, @Body() body: CreateClusterDto): Promise<ClusterValidationView> {
    return this.clusters.validate(principal, body);
  }

  @Get()
  @ApiOperation({ operationId: 'listClusters', summary: 'List clusters, newest first; DELETED ones only when asked with ?status=DELETED' })
  @ApiOkResponse({ type: PageResponse(ClusterSummaryView) })
  @ApiErrors(400)
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListClustersQuery): Promise<Page<ClusterSummaryView>> {
    return this.clusters.list(principal, query);
  }

  @Get(':idOrName')
  @SendsETag((cluster: ClusterView) => strongETag(cluster.version))
  @ApiOperation({ operationId: 'getCluster', summary: 'A cluster with status, health, current step, host groups and nodes' })
  @ApiOkResponse({ type: ClusterView, headers: etagHeader('the cluster') })
  @ApiErrors(404)
  get(@CurrentPrincipal() principal: Principal, @Param('idOrName') idOrName: string): Promise<ClusterView> {
    return this.clusters.get(principal, idOrName);
  }

  @Get(':idOrName/operations')
  @ApiOperation({ operationId: 'listClusterOperations', summary: "The cluster's operations, newest first: kind, status, times, duration, percent and error" })
  @ApiOkResponse({ type: PageResponse(OperationView) })
  @ApiErrors(400, 404)
  async operations(@CurrentPrincipal() principal: Principal, @Param('idOrName') idOrName: string, @Query() query: PageQuery): Promise<Page<OperationView>> {
    const page = await this.clusters.operations(principal, idOrName, query);
    return { ...page, items: page.items.map(operationView) };
  }

  @Put(':idOrName/host-groups/:name')
  @HttpCode(202)
  @LocatedAt(operationLocation)
  @SendsETag(acceptedClusterETag)
  @AcceptsIfMatch('cluster')
  @ApiOperation({ operationId: 'scaleHostGroup', summary: 'Scale a host group to nodeCount' })
  @ApiAcceptedResponse({ type: AcceptedClusterView, headers: { ...locationHeader('the operation'), ...etagHeader('the cluster') } })
  @ApiErrors(400, 403, { status: 404, description: 'No such cluster in the tenant, or no such host group in it' }, { status: 409, description: `${STATE_FORBIDS.description}, or the provider cannot scale` }, 422)
  scale(@CurrentPrincipal() principal: Principal, @Param('idOrName') idOrName: string, @Param('name') name: string, @Body() body: ScaleHostGroupDto, @Headers('if-match') ifMatch?: string): Promise<AcceptedClusterView> {
    return this.clusters.scale(principal, idOrName, name, body.nodeCount, ifMatch);
  }

  @Post(':idOrName/stop')
  @HttpCode(202)
  @LocatedAt(operationLocation)
  @SendsETag(acceptedClusterETag)
  @AcceptsIfMatch('cluster')
  @ApiOperation({ operationId: 'stopCluster', summary: 'Stop an AVAILABLE cluster, keeping its nodes and data' })
  @ApiAcceptedResponse({ type: AcceptedClusterView, headers: { ...locationHeader('the operation'), ...etagHeader('the cluster') } })
  @ApiErrors(400, 403, 404, { status: 409, description: `${STATE_FORBIDS.description}, or the provider cannot stop clusters` })
  stop(@CurrentPrincipal() principal: Principal, @Param('idOrName') idOrName: string, @Headers('if-match') ifMatch?: string): Promise<AcceptedClusterView> {
    return this.clusters.stop(principal, idOrName, ifMatch);
  }

  @Post(':idOrName/start')
  @HttpCode(202)
  @LocatedAt(operationLocation)
  @SendsETag(acceptedClusterETag)
  @AcceptsIfMatch('cluster')
  @ApiOperation({ operationId: 'startCluster', summary: 'Start a STOPPED cluster' })
  @ApiAcceptedResponse({ type: AcceptedClusterView, headers: { ...locationHeader('the operation'), ...etagHeader('the cluster') } })
  @ApiErrors(400, 403, 404, { status: 409, description: `${STATE_FORBIDS.description}, or the provider cannot start clusters` })
  start(@CurrentPrincipal() principal: Principal, @Param('idOrName') idOrName: string, @Headers('if-match') ifMatch?: string): Promise<AcceptedClusterView> {
    return this.clusters.start(principal, idOrName, ifMatch);
  }

  @Post(':idOrName/repair')
  @HttpCode(202)
  @LocatedAt(operationLocation)
  @SendsETag(acceptedClusterETag)
  @AcceptsIfMatch('cluster')
  @ApiOperation({ operationId: 'repairCluster', summary: 'Replace the nodes in ERROR, start stopped ones and launch missing ones, keeping the healthy nodes' })
  @ApiAcceptedResponse({ type: AcceptedClusterView, headers: { ...locationHeader('the operation'), ...etagHeader('the cluster') } })
  @ApiErrors(400, 403, 404, STATE_FORBIDS)
  repair(@CurrentPrincipal() principal: Principal, @Param('idOrName') idOrName: string, @Headers('if-match') ifMatch?: string): Promise<AcceptedClusterView> {
    return this.clusters.repair(principal, idOrName, ifMatch);
  }

  @Post(':idOrName/retry')
  @HttpCode(202)
  @LocatedAt(operationLocation)
  @SendsETag(acceptedClusterETag)
  @AcceptsIfMatch('cluster')
  @ApiOperation({ operationId: 'retryCluster', summary: 'Provision a FAILED cluster again' })
  @ApiAcceptedResponse({ type: AcceptedClusterView, headers: { ...locationHeader('the operation'), ...etagHeader('the cluster') } })
  @ApiErrors(400, 403, 404, STATE_FORBIDS)
  retry(@CurrentPrincipal() principal: Principal, @Param('idOrName') idOrName: string, @Headers('if-match') ifMatch?: string): Promise<AcceptedClusterView> {
    return this.clusters.retry(principal, idOrName, ifMatch);
  }

  @Delete(':idOrName')
  @HttpCode(202)
  @LocatedAt(operationLocation)
  @SendsETag(acceptedClusterETag)
  @AcceptsIfMatch('cluster')
  @ApiOperation({ operationId: 'deleteCluster', summary: 'Tear the cluster down; cancels a running create or scale first' })
  @ApiAcceptedResponse({ type: AcceptedClusterView, headers: { ...locationHeader('the operation'), ...etagHeader('the cluster') } })
  @ApiErrors(400, 403, 404, STATE_FORBIDS)
  delete(@CurrentPrincipal() principal: Principal, @Param('idOrName') idOrName: string, @Headers('if-match') ifMatch?: string): Promise<AcceptedClusterView> {
    return this.clusters.delete(principal, idOrName, ifMatch);
  }
}
