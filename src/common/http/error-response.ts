import { ApiProperty } from '@nestjs/swagger';
import type { FieldProblem } from '../errors';

class FieldProblemDto implements FieldProblem {
  @ApiProperty({ example: 'host_groups[0].components[1].name' }) field: string;
  @ApiProperty({ example: 'is not a component of stack HDP 2.6' }) reason: string;
}

/** The one JSON shape of every error herd answers with. */
export class ErrorResponse {
  @ApiProperty({ example: 400 }) statusCode: number;
  @ApiProperty({ example: 'Bad Request' }) error: string;
  @ApiProperty({ example: 'host_groups[0].components[1].name: is not a component of stack HDP 2.6' }) message: string;
  @ApiProperty({ type: [FieldProblemDto] }) details: FieldProblem[];
  @ApiProperty({ example: '6f1c9f3e-6d0b-4f57-9b9b-1d1b3f0c2a7e' }) correlationId: string;
}
