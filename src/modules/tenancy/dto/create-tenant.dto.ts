import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';

export const TENANT_NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export class CreateTenantDto {
  @ApiProperty({ example: 'analytics-team', pattern: TENANT_NAME.source, maxLength: 63 })
  @IsString()
  @Matches(TENANT_NAME, { message: 'must be 1-63 lowercase letters, digits or "-", starting and ending with a letter or digit' })
  name: string;
}
