import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { WEBHOOK_KIND_NAMES, type WebhookKind } from '../webhook-kinds';

export class CreateWebhookDto {
  @ApiProperty({ example: 'https://hooks.example.com/herd', description: 'http or https; checked against the egress policy now and at every delivery' })
  @IsString()
  @MaxLength(2048)
  url: string;

  @ApiProperty({ enum: WEBHOOK_KIND_NAMES, isArray: true, example: ['cluster.status', 'operation.failed'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_KIND_NAMES.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_KIND_NAMES, { each: true })
  kinds: WebhookKind[];

  @ApiPropertyOptional({ example: 'Pager for failed operations' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;
}

export class UpdateWebhookDto {
  @ApiPropertyOptional({ example: 'https://hooks.example.com/herd' })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  url?: string;

  @ApiPropertyOptional({ enum: WEBHOOK_KIND_NAMES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_KIND_NAMES.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_KIND_NAMES, { each: true })
  kinds?: WebhookKind[];

  @ApiPropertyOptional({ description: 'true enables again a webhook herd disabled after failures (the failure count starts over)' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ example: 'Pager for failed operations' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;
}
