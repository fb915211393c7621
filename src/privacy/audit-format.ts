import type { AuditDto } from '../db/audit-log.js';

export const AUDIT_CSV_HEADER = 'id,created_at,actor_type,actor_id,action,target_type,target_id,metadata\r\n';

/**
 * One CSV field. Quoted when it must be, and a leading =, +, - or @ is defused so a spreadsheet
 * opening the export never runs it as a formula.
 */
export function csvField(value: string | null): string {
  if (value === null) return '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function auditCsvRow(e: AuditDto): string {
  return [e.id, e.createdAt, e.actorType, e.actorId, e.action, e.targetType, e.targetId, JSON.stringify(e.metadata)].map(csvField).join(',') + '\r\n';
}

export function auditJsonLine(e: AuditDto): string {
  return JSON.stringify(e) + '\n';
}
