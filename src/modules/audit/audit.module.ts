import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditController } from './audit.controller';
import { AuditInterceptor } from './audit.interceptor';
import { AuditLogService } from './audit-log.service';
import { AuditRecorder } from './audit-recorder';

/** The audit log. Its middleware is installed by bootstrap, ahead of body parsing. */
@Module({
  controllers: [AuditController],
  providers: [AuditRecorder, AuditLogService, { provide: APP_INTERCEPTOR, useClass: AuditInterceptor }],
  exports: [AuditRecorder],
})
export class AuditModule {}
