import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsString, Matches, ValidateNested } from 'class-validator';

export const NODE_EVENTS = ['ready', 'health'] as const;
export const REPORTED_STATUSES = ['starting', 'running', 'stopped', 'failed', 'unknown'] as const;

export class ReportedComponentDto {
  @ApiProperty({ example: 'DATANODE', pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/)
  name: string;

  @ApiProperty({ enum: REPORTED_STATUSES })
  @IsIn(REPORTED_STATUSES)
  status: (typeof REPORTED_STATUSES)[number];
}

/** What a node's user_data posts: readiness once its containers run, then periodic health. */
export class NodeReportDto {
  @ApiProperty({ enum: NODE_EVENTS, description: 'ready once the containers run, then health' })
  @IsIn(NODE_EVENTS)
  event: (typeof NODE_EVENTS)[number];

  @ApiProperty({ type: [ReportedComponentDto], maxItems: 64 })
  @IsArray()
  @ArrayMaxSize(64)
  @ValidateNested({ each: true })
  @Type(() => ReportedComponentDto)
  components: ReportedComponentDto[];
}
