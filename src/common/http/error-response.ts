import { ApiProperty } from '@nestjs/swagger';
import { ERROR_CODES, type ErrorCode, type FieldProblem } from '../errors';

class FieldProblemDto implements FieldProblem {
  @ApiProperty({ example: 'host_groups[0].components[1].name' }) field: string;
  @ApiProperty({ example: 'is not a component of stack HDP 2.6' }) reason: string;
}

/** The one JSON shape of every error herd answers with. */
export class ErrorResponse {
  @ApiProperty({ example: 400 }) statusCode: number;
  @ApiProperty({ example: 'Bad Request', description: "The status's reason phrase; read `code` to tell errors apart" }) error: string;
  @ApiProperty({
    enum: ERROR_CODES,
    enumName: 'ErrorCode',
    example: 'VALIDATION_FAILED',
    description: 'What went wrong, stable across versions: a program acts on this, never on `message`',
  })
  code: ErrorCode;
  @ApiProperty({ example: 'host_groups[0].components[1].name: is not a component of stack HDP 2.6' }) message: string;
  @ApiProperty({ type: [FieldProblemDto] }) details: FieldProblem[];
  @ApiProperty({ example: '6f1c9f3e-6d0b-4f57-9b9b-1d1b3f0c2a7e' }) correlationId: string;
}
