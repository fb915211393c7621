import { sql, type Kysely } from 'kysely';
import { CONVERSATION_COLUMNS, getConversation, lockConversation, type ConversationDto } from '../db/conversations.js';
import { type Actor, recordHistory } from '../db/history.js';
import { getLabel } from '../db/labels.js';
import { enqueueEvents } from '../db/outbox.js';
import type { ConversationStatus, Database, Db, Priority } from '../db/schema.js';
import { getTeam } from '../db/teams.js';
import { getUser } from '../db/users.js';
import { runAutomation } from './automation.js';
import { pauseNextResponse, resumeNextResponse } from './next-response-clock.js';
import { setSlaClocks } from './sla-clocks.js';
import { AppError } from '../domain/errors.js';

export interface ConversationPatch {
  status?: ConversationStatus;
  priority?: Priority;
  tier?: 1 | 2 | 3;
  teamId?: string | null;
  assigneeId?: string | null;
  snoozedUntil?: string | null;
  /** Required when the tier or team changes, so the next person need not ask the customer again. */
  handoverNote?: string;
}

/** Applies an agent's change, records who changed what, and announces it. */
export async function updateConversation(db: Kysely<Database>, workspaceId: string, id: string, actor: Actor, patch: ConversationPatch): Promise<ConversationDto> {
  return db.transaction().execute(async (trx) => {
    const current = await lockConversation(trx, workspaceId, id);
    const tierChanged = patch.tier !== undefined && patch.tier !== current.tier;
    const teamChanged = patch.teamId !== undefined && patch.teamId !== current.teamId;
    if ((tierChanged || teamChanged) && !patch.handoverNote?.trim()) {
      throw new AppError('invalid', 'A handover note is required when the tier or team changes.', { field: 'handoverNote' });
    }
    if (patch.teamId) await getTeam(trx, workspaceId, patch.teamId);
    if (patch.assigneeId) {
      const user = await getUser(trx, workspaceId, patch.assigneeId);
      if (user.role === 'viewer' || user.disabledAt) throw new AppError('invalid', 'Conversations can be assigned only to active agents and admins.', { field: 'assigneeId' });
    }
    let status = patch.status;
    let snoozedUntil: Date | null | undefined;
    if (patch.snoozedUntil !== undefined) {
      snoozedUntil = patch.snoozedUntil === null ? null : new Date(patch.snoozedUntil);
      if (snoozedUntil && snoozedUntil.getTime() <= Date.now()) throw new AppError('invalid', 'Snooze until a time in the future.', { field: 'snoozedUntil' });
      if (snoozedUntil) status = 'snoozed';
    }
    if (status === 'snoozed' && !snoozedUntil && !current.snoozedUntil) {
      throw new AppError('invalid', 'Snoozing needs a time to wake up (snoozedUntil).', { field: 'snoozedUntil' });
    }
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    const note = (field: string, from: unknown, to: unknown) => {
      if (to !== undefined && from !== to) changes[field] = { from, to };
    };
    note('status', current.status, status);
    note('priority', current.priority, patch.priority);
    note('tier', current.tier, patch.tier);
    note('teamId', current.teamId, patch.teamId);
    note('assigneeId', current.assigneeId, patch.assigneeId);
    note('snoozedUntil', current.snoozedUntil?.toISOString() ?? null, snoozedUntil === undefined ? undefined : snoozedUntil?.toISOString() ?? null);
    if (Object.keys(changes).length === 0) return getConversation(trx, workspaceId, id);

    await trx
      .updateTable('conversations')
      .set({
        ...(status !== undefined && { status }),
        ...(status !== undefined && status !== 'snoozed' && { snoozedUntil: null }),
        ...(snoozedUntil !== undefined && { snoozedUntil }),
        ...(status === 'resolved' && current.status !== 'resolved' && { resolvedAt: sql<Date>`now()` }),
        ...(status === 'open' && { resolvedAt: null }),
        ...(patch.priority !== undefined && { priority: patch.priority }),
        ...(patch.tier !== undefined && { tier: patch.tier }),
        ...(patch.teamId !== undefined && { teamId: patch.teamId }),
        ...(patch.assigneeId !== undefined && { assigneeId: patch.assigneeId }),
        updatedAt: sql<Date>`now()`,
      })
      .where('id', '=', id)
      .execute();
    for (const [field, change] of Object.entries(changes)) {
      await recordHistory(trx, workspaceId, id, actor, `${field}.changed`, change);
    }
    // A new priority or tier may fall under another service level: the clocks restart from the conversation's start.
    if (changes.priority || changes.tier) {
      await setSlaClocks(trx, { ...current, ...(patch.priority && { priority: patch.priority }), ...(patch.tier && { tier: patch.tier }) }, current.createdAt);
    }
    if (patch.handoverNote?.trim() && (tierChanged || teamChanged)) {
      await addHandoverNote(trx, workspaceId, id, current.channelId, actor, patch.handoverNote.trim());
    }
    if (status === 'pending' || status === 'snoozed') await pauseNextResponse(trx, current, new Date());
    if (status === 'open') await resumeNextResponse(trx, current, new Date());
    await runAutomation(trx, workspaceId, id, ['conversation.updated'], actor.type === 'system' ? 'system' : 'agent');
    const dto = await getConversation(trx, workspaceId, id);
    await enqueueEvents(trx, [{ type: 'conversation.updated', workspaceId, data: { ...dto, changes } }]);
    return dto;
  });
}

async function addHandoverNote(trx: Db, workspaceId: string, conversationId: string, channelId: string, actor: Actor, text: string): Promise<void> {
  await trx
    .insertInto('messages')
    .values({
      workspaceId,
      conversationId,
      channelId,
      direction: 'note',
      authorUserId: actor.type === 'user' ? actor.id : null,
      text,
      attachments: '[]',
      visibility: 'private',
    })
    .execute();
  await trx
    .updateTable('conversations')
    .set({ messageCount: sql<number>`message_count + 1`, search: sql<string>`search || search_vector(NULL, ${text})` })
    .where('id', '=', conversationId)
    .execute();
  await recordHistory(trx, workspaceId, conversationId, actor, 'handover', { note: text });
}

export async function setConversationLabel(db: Kysely<Database>, workspaceId: string, id: string, actor: Actor, labelId: string, present: boolean): Promise<ConversationDto> {
  return db.transaction().execute(async (trx) => {
    await lockConversation(trx, workspaceId, id);
    const label = await getLabel(trx, workspaceId, labelId);
    const res = present
      ? await trx.insertInto('conversationLabels').values({ conversationId: id, labelId }).onConflict((oc) => oc.doNothing()).executeTakeFirst()
      : await trx.deleteFrom('conversationLabels').where('conversationId', '=', id).where('labelId', '=', labelId).executeTakeFirst();
    const changed = 'numInsertedOrUpdatedRows' in res ? Number(res.numInsertedOrUpdatedRows ?? 0n) > 0 : Number(res.numDeletedRows) > 0;
    if (changed) await runAutomation(trx, workspaceId, id, ['conversation.updated'], actor.type === 'system' ? 'system' : 'agent');
    const dto = await getConversation(trx, workspaceId, id);
    if (changed) {
      await trx.updateTable('conversations').set({ updatedAt: sql<Date>`now()` }).where('id', '=', id).execute();
      await recordHistory(trx, workspaceId, id, actor, present ? 'label.added' : 'label.removed', { label: label.name });
      await enqueueEvents(trx, [{ type: 'conversation.updated', workspaceId, data: { ...dto } }]);
    }
    return dto;
  });
}

/** Snoozed conversations whose time has come are opened again, their next-response clocks running on. */
export async function wakeSnoozed(db: Kysely<Database>): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const now = new Date();
    const woken = await trx
      .selectFrom('conversations')
      .select(CONVERSATION_COLUMNS)
      .where('status', '=', 'snoozed')
      .where('snoozedUntil', '<=', now)
      .forUpdate()
      .skipLocked()
      .execute();
    for (const c of woken) {
      await trx.updateTable('conversations').set({ status: 'open', snoozedUntil: null, updatedAt: now }).where('workspaceId', '=', c.workspaceId).where('id', '=', c.id).execute();
      await resumeNextResponse(trx, c, now);
      await recordHistory(trx, c.workspaceId, c.id, { type: 'system', id: null }, 'status.changed', { from: 'snoozed', to: 'open', reason: 'snooze ended' });
      await enqueueEvents(trx, [{ type: 'conversation.updated', workspaceId: c.workspaceId, data: { ...(await getConversation(trx, c.workspaceId, c.id)) } }]);
    }
    return woken.length;
  });
}
