import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export const CREDENTIAL_NAME = /^(?![0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$)[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/i;
const NAME_RULE = "must be 1-63 letters, digits, '.', '_' or '-', start with a letter or digit, and not look like a UUID";
const PARAMETERS_DOC = "The provider's parameters, valid against its credential schema (GET /v1/providers). Secret fields are encrypted at rest and answered as \"********\".";

export class CreateCredentialDto {
  @ApiProperty({ example: 'sim-fast' })
  @IsString()
  @Matches(CREDENTIAL_NAME, { message: NAME_RULE })
  name: string;

  @ApiProperty({ example: 'sim', description: 'A provider kind from GET /v1/providers' })
  @IsString()
  @MaxLength(64)
  provider: string;

  @ApiPropertyOptional({ example: 'default', description: 'Required when the kind has several variants' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  variant?: string;

  @ApiProperty({ example: { latencyMs: 20, accessToken: 's3cr3t' }, description: PARAMETERS_DOC, type: 'object', additionalProperties: true })
  @IsObject()
  parameters: Record<string, unknown>;
}

export class UpdateCredentialDto {
  @ApiProperty({
    description: `${PARAMETERS_DOC} Replaces every parameter; a secret field sent as "********" keeps its stored value.`,
    type: 'object',
    additionalProperties: true,
  })
  @IsObject()
  parameters: Record<string, unknown>;
}
