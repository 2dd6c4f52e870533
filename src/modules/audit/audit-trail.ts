import type { Request } from 'express';

/** What the handler learns that the audit entry needs: the id of the object a create returned. */
export interface AuditTrail {
  createdId?: string;
}

export function auditTrailOf(req: Request): AuditTrail {
  const audited = req as Request & { audit?: AuditTrail };
  audited.audit ??= {};
  return audited.audit;
}
