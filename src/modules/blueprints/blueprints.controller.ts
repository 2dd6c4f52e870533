import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, LocatedAt, locationHeader, Page, PageQuery, PageResponse } from '../../common/http';
import { CurrentPrincipal, Principal } from '../tenancy';
import { BlueprintsService } from './blueprints.service';
import { BlueprintDetail, BlueprintSummary, toDetail, toSummary } from './dto/blueprint.response';
import { CreateBlueprintQuery } from './dto/create-blueprint.query';

const AMBARI_EXAMPLE = {
  Blueprints: { blueprint_name: 'small-hdfs-yarn', stack_name: 'HDP', stack_version: '2.6' },
  configurations: [{ 'hdfs-site': { properties: { 'dfs.replication': '2' } } }],
  host_groups: [
    { name: 'master', cardinality: '1', components: [{ name: 'NAMENODE' }, { name: 'RESOURCEMANAGER' }] },
    { name: 'worker', cardinality: '1+', components: [{ name: 'DATANODE' }, { name: 'NODEMANAGER' }] },
  ],
};

@ApiTags('blueprints')
@ApiErrors(401, 429)
@Controller('v1/blueprints')
export class BlueprintsController {
  constructor(private readonly blueprints: BlueprintsService) {}

  @Post()
  @HttpCode(201)
  @LocatedAt((blueprint: BlueprintDetail) => `/v1/blueprints/${blueprint.id}`)
  @ApiOperation({
    operationId: 'createBlueprint',
    summary: 'Import an Ambari blueprint',
    description:
      'Accepts the Ambari form as Ambari writes and exports it, or Cloudbreak\'s {"name", "description", "ambariBlueprint"} where ambariBlueprint is a JSON object, JSON text or base64 of that text. ' +
      'Problems answer 400 with the path of each one.',
  })
  @ApiBody({
    schema: {
      oneOf: [
        {
          type: 'object',
          description: 'Ambari form',
          required: ['Blueprints', 'host_groups'],
          additionalProperties: true,
          properties: {
            Blueprints: { type: 'object', additionalProperties: true },
            host_groups: { type: 'array', items: { type: 'object', additionalProperties: true } },
            configurations: { type: 'array', items: { type: 'object', additionalProperties: true } },
          },
        },
        {
          type: 'object',
          description: 'Cloudbreak form',
          required: ['name', 'ambariBlueprint'],
          additionalProperties: false,
          properties: { name: { type: 'string' }, description: { type: 'string' }, ambariBlueprint: { oneOf: [{ type: 'object', additionalProperties: true }, { type: 'string', description: 'JSON text or base64 of it' }] } },
        },
      ],
    },
    examples: {
      ambari: { value: AMBARI_EXAMPLE },
      cloudbreak: { value: { name: 'small-hdfs-yarn', description: 'HDFS and YARN', ambariBlueprint: AMBARI_EXAMPLE } },
    },
  })
  @ApiCreatedResponse({ type: BlueprintDetail, headers: locationHeader('the blueprint') })
  @ApiErrors(
    { status: 400, description: 'Malformed or invalid blueprint; details name each field' },
    403,
    { status: 409, description: 'The name is taken in this tenant or by a built-in blueprint' },
  )
  async create(@CurrentPrincipal() principal: Principal, @Body() body: unknown, @Query() query: CreateBlueprintQuery): Promise<BlueprintDetail> {
    return toDetail(await this.blueprints.create(principal, body, query.name));
  }

  @Get()
  @ApiOperation({ operationId: 'listBlueprints', summary: 'Built-in blueprints, then the tenant\'s own, a page at a time' })
  @ApiOkResponse({ type: PageResponse(BlueprintSummary) })
  @ApiErrors(400)
  async list(@CurrentPrincipal() principal: Principal, @Query() query: PageQuery): Promise<Page<BlueprintSummary>> {
    const page = await this.blueprints.list(principal, query);
    return { ...page, items: page.items.map(toSummary) };
  }

  @Get(':idOrName')
  @ApiOperation({ operationId: 'getBlueprint', summary: 'One blueprint, by id or name, with its Ambari document' })
  @ApiOkResponse({ type: BlueprintDetail })
  @ApiErrors(404)
  async get(@CurrentPrincipal() principal: Principal, @Param('idOrName') idOrName: string): Promise<BlueprintDetail> {
    return toDetail(await this.blueprints.resolve(principal, idOrName));
  }

  @Delete(':idOrName')
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteBlueprint', summary: 'Delete a blueprint no cluster uses' })
  @ApiNoContentResponse()
  @ApiErrors(
    400,
    { status: 403, description: "The key's role is too small, or the blueprint is built in (read-only)" },
    404,
    { status: 409, description: 'A cluster uses the blueprint' },
  )
  async delete(@CurrentPrincipal() principal: Principal, @Param('idOrName') idOrName: string): Promise<void> {
    await this.blueprints.delete(principal, idOrName);
  }
}
