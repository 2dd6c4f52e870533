import { ApiProperty } from '@nestjs/swagger';
import { Role, ROLES } from '../role';

class MeTenant {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'analytics-team' }) name: string;
}

class MeKey {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'herd_Ab3dE6g' }) prefix: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null: the key never expires' }) expiresAt: string | null;
}

/** Who the presented key is. */
export class MeView {
  @ApiProperty({ type: MeTenant }) tenant: MeTenant;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ type: MeKey }) key: MeKey;
}
