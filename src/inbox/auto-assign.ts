import { type CompiledQuery, type InferResult, type Kysely, sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { type ConversationRow, RETURNING_CONVERSATION_ROW, toConversationDto } from '../db/conversations.js';
import { enqueueEvents, type EventInput } from '../db/outbox.js';
import type { Database, Db } from '../db/schema.js';
import { recordAssignment, routeConversation, routingState } from '../domain/assignment.js';
import { AppError } from '../domain/errors.js';
import type { ContactHistory } from '../domain/routing-sticky-owner.js';
import { type Agent, priorityRank, tierOf } from '../domain/routing-types.js';
import { notHeldByBot } from '../kb/bot/bot-hold.js';
import { agentSnapshot, type StoredAgent } from './routing-snapshot.js';

/** The most waiting conversations one round looks at; the next round takes the rest. */
const ROUND = 500;
/** Conversations without a team wait in the workspace's general queue, which every agent serves. */
const GENERAL_QUEUE = '';

/**
 * Assigns a workspace's waiting conversations (open, nobody assigned) to online agents with room,
 * in a transaction of its own: the worker's round, run whenever a conversation changes, an agent
 * comes online or the safety-net timer fires.
 */
export async function assignWaiting(db: Kysely<Database>, workspaceId: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const events = await assignRound(trx, workspaceId);
    await enqueueEvents(trx, events);
    return events.filter((e) => e.type === 'conversation.updated').length;
  });
}

/**
 * One assignment round inside the caller's transaction: the fixed contact person first where the
 * customer has one, otherwise the least-loaded eligible agent, ties in turn. Conversations nobody
 * can take stay waiting for the next round. One round per workspace at a time (an advisory lock,
 * held to the commit), so two processes never hand one conversation out twice or fill an agent
 * beyond capacity. After the lock a round costs two statements, whatever it assigns: one read and
 * one write. It returns the events announcing what it did, which the caller writes with its own
 * (one statement for all): the inbound pipeline runs it in the transaction that stores the
 * messages (`storeInbound`), so a new conversation is stored, assigned and announced in one commit.
 */
export async function assignRound(trx: Db, workspaceId: string): Promise<EventInput[]> {
  // Locked only where someone is online: a workspace nobody serves right now costs the inbound
  // path one indexed look and no wait for other rounds.
  const { rows: locked } = await sql`SELECT pg_advisory_xact_lock(hashtext(${`routing:${workspaceId}`})) WHERE EXISTS (SELECT 1 FROM agent_profiles WHERE workspace_id = ${workspaceId} AND presence = 'online')`.execute(trx);
  if (locked.length === 0) return [];
  const queue = await readQueue(trx, workspaceId);
  if (queue.waiting.length === 0) return [];
  const snapshot = await agentSnapshot(trx, workspaceId, queue.version);
  if (snapshot.agents.length === 0) return [];
  const known = new Set(queue.products.map((p) => p.toLowerCase()));
  const products = new Map<string, string>();
  for (const l of queue.labels) if (!products.has(l.conversationId) && known.has(l.name.toLowerCase())) products.set(l.conversationId, l.name.toLowerCase());
  const agents = onlineAgents(snapshot.agents, queue.waiting, [...new Set(products.values())]);
  const load: Record<string, Record<string, number>> = {};
  for (const r of queue.load) if (r.assigneeId) load[r.assigneeId] = { ...load[r.assigneeId], [r.type]: r.n };
  let state = routingState({ load, teams: snapshot.teams });
  const histories = contactHistories(queue.histories);

  const requests = queue.waiting.map((w) => ({
    conversationId: w.id,
    contactId: w.contactId,
    ownerNotified: w.ownerNotified,
    teamId: w.teamId ?? GENERAL_QUEUE,
    channel: w.channelType,
    channelType: w.channelType,
    language: w.language,
    tier: tierOf(w.tier),
    category: w.category,
    product: products.get(w.id) ?? null,
    priority: w.priority,
    waitingSince: new Date(w.waitingSinceMs),
  }));
  // Most urgent first, then longest waiting: the order a queue is served in.
  requests.sort((a, b) => priorityRank(b.priority) - priorityRank(a.priority) || a.waitingSince.getTime() - b.waitingSince.getTime());
  const seenAt = new Map(queue.waiting.map((w) => [w.id, w.seenAt]));
  const assignments: Assignment[] = [];
  const notices: Notice[] = [];
  for (const req of requests) {
    const decision = routeConversation(req, agents, state, histories.get(req.contactId) ?? null);
    if (decision.notifyOwner && !req.ownerNotified) notices.push({ conversationId: req.conversationId, ownerId: decision.notifyOwner });
    if (decision.type !== 'assign') continue;
    assignments.push({ conversationId: req.conversationId, agentId: decision.agentId, reason: decision.reason, seenAt: seenAt.get(req.conversationId) ?? '' });
    state = recordAssignment(state, req, decision.agentId);
  }
  return storeRound(trx, workspaceId, assignments, notices);
}

interface Assignment {
  conversationId: string;
  agentId: string;
  reason: string;
  /** The conversation's last change as the round read it. */
  seenAt: string;
}

interface Notice {
  conversationId: string;
  ownerId: string;
}

const compiledQueues = new Map<string, CompiledQuery<QueueRow>>();

type QueueRow = InferResult<ReturnType<typeof queueStatement>>[number];

/**
 * Everything a round reads, in one statement after the lock: the waiting conversations in the
 * order they have waited, their labels, the routing version, the brand's products, the load per
 * agent and channel type (open and pending conversations: what capacity is measured against) and
 * the waiting contacts' last handled conversations.
 */
async function readQueue(trx: Db, workspaceId: string) {
  // Building and compiling the statement costs about as much as PostgreSQL takes to run it, and only
  // the workspace differs from round to round: it is compiled once per workspace.
  const compiled = compiledQueues.get(workspaceId) ?? queueStatement(trx, workspaceId).compile();
  compiledQueues.set(workspaceId, compiled);
  const [row] = (await trx.executeQuery(compiled)).rows;
  if (!row) throw new AppError('unavailable', 'The assignment queue could not be read.');
  return { ...row, version: row.version ?? '0', products: row.products ?? [] };
}

function queueStatement(trx: Db, workspaceId: string) {
  return trx
    .with('waiting', (db) =>
      db
        .selectFrom('conversations as c')
        .innerJoin('channels as ch', 'ch.id', 'c.channelId')
        .select((eb) => [
          'c.id',
          'c.teamId',
          'c.tier',
          'c.priority',
          'c.language',
          'c.category',
          'c.contactId',
          'ch.type as channelType',
          // Read as a number: the row travels as JSON, where a timestamp would arrive as text.
          sql<number>`(extract(epoch FROM c.created_at) * 1000)::float8`.as('waitingSinceMs'),
          // As text, exact to the microsecond: the write assigns only rows nobody changed since.
          sql<string>`c.updated_at::text`.as('seenAt'),
          eb.exists(eb.selectFrom('conversationEvents as e').select('e.id').whereRef('e.conversationId', '=', 'c.id').where('e.type', '=', 'owner.notified')).as('ownerNotified'),
        ])
        .where('c.workspaceId', '=', workspaceId)
        .where('c.assigneeId', 'is', null)
        .where('c.status', '=', 'open')
        .where(notHeldByBot)
        .orderBy('c.createdAt')
        .limit(ROUND),
    )
    .selectNoFrom((eb) => [
      eb.selectFrom('routingVersions').select('version').where('workspaceId', '=', workspaceId).as('version'),
      eb.selectFrom('workspaces').select(sql<string[] | null>`brand_profile -> 'products'`.as('products')).where('id', '=', workspaceId).as('products'),
      jsonArrayFrom(eb.selectFrom('waiting').selectAll()).as('waiting'),
      jsonArrayFrom(
        eb
          .selectFrom('conversationLabels as cl')
          .innerJoin('labels as l', 'l.id', 'cl.labelId')
          .select(['cl.conversationId', 'l.name'])
          .where('cl.conversationId', 'in', eb.selectFrom('waiting').select('id'))
          .orderBy('l.name'),
      ).as('labels'),
      // Counted per channel from the index of open work, then named by channel type: a channel
      // looked up per group, not per conversation.
      jsonArrayFrom(
        eb
          .selectFrom((q) =>
            q
              .selectFrom('conversations as c')
              .select(['c.assigneeId', 'c.channelId', sql<number>`count(*)::int`.as('n')])
              .where('c.workspaceId', '=', workspaceId)
              .where('c.assigneeId', 'is not', null)
              .where('c.status', 'in', ['open', 'pending'])
              .groupBy(['c.assigneeId', 'c.channelId'])
              .as('g'),
          )
          .innerJoin('channels as ch', 'ch.id', 'g.channelId')
          .select(['g.assigneeId', 'ch.type', sql<number>`sum(g.n)::int`.as('n')])
          .groupBy(['g.assigneeId', 'ch.type']),
      ).as('load'),
      jsonArrayFrom(
        eb
          .selectFrom('conversations as c')
          .innerJoin('contacts as k', 'k.id', 'c.contactId')
          .distinctOn('c.contactId')
          .select(['c.contactId', 'c.assigneeId', 'c.tier', 'c.status', 'k.tags'])
          .where('c.workspaceId', '=', workspaceId)
          .where('c.contactId', 'in', eb.selectFrom('waiting').select('contactId'))
          .where('c.assigneeId', 'is not', null)
          .orderBy('c.contactId')
          .orderBy('c.lastMessageAt', 'desc'),
      ).as('histories'),
    ]);
}

/**
 * Stores a round's decisions in one statement (assignee, history entries, owner notices) and
 * returns the events announcing them. A conversation another transaction holds is skipped rather than
 * waited for: that transaction may be an inbound one about to run its own round, which waits for
 * this round's lock, so waiting here could deadlock. It is routed by that round or the next. So is
 * a conversation changed since the round read it (moved to another team or tier, say): the
 * decision was made for what it was then.
 */
async function storeRound(trx: Db, workspaceId: string, assignments: Assignment[], notices: Notice[]): Promise<EventInput[]> {
  if (assignments.length === 0 && notices.length === 0) return [];
  const { rows } = await sql<ConversationRow>`
    WITH chosen AS (
      SELECT * FROM unnest(${assignments.map((a) => a.conversationId)}::uuid[], ${assignments.map((a) => a.agentId)}::uuid[], ${assignments.map((a) => a.reason)}::text[], ${assignments.map((a) => a.seenAt)}::timestamptz[]) AS v(id, agent_id, reason, seen_at)
    ), free AS (
      SELECT c.id FROM conversations c JOIN chosen v ON v.id = c.id
      WHERE c.workspace_id = ${workspaceId} AND c.assignee_id IS NULL AND c.status = 'open' AND c.updated_at = v.seen_at
      FOR UPDATE OF c SKIP LOCKED
    ), assigned AS (
      UPDATE conversations c SET assignee_id = v.agent_id, updated_at = now()
      FROM chosen v JOIN free f ON f.id = v.id
      WHERE c.id = v.id
      RETURNING ${RETURNING_CONVERSATION_ROW}, v.reason
    ), history AS (
      INSERT INTO conversation_events (workspace_id, conversation_id, actor_type, actor_id, type, data)
      SELECT ${workspaceId}::uuid, a.id, 'system', NULL::uuid, 'assigneeId.changed', jsonb_build_object('from', NULL, 'to', a.assignee_id, 'reason', a.reason) FROM assigned a
      UNION ALL
      SELECT ${workspaceId}::uuid, n.id, 'system', NULL, 'owner.notified', jsonb_build_object('ownerId', n.owner_id)
      FROM unnest(${notices.map((n) => n.conversationId)}::uuid[], ${notices.map((n) => n.ownerId)}::uuid[]) AS n(id, owner_id)
    )
    SELECT a.*, ch.type AS channel_type FROM assigned a JOIN channels ch ON ch.id = a.channel_id`.execute(trx);
  return [
    ...rows.map((c) => ({ type: 'conversation.updated', workspaceId, data: { ...toConversationDto(c), changes: ['assigneeId'] } })),
    ...notices.map((n) => ({ type: 'notification', workspaceId, data: { kind: 'owner', userIds: [n.ownerId], conversationId: n.conversationId } })),
  ];
}

/** Online agents as routing sees them; an empty skill list means "any", filled from what waits. */
function onlineAgents(stored: readonly StoredAgent[], waiting: readonly { language: string | null; category: string | null; channelType: string }[], products: string[]): Agent[] {
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

/** Each contact's last handled conversation: its agent and tier, and whether the contact is a VIP. */
function contactHistories(rows: readonly { contactId: string; assigneeId: string | null; tier: number; status: string; tags: string[] }[]): Map<string, ContactHistory> {
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
