import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional } from 'class-validator';
import { Role, ROLES } from '../role';

export class CreateApiKeyDto {
  @ApiProperty({ enum: ROLES, example: 'member' })
  @IsIn(ROLES, { message: `must be one of ${ROLES.join(', ')}` })
  role: Role;

  @ApiPropertyOptional({ format: 'date-time', example: '2027-01-31T00:00:00Z', description: 'The key stops working at this instant; never when absent.' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'must be an ISO 8601 date-time such as 2027-01-31T00:00:00Z' })
  expiresAt?: string;
}
