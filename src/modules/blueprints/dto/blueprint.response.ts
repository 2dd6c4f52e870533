import { ApiProperty } from '@nestjs/swagger';
import type { NormalizedBlueprint } from '../blueprint.model';

class StackRefDto {
  @ApiProperty({ example: 'HDP' }) name: string;
  @ApiProperty({ example: '2.6' }) version: string;
}

class BlueprintHostGroupDto {
  @ApiProperty({ example: 'worker' }) name: string;
  @ApiProperty({ example: '1+', nullable: true, type: String, description: 'As written in the blueprint; a hint, node counts come with the cluster request' }) cardinality: string | null;
  @ApiProperty({ example: ['DATANODE', 'NODEMANAGER'], type: [String] }) components: string[];
}

export class BlueprintSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'hdp-small-default' }) name: string;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ description: 'Built-in blueprints are shared by every tenant and read-only' }) builtIn: boolean;
  @ApiProperty({ type: StackRefDto, description: 'The stack as the blueprint names it' }) stack: StackRefDto;
  @ApiProperty({ type: StackRefDto, description: 'The catalog stack it runs on (HDP 2.6 runs on HADOOP 2.7)' }) resolvedStack: StackRefDto;
  @ApiProperty({ type: [BlueprintHostGroupDto] }) hostGroups: BlueprintHostGroupDto[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class BlueprintDetail extends BlueprintSummary {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The Ambari blueprint document as submitted; POST it back as {"name", "ambariBlueprint"} to copy it' })
  ambariBlueprint: Record<string, unknown>;
}

export function toSummary(blueprint: NormalizedBlueprint): BlueprintSummary {
  return {
    id: blueprint.id,
    name: blueprint.name,
    description: blueprint.description,
    builtIn: blueprint.builtIn,
    stack: { name: blueprint.stack.name, version: blueprint.stack.version },
    resolvedStack: blueprint.resolvedStack,
    hostGroups: blueprint.hostGroups.map(({ name, cardinality, components }) => ({ name, cardinality, components })),
    createdAt: blueprint.createdAt.toISOString(),
  };
}

export function toDetail(blueprint: NormalizedBlueprint): BlueprintDetail {
  return { ...toSummary(blueprint), ambariBlueprint: blueprint.document };
}
