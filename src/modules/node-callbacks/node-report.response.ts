import { ApiProperty } from '@nestjs/swagger';

/** All a node learns from its report: nothing about any other node. */
export class NodeReportResult {
  @ApiProperty({ description: 'false when the report repeats the state already recorded' }) changed: boolean;
}
