import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class LivenessView {
  @ApiProperty({ enum: ['ok'] }) status: 'ok';
}

/** Ready means every check passed; otherwise the answer is a 503 naming the ones that did not. */
export class ReadinessView {
  @ApiProperty({ enum: ['ok'] }) status: 'ok';
  @ApiProperty({ enum: ['up'] }) postgres: 'up';
  @ApiProperty({ enum: ['up'] }) redis: 'up';
  @ApiPropertyOptional({ enum: ['up'], description: 'Every queue consumer of this process runs; present in processes that consume queues (worker and all roles)' })
  consumers?: 'up';
}
