import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class CreateBlueprintQuery {
  @ApiPropertyOptional({ description: 'Names an Ambari-form blueprint, as Ambari\'s POST /blueprints/:name does; exported blueprints carry no name of their own. Wins over Blueprints.blueprint_name and the Cloudbreak name.', example: 'etl-cluster' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  name?: string;
}
