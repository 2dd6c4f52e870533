import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { UuidParam } from '../../common/http';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '../tenancy';
import { CreateClusterDto, ListClustersQuery, ScaleHostGroupDto } from './cluster.dto';
import { ClustersService } from './clusters.service';
import { checkIdempotencyKey } from './idempotency';

const uuid = new UuidParam('cluster');

@ApiTags('clusters')
@Controller('v1/clusters')
export class ClustersController {
  constructor(private readonly clusters: ClustersService) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'Request a cluster; workers provision it. Answers with the cluster and its operation id.' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Same key and body return the same cluster' })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateClusterDto, @Headers('idempotency-key') key?: string) {
    return this.clusters.create(principal, body, checkIdempotencyKey(key));
  }

  @Post('validate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Dry run of a create: blueprint, cardinality, credential, quota and provider pre-flight' })
  validate(@CurrentPrincipal() principal: Principal, @Body() body: CreateClusterDto) {
    return this.clusters.validate(principal, body);
  }

  @Get()
  @ApiOperation({ summary: 'List clusters, newest first; DELETED ones only when asked with ?status=DELETED' })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListClustersQuery) {
    return this.clusters.list(principal, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A cluster with status, health, current step, host groups and nodes' })
  get(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string) {
    return this.clusters.get(principal, id);
  }

  @Put(':id/host-groups/:name')
  @HttpCode(202)
  @ApiOperation({ summary: 'Scale a host group to nodeCount' })
  scale(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string, @Param('name') name: string, @Body() body: ScaleHostGroupDto) {
    return this.clusters.scale(principal, id, name, body.nodeCount);
  }

  @Post(':id/stop')
  @HttpCode(202)
  stop(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string) {
    return this.clusters.stop(principal, id);
  }

  @Post(':id/start')
  @HttpCode(202)
  start(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string) {
    return this.clusters.start(principal, id);
  }

  @Post(':id/repair')
  @HttpCode(202)
  @ApiOperation({ summary: 'Replace the nodes in ERROR, start stopped ones and launch missing ones, keeping the healthy nodes' })
  repair(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string) {
    return this.clusters.repair(principal, id);
  }

  @Post(':id/retry')
  @HttpCode(202)
  @ApiOperation({ summary: 'Provision a FAILED cluster again' })
  retry(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string) {
    return this.clusters.retry(principal, id);
  }

  @Delete(':id')
  @HttpCode(202)
  @ApiOperation({ summary: 'Tear the cluster down; cancels a running create or scale first' })
  delete(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string) {
    return this.clusters.delete(principal, id);
  }
}
