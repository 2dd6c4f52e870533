import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ApiErrors, type Page, pageOfAll, PageQuery, PageResponse } from '../../common/http';
import { StackCatalog } from './stack-catalog.service';
import type { StackDefinition } from './stack.types';

class StackAliasDto {
  @ApiProperty({ example: 'HDP' }) name: string;
  @ApiProperty({ example: '2.6' }) version: string;
}

class ComponentHealthCheckDto {
  @ApiProperty({ example: 9870 }) port: number;
  @ApiProperty({ example: '/jmx' }) path: string;
}

class StackComponentDto {
  @ApiProperty({ example: 'NAMENODE' }) name: string;
  @ApiProperty({ example: 'HDFS' }) service: string;
  @ApiProperty({ enum: ['master', 'worker', 'client'] }) category: string;
  @ApiProperty({ example: '1-2', description: 'Ambari cardinality across the cluster' }) cardinality: string;
  @ApiProperty({ description: 'Whether herd runs this component as a container; others are accepted in blueprints only' }) runs: boolean;
  @ApiPropertyOptional({ example: 'apache/hadoop:3.3.6' }) image?: string;
  @ApiPropertyOptional({ example: [8020, 9870], type: [Number] }) ports?: number[];
  @ApiPropertyOptional({ type: ComponentHealthCheckDto, description: 'Where herd probes it' }) health?: ComponentHealthCheckDto;
  @ApiProperty({ example: ['ZOOKEEPER_SERVER'], type: [String], description: 'Components it needs' }) dependsOn: string[];
}

class StackDto {
  @ApiProperty({ example: 'HADOOP' }) name: string;
  @ApiProperty({ example: '2.7' }) version: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: [StackAliasDto], description: 'Other names blueprints may give the stack' }) aliases: StackAliasDto[];
  @ApiProperty({ type: [StackComponentDto] }) components: StackComponentDto[];
}

@ApiTags('stacks')
@ApiErrors(401, 429)
@Controller('v1/stacks')
export class StacksController {
  constructor(private readonly catalog: StackCatalog) {}

  @Get()
  @ApiOperation({ operationId: 'listStacks', summary: 'The stack catalog: every stack herd runs, its aliases and components, the built-in ones first, a page at a time' })
  @ApiOkResponse({ type: PageResponse(StackDto) })
  @ApiErrors(400)
  list(@Query() query: PageQuery): Page<StackDto> {
    return pageOfAll(this.catalog.list().map(toDto), query);
  }
}

function toDto(stack: StackDefinition): StackDto {
  return {
    name: stack.name,
    version: stack.version,
    description: stack.description,
    aliases: stack.aliases,
    components: Object.values(stack.components).map((c) => ({
      name: c.name,
      service: c.service,
      category: c.category,
      cardinality: c.cardinality,
      runs: c.process !== undefined,
      ...(c.process ? { image: c.process.image, ports: c.process.ports.map((p) => p.port), ...(c.process.health ? { health: c.process.health } : {}) } : {}),
      dependsOn: [...new Set(c.dependencies.map((d) => d.component))],
    })),
  };
}
