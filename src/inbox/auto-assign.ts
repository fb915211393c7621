import { notHeldByBot } from '../kb/bot/bot-hold.js';
import { sql, type Kysely } from 'kysely';
import { getConversation } from '../db/conversations.js';
import { recordHistory, SYSTEM } from '../db/history.js';
import { enqueueEvents } from '../db/outbox.js';
import type { Database, Db } from '../db/schema.js';
import { recordAssignment, routeConversation, routingState } from '../domain/assignment.js';
import type { ContactHistory } from '../domain/routing-sticky-owner.js';
import { type Agent, priorityRank, type RoutingRequest, tierOf } from '../domain/routing-types.js';
import { agentSnapshot, type StoredAgent } from './routing-snapshot.js';

/** The most waiting conversations one round looks at; the next round takes the rest. */
const ROUND = 500;
/** Conversations without a team wait in the workspace's general queue, which every agent serves. */
const GENERAL_QUEUE = '';


/**
 * Assigns a workspace's waiting conversations (open, nobody assigned) to online agents with room:
 * the fixed contact person first where the customer has one, otherwise the least-loaded eligible
 * agent, ties in turn. Conversations nobody can take stay waiting for the next round, which runs
 * whenever a message arrives, an agent comes online or a conversation is closed. One round per
 * workspace at a time (an advisory lock), so two processes never hand one conversation out twice.
 */
export async function assignWaiting(db: Kysely<Database>, workspaceId: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`routing:${workspaceId}`}))`.execute(trx);
    const waiting = await trx
      .selectFrom('conversations as c')
      .innerJoin('channels as ch', 'ch.id', 'c.channelId')
      .select(['c.id', 'c.teamId', 'c.tier', 'c.priority', 'c.language', 'c.category', 'c.createdAt', 'c.contactId', 'ch.type as channelType'])
      .where('c.workspaceId', '=', workspaceId)
      .where('c.assigneeId', 'is', null)
      .where('c.status', '=', 'open')
      .where(notHeldByBot)
      .orderBy('c.createdAt')
      .limit(ROUND)
      .execute();
    if (waiting.length === 0) return 0;
    const products = await productsOf(trx, workspaceId, waiting.map((w) => w.id));
    const snapshot = await agentSnapshot(trx, workspaceId);
    if (snapshot.agents.length === 0) return 0;
    const agents = onlineAgents(snapshot.agents, waiting, [...new Set(products.values())]);
    let state = routingState({ load: await currentLoad(trx, workspaceId), teams: snapshot.teams });
    const histories = await contactHistories(trx, workspaceId, waiting.map((w) => w.contactId));

    const requests: (RoutingRequest & { contactId: string })[] = waiting.map((w) => ({
      conversationId: w.id,
      contactId: w.contactId,
      teamId: w.teamId ?? GENERAL_QUEUE,
      channel: w.channelType,
      channelType: w.channelType,
      language: w.language,
      tier: tierOf(w.tier),
      category: w.category,
      product: products.get(w.id) ?? null,
      priority: w.priority,
      waitingSince: w.createdAt,
    }));
    // Most urgent first, then longest waiting: the order a queue is served in.
    requests.sort((a, b) => priorityRank(b.priority) - priorityRank(a.priority) || a.waitingSince.getTime() - b.waitingSince.getTime());
    let assigned = 0;
    for (const req of requests) {
      const decision = routeConversation(req, agents, state, histories.get(req.contactId) ?? null);
      if (decision.notifyOwner) await notifyOwner(trx, workspaceId, req.conversationId, decision.notifyOwner);
      if (decision.type !== 'assign') continue;
      const updated = await trx
        .updateTable('conversations')
        .set({ assigneeId: decision.agentId, updatedAt: sql<Date>`now()` })
        .where('id', '=', req.conversationId)
        .where('assigneeId', 'is', null)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) continue;
      await recordHistory(trx, workspaceId, req.conversationId, SYSTEM, 'assigneeId.changed', { from: null, to: decision.agentId, reason: decision.reason });
      const dto = await getConversation(trx, workspaceId, req.conversationId);
      await enqueueEvents(trx, [{ type: 'conversation.updated', workspaceId, data: { ...dto, changes: ['assigneeId'] } }]);
      state = recordAssignment(state, req, decision.agentId);
      assigned++;
    }
    return assigned;
  });
}

/** Online agents as routing sees them; an empty skill list means "any", filled from what waits. */
function onlineAgents(stored: readonly StoredAgent[], waiting: { language: string | null; category: string | null; channelType: string }[], products: string[]): Agent[] {
  const languages = [...new Set(waiting.flatMap((w) => (w.language ? [w.language] : [])))];
  const channelTypes = [...new Set(waiting.map((w) => w.channelType))];
  const categories = [...new Set(waiting.flatMap((w) => (w.category ? [w.category] : [])))];
  return stored.map((a) => ({
    id: a.id,
    teamIds: [GENERAL_QUEUE, ...a.teamIds],
    tier: a.tier,
    presence: 'online',
    languages: a.languages.length > 0 ? a.languages : languages,
    channels: a.channelTypes.length > 0 ? a.channelTypes : channelTypes,
    products: a.products.length > 0 ? a.products : products,
    categories: a.categories.length > 0 ? a.categories : categories,
    capacity: a.capacity,
  }));
}

/**
 * A conversation's product: one of its labels that names a product of the workspace's brand
 * profile (set by an agent or by a rule's `addLabels`). Lower case, as agents' product skills are compared.
 */
async function productsOf(trx: Db, workspaceId: string, conversationIds: string[]): Promise<Map<string, string>> {
  const ws = await trx.selectFrom('workspaces').select('brandProfile').where('id', '=', workspaceId).executeTakeFirstOrThrow();
  const known = new Set((ws.brandProfile.products ?? []).map((p) => p.toLowerCase()));
  if (known.size === 0 || conversationIds.length === 0) return new Map();
  const rows = await trx
    .selectFrom('conversationLabels as cl')
    .innerJoin('labels as l', 'l.id', 'cl.labelId')
    .select(['cl.conversationId', 'l.name'])
    .where('cl.conversationId', 'in', conversationIds)
    .orderBy('l.name')
    .execute();
  const out = new Map<string, string>();
  for (const r of rows) if (!out.has(r.conversationId) && known.has(r.name.toLowerCase())) out.set(r.conversationId, r.name.toLowerCase());
  return out;
}

/**
 * The fixed contact person is told, once per conversation, that their customer is waiting while
 * they cannot take it: a stream event for their app and an entry in the conversation's history.
 */
async function notifyOwner(trx: Db, workspaceId: string, conversationId: string, ownerId: string): Promise<void> {
  const told = await trx.selectFrom('conversationEvents').select('id').where('conversationId', '=', conversationId).where('type', '=', 'owner.notified').executeTakeFirst();
  if (told) return;
  await recordHistory(trx, workspaceId, conversationId, SYSTEM, 'owner.notified', { ownerId });
  await enqueueEvents(trx, [{ type: 'notification', workspaceId, data: { kind: 'owner', userIds: [ownerId], conversationId } }]);
}

/** Open and pending conversations per agent and channel type: what capacity is measured against. */
async function currentLoad(trx: Db, workspaceId: string): Promise<Record<string, Record<string, number>>> {
  const rows = await trx
    .selectFrom('conversations as c')
    .innerJoin('channels as ch', 'ch.id', 'c.channelId')
    .select(['c.assigneeId', 'ch.type', sql<number>`count(*)::int`.as('n')])
    .where('c.workspaceId', '=', workspaceId)
    .where('c.assigneeId', 'is not', null)
    .where('c.status', 'in', ['open', 'pending'])
    .groupBy(['c.assigneeId', 'ch.type'])
    .execute();
  const load: Record<string, Record<string, number>> = {};
  for (const r of rows) if (r.assigneeId) load[r.assigneeId] = { ...load[r.assigneeId], [r.type]: r.n };
  return load;
}

/** Each contact's last handled conversation: its agent and tier, and whether the contact is a VIP. */
async function contactHistories(trx: Db, workspaceId: string, contactIds: string[]): Promise<Map<string, ContactHistory>> {
  const rows = await trx
    .selectFrom('conversations as c')
    .innerJoin('contacts as k', 'k.id', 'c.contactId')
    .distinctOn('c.contactId')
    .select(['c.contactId', 'c.assigneeId', 'c.tier', 'c.status', 'k.tags'])
    .where('c.workspaceId', '=', workspaceId)
    .where('c.contactId', 'in', contactIds)
    .where('c.assigneeId', 'is not', null)
    .orderBy('c.contactId')
    .orderBy('c.lastMessageAt', 'desc')
    .execute();
  const histories = new Map<string, ContactHistory>();
  for (const r of rows) {
    if (!r.assigneeId) continue;
    histories.set(r.contactId, {
      ownerId: r.assigneeId,
      previousTier: tierOf(r.tier),
      vip: r.tags.some((tag) => tag.toLowerCase() === 'vip'),
      openHardCase: r.tier >= 2 && (r.status === 'open' || r.status === 'pending'),
    });
  }
  return histories;
}

/** Workspaces with conversations waiting and someone online to take them. */
export async function workspacesToRoute(db: Kysely<Database>): Promise<string[]> {
  // One index probe per workspace with someone online, rather than a pass over every waiting
  // conversation (LIMIT 1 keeps PostgreSQL from turning the probe into such a pass).
  const rows = await sql<{ workspaceId: string }>`
    SELECT w.workspace_id FROM (SELECT DISTINCT workspace_id FROM agent_profiles WHERE presence = 'online') w
    CROSS JOIN LATERAL (SELECT 1 FROM conversations c WHERE c.workspace_id = w.workspace_id AND c.assignee_id IS NULL AND c.status = 'open' LIMIT 1) waiting`.execute(db);
  return rows.rows.map((r) => r.workspaceId);
}
