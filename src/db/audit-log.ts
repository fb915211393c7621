import type { Db } from './schema.js';

/** Who did it: a person, an API token, or Parley itself (retention, erasure by the worker). */
export interface AuditActor {
  type: 'user' | 'token' | 'system';
  id: string | null;
}

export const AUDIT_ACTIONS = [
  'contact.viewed',
  'contact.updated',
  'contact.merged',
  'contact.split',
  'contact.exported',
  'contact.erased',
  'consent.recorded',
  'message.redacted',
  'conversation.viewed',
  'channel.created',
  'channel.updated',
  'user.created',
  'user.updated',
  'user.role_changed',
  'token.created',
  'token.revoked',
  'retention.updated',
  'retention.applied',
  'audit_log.exported',
  'user.invited',
  'user.invite_revoked',
  'user.password_reset',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  action: AuditAction;
  targetType: string;
  targetId: string | null;
  /** Ids, counts and field names only: the log must never hold the personal data it guards. */
  metadata?: Record<string, string | number | boolean | null | string[]>;
}

export interface AuditDto {
  id: string;
  actorType: AuditActor['type'];
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  metadata: Record<string, unknown>;
  createdAt: string;
}

/** Appends one entry; written in the caller's transaction so a change and its record stand or fall together. */
export async function recordAudit(db: Db, workspaceId: string, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('auditLog')
    .values({
      workspaceId,
      actorType: actor.type,
      actorId: actor.id,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      metadata: JSON.stringify(entry.metadata ?? {}),
    })
    .execute();
}

export interface AuditFilter {
  actions?: string[];
  actorId?: string;
  targetType?: string;
  targetId?: string;
  since?: string;
  until?: string;
  /** Entries older than this id: the keyset of the newest-first order. */
  beforeId?: string;
  limit: number;
}

/** Newest first. */
export async function findAuditEntries(db: Db, workspaceId: string, f: AuditFilter): Promise<AuditDto[]> {
  let q = db
    .selectFrom('auditLog')
    .select(['id', 'actorType', 'actorId', 'action', 'targetType', 'targetId', 'metadata', 'createdAt'])
    .where('workspaceId', '=', workspaceId);
  if (f.actions && f.actions.length > 0) q = q.where('action', 'in', f.actions);
  if (f.actorId) q = q.where('actorId', '=', f.actorId);
  if (f.targetType) q = q.where('targetType', '=', f.targetType);
  if (f.targetId) q = q.where('targetId', '=', f.targetId);
  if (f.since) q = q.where('createdAt', '>=', new Date(f.since));
  if (f.until) q = q.where('createdAt', '<', new Date(f.until));
  if (f.beforeId) q = q.where('id', '<', f.beforeId);
  const rows = await q.orderBy('id', 'desc').limit(f.limit).execute();
  return rows.map((r) => ({ ...r, id: String(r.id), createdAt: r.createdAt.toISOString() }));
}

/** Everything a contact's audit trail holds: entries about the contact and about its conversations. */
export async function auditTrailOf(db: Db, workspaceId: string, contactId: string, conversationIds: string[]): Promise<AuditDto[]> {
  const rows = await db
    .selectFrom('auditLog')
    .select(['id', 'actorType', 'actorId', 'action', 'targetType', 'targetId', 'metadata', 'createdAt'])
    .where('workspaceId', '=', workspaceId)
    .where((eb) =>
      eb.or([
        eb.and([eb('targetType', '=', 'contact'), eb('targetId', '=', contactId)]),
        ...(conversationIds.length > 0 ? [eb.and([eb('targetType', '=', 'conversation'), eb('targetId', 'in', conversationIds)])] : []),
      ]),
    )
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, id: String(r.id), createdAt: r.createdAt.toISOString() }));
}
