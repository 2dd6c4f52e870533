import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CREDENTIAL_NAME } from './credential-input.dto';

const MAX_FILE = 256 * 1024;

/** A credential given as the user's own file for the backend's tools: an OpenStack clouds.yaml or openrc. */
export class ImportCredentialDto {
  @ApiProperty({ example: 'my-cloud' })
  @IsString()
  @Matches(CREDENTIAL_NAME, { message: "must be 1-63 letters, digits, '.', '_' or '-', start with a letter or digit, and not look like a UUID" })
  name: string;

  @ApiProperty({ example: 'openstack', description: "a provider whose adapter reads credential files (built in: openstack); another is refused naming `provider`" })
  @IsString()
  @MaxLength(64)
  provider: string;

  @ApiProperty({ example: 'nova', description: 'nova, heat or magnum' })
  @IsString()
  @MaxLength(64)
  variant: string;

  @ApiProperty({ enum: ['clouds.yaml', 'openrc'] })
  @IsIn(['clouds.yaml', 'openrc'])
  format: 'clouds.yaml' | 'openrc';

  @ApiProperty({ description: 'The file as text' })
  @IsString()
  @MaxLength(MAX_FILE)
  content: string;

  @ApiPropertyOptional({ description: 'The clouds.yaml entry to import (required for clouds.yaml)' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  cloud?: string;

  @ApiPropertyOptional({ description: 'secure.yaml, whose entries override clouds.yaml' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_FILE)
  secureContent?: string;

  @ApiPropertyOptional({ description: 'The password, when the openrc prompts for it' })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  password?: string;
}
