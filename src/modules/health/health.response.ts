import { ApiProperty } from '@nestjs/swagger';

export class LivenessView {
  @ApiProperty({ enum: ['ok'] }) status: 'ok';
}

/** Ready means both answered; otherwise the answer is a 503 naming the one that did not. */
export class ReadinessView {
  @ApiProperty({ enum: ['ok'] }) status: 'ok';
  @ApiProperty({ enum: ['up'] }) postgres: 'up';
  @ApiProperty({ enum: ['up'] }) redis: 'up';
}
