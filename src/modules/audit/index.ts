export { AuditEntry } from './audit-entry.entity';
export { AuditRecorder } from './audit-recorder';
export { AuditModule } from './audit.module';
