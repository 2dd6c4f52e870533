import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Role, ROLES } from '../role';

class MeTenant {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

class MeKey {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'herd_Ab3dE6g' }) prefix: string;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) expiresAt: string | null;
}

/** Who the presented key is. */
export class MeView {
  @ApiProperty({ type: MeTenant }) tenant: MeTenant;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ type: MeKey }) key: MeKey;
}
