import type { ActorType, Db } from './schema.js';

export interface Actor {
  type: ActorType;
  id: string | null;
}

export const SYSTEM: Actor = { type: 'system', id: null };

/** Appends to a conversation's history: who changed what, when. */
export async function recordHistory(
  db: Db,
  workspaceId: string,
  conversationId: string,
  actor: Actor,
  type: string,
  data: Record<string, unknown> = {},
): Promise<void> {
  await db
    .insertInto('conversationEvents')
    .values({ workspaceId, conversationId, actorType: actor.type, actorId: actor.id, type, data: JSON.stringify(data) })
    .execute();
}

export async function listHistory(db: Db, workspaceId: string, conversationId: string) {
  return db
    .selectFrom('conversationEvents')
    .select(['id', 'actorType', 'actorId', 'type', 'data', 'createdAt'])
    .where('workspaceId', '=', workspaceId)
    .where('conversationId', '=', conversationId)
    .orderBy('id')
    .execute();
}
