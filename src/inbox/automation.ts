import { type Expression, sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { listRules, NOTIFY_TARGETS } from '../db/automation-rules.js';
import { getConversation } from '../db/conversations.js';
import { type Actor, recordHistory } from '../db/history.js';
import { LTV_ORDER_COLUMNS, toLtvOrder } from '../db/orders.js';
import { enqueueEvents } from '../db/outbox.js';
import type { Db } from '../db/schema.js';
import { toGoodwillPolicy } from '../db/goodwill-settings.js';
import { lifetimeValue as computeLifetimeValue } from '../domain/lifetime-value.js';
import { AppError } from '../domain/errors.js';
import type { Condition, Rule, RuleAction, RuleEventType } from '../domain/routing-rule-schema.js';
import { tierOf } from '../domain/routing-types.js';
import { type CompiledRules, compileRules, type ConversationChanges, type RuleConversation, type RuleEvent, type RulesResult, runRules } from '../domain/rules.js';
import { renderTemplate } from '../domain/template.js';
import { storeOutgoing } from '../pipeline/send-message.js';
import { StampedCache } from '../runtime/stamped-cache.js';
import { setSlaClocks } from './sla-clocks.js';

/** Changes made by rules are recorded as the system's, with the rule named in the entry. */
const RULES: Actor = { type: 'system', id: null };

/** The message an event is about: what keyword, language, sentiment, category and urgency conditions read. */
export interface TriggerMessage {
  text: string;
  language: string | null;
  sentiment: RuleConversation['sentiment'];
  category: string | null;
  urgent: boolean;
}

export interface RuleSubject {
  conversation: RuleConversation;
  status: string;
  contactId: string;
  createdAt: Date;
  channelId: string;
  calendar: RuleEvent['calendar'];
}

function usesField(condition: Condition, field: string): boolean {
  if ('all' in condition) return condition.all.some((c) => usesField(c, field));
  if ('any' in condition) return condition.any.some((c) => usesField(c, field));
  return condition.field === field;
}

/**
 * Everything rules read of a conversation, in one statement: the conversation with its channel,
 * contact, labels and the workspace's calendar; the contact's orders and the workspace currency,
 * for a rule on the lifetime value; and the stamp of the workspace's rules, which says whether the
 * rules kept in memory are still current. Without a triggering message the latest customer message
 * stands in.
 */
async function readSubject(db: Db, workspaceId: string, conversationId: string, message?: TriggerMessage) {
  const row = await db
    .selectFrom('conversations as c')
    .innerJoin('channels as ch', 'ch.id', 'c.channelId')
    .innerJoin('contacts as k', 'k.id', 'c.contactId')
    .innerJoin('workspaces as w', 'w.id', 'c.workspaceId')
    .select(['c.id', 'c.status', 'c.priority', 'c.tier', 'c.teamId', 'c.assigneeId', 'c.contactId', 'c.channelId', 'c.createdAt', 'ch.type as channelType', 'k.name as contactName', 'k.tags', 'w.businessCalendar'])
    .select(sql<string[]>`coalesce((SELECT array_agg(l.name ORDER BY l.name) FROM conversation_labels cl JOIN labels l ON l.id = cl.label_id WHERE cl.conversation_id = c.id), '{}')`.as('labels'))
    // As text: the camel-case plugin would otherwise rename keys inside the policy.
    .select(sql<string | null>`w.goodwill_policy::text`.as('goodwillPolicy'))
    .select((eb) => [
      jsonArrayFrom(eb.selectFrom('orders as o').select(LTV_ORDER_COLUMNS.map((col) => `o.${col}` as const)).whereRef('o.contactId', '=', 'c.contactId').whereRef('o.workspaceId', '=', 'c.workspaceId')).as('orders'),
      rulesStamp(sql.ref('c.workspace_id')).as('rulesStamp'),
    ])
    .where('c.workspaceId', '=', workspaceId)
    .where('c.id', '=', conversationId)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', 'Conversation not found.');
  const latest =
    message ??
    (await db
      .selectFrom('messages')
      .select(['text', 'language', 'sentiment', 'category', 'urgent'])
      .where('conversationId', '=', conversationId)
      .where('direction', '=', 'inbound')
      .orderBy('createdAt', 'desc')
      .limit(1)
      .executeTakeFirst()) ?? { text: '', language: null, sentiment: null, category: null, urgent: false };
  return { row, latest };
}

/** How many rules a workspace has and when one last changed: what decides whether kept rules are current. */
function rulesStamp(workspaceId: Expression<string>) {
  return sql<string>`(SELECT count(*) || ':' || coalesce(max(updated_at)::text, '') FROM automation_rules WHERE workspace_id = ${workspaceId})`;
}

/**
 * A conversation as rules see it. The contact's lifetime value is worked out only when a rule asks
 * for it and there are orders; the calendar is compiled only when a rule asks about business hours.
 */
function toRuleSubject({ row, latest }: Awaited<ReturnType<typeof readSubject>>, rules: readonly Rule[]): RuleSubject {
  let lifetimeValue = 0;
  if (row.orders.length > 0 && rules.some((r) => usesField(r.when, 'contact.lifetimeValue'))) {
    const policy = toGoodwillPolicy(row.goodwillPolicy === null ? null : JSON.parse(row.goodwillPolicy));
    lifetimeValue = computeLifetimeValue(row.orders.map(toLtvOrder), { now: new Date(), workspaceCurrency: policy.currency }).historic;
  }
  const [firstName = null, ...rest] = (row.contactName ?? '').trim().split(/\s+/).filter(Boolean);
  return {
    status: row.status,
    contactId: row.contactId,
    channelId: row.channelId,
    createdAt: row.createdAt,
    calendar: row.businessCalendar,
    conversation: {
      id: row.id,
      channel: row.channelType,
      language: latest.language,
      sentiment: latest.sentiment,
      category: latest.category,
      urgent: latest.urgent,
      text: latest.text,
      priority: row.priority,
      tier: tierOf(row.tier),
      teamId: row.teamId,
      labels: row.labels,
      assigneeId: row.assigneeId,
      contact: { firstName, lastName: rest.length > 0 ? rest.join(' ') : null, vip: row.tags.some((t) => t.toLowerCase() === 'vip'), lifetimeValue },
    },
  };
}

/** A conversation as rules see it. Without a triggering message the latest customer message stands in. */
export async function loadRuleSubject(db: Db, workspaceId: string, conversationId: string, rules: readonly Rule[], message?: TriggerMessage): Promise<RuleSubject> {
  return toRuleSubject(await readSubject(db, workspaceId, conversationId, message), rules);
}

/** Where a run gets the workspace's rules from. */
export interface RuleSource {
  /** The rules at `stamp`, as read with the subject. */
  at(db: Db, workspaceId: string, stamp: string): Promise<readonly Rule[]>;
  /**
   * Whether reading the subject is likely worth it: false when the rules last seen listen to none
   * of the events, so a workspace without such rules costs one look at the stamp per message.
   */
  worthReading(workspaceId: string, events: readonly RuleEventType[]): boolean;
  /** The stamp of the workspace's rules as `db` sees them: their number and latest change. */
  stamp(db: Db, workspaceId: string): Promise<string>;
}

async function readStamp(db: Db, workspaceId: string): Promise<string> {
  const { rows } = await sql<{ stamp: string }>`SELECT ${rulesStamp(sql.val(workspaceId))} AS stamp`.execute(db);
  return rows[0]?.stamp ?? '';
}

/** Read from storage on every run: for the agents' changes, which are rare next to messages. */
const storedRules: RuleSource = { at: (db, workspaceId) => listRules(db, workspaceId), worthReading: () => true, stamp: readStamp };

/**
 * The workspace's rules, read and validated again only when their stamp changed, so every process
 * sees an edit at its next batch of messages. The stamp is looked at once per workspace and
 * transaction: the messages of one stored batch arrived together and meet the same rules.
 */
export function cachedRules(): RuleSource {
  const rules = new StampedCache<readonly Rule[]>();
  const lastSeen = new Map<string, readonly Rule[]>();
  const stamps = new WeakMap<Db, Map<string, Promise<string>>>();
  return {
    stamp(db, workspaceId) {
      const seen = stamps.get(db) ?? new Map<string, Promise<string>>();
      stamps.set(db, seen);
      const stamp = seen.get(workspaceId) ?? readStamp(db, workspaceId);
      seen.set(workspaceId, stamp);
      return stamp;
    },
    async at(db, workspaceId, stamp) {
      const list = await rules.get(workspaceId, stamp, () => listRules(db, workspaceId));
      lastSeen.set(workspaceId, list);
      return list;
    },
    worthReading(workspaceId, events) {
      const seen = lastSeen.get(workspaceId);
      return seen === undefined || listening(seen, events).rules.length > 0;
    },
  };
}

const prepared = new WeakMap<readonly Rule[], Map<string, { rules: readonly Rule[]; compiled: CompiledRules }>>();

/**
 * The enabled rules listening to any of `events`, compiled to run as one event (each listening rule
 * once). Kept per rule list and events, so the rules kept for a workspace are sorted and folded
 * once, not on every message.
 */
function listening(rules: readonly Rule[], events: readonly RuleEventType[]): { rules: readonly Rule[]; compiled: CompiledRules } {
  const byEvents = prepared.get(rules) ?? new Map<string, { rules: readonly Rule[]; compiled: CompiledRules }>();
  prepared.set(rules, byEvents);
  const key = events.join(' ');
  const kept = byEvents.get(key);
  if (kept) return kept;
  const chosen = rules.filter((r) => r.enabled && r.on.some((e) => events.includes(e)));
  const entry = { rules: chosen, compiled: compileRules(chosen.map((r) => ({ ...r, on: [events[0] ?? 'message.received'] }))) };
  byEvents.set(key, entry);
  return entry;
}

/**
 * Several events at once (a new conversation is also a received message) run each listening rule
 * once: the rules are evaluated as one event.
 */
export function evaluateRules(rules: readonly Rule[], events: readonly RuleEventType[], causedBy: RuleEvent['causedBy'], subject: RuleSubject, at = new Date()): RulesResult {
  return runRules(listening(rules, events).compiled, { type: events[0] ?? 'message.received', causedBy, at, ...(subject.calendar && { calendar: subject.calendar }) }, subject.conversation);
}

/** What rules would do, in words an admin reads in the rule editor. */
export function describeActions(result: RulesResult) {
  return result.actions.map((a) => ({ ruleId: a.ruleId, ...a.action }));
}

/**
 * Runs the workspace's rules for an event inside the caller's transaction and performs what they
 * decide. Returns whether the conversation changed. The caller's own event announces the result;
 * rules run only here, on changes made by customers and agents, never on their own changes.
 */
export async function runAutomation(trx: Db, workspaceId: string, conversationId: string, events: readonly RuleEventType[], causedBy: RuleEvent['causedBy'], message?: TriggerMessage, source: RuleSource = storedRules): Promise<boolean> {
  if (causedBy === 'rules') return false;
  if (!source.worthReading(workspaceId, events) && listening(await source.at(trx, workspaceId, await source.stamp(trx, workspaceId)), events).rules.length === 0) return false;
  const read = await readSubject(trx, workspaceId, conversationId, message);
  const all = await source.at(trx, workspaceId, read.row.rulesStamp);
  const { rules } = listening(all, events);
  if (rules.length === 0) return false;
  const subject = toRuleSubject(read, rules);
  const result = evaluateRules(all, events, causedBy, subject);
  if (result.actions.length === 0) return false;
  await performRules(trx, workspaceId, subject, rules, result, events);
  return true;
}

const FIELD_OF: Partial<Record<RuleAction['type'], keyof ConversationChanges>> = { setPriority: 'priority', setTier: 'tier', setTeam: 'teamId', assign: 'assigneeId', addLabels: 'labels' };

async function performRules(trx: Db, workspaceId: string, subject: RuleSubject, rules: readonly Rule[], result: RulesResult, events: readonly RuleEventType[]): Promise<void> {
  const id = subject.conversation.id;
  const names = new Map(rules.map((r) => [r.id, r.name]));
  // The event each rule fired on, as the rule names it.
  const eventOf = new Map(rules.map((r) => [r.id, r.on.find((e) => events.includes(e)) ?? events[0] ?? 'message.received']));
  // One statement for all firings: a message can match dozens of rules.
  const fired = [...new Set(result.actions.map((a) => a.ruleId))].map((ruleId) => ({
    workspaceId,
    conversationId: id,
    actorType: RULES.type,
    actorId: RULES.id,
    type: 'rule.fired',
    data: JSON.stringify({ ruleId, rule: names.get(ruleId) ?? '', event: eventOf.get(ruleId), actions: result.actions.filter((a) => a.ruleId === ruleId).map((a) => a.action.type) }),
  }));
  await trx.insertInto('conversationEvents').values(fired).execute();
  const c = result.changes;
  if (c.priority !== undefined || c.tier !== undefined || c.teamId !== undefined || c.assigneeId !== undefined) {
    await trx
      .updateTable('conversations')
      .set({
        ...(c.priority !== undefined && { priority: c.priority }),
        ...(c.tier !== undefined && { tier: c.tier }),
        ...(c.teamId !== undefined && { teamId: c.teamId }),
        ...(c.assigneeId !== undefined && { assigneeId: c.assigneeId }),
        updatedAt: sql<Date>`now()`,
      })
      .where('id', '=', id)
      .execute();
  }
  const before = subject.conversation;
  for (const field of ['priority', 'tier', 'teamId', 'assigneeId'] as const) {
    if (c[field] === undefined) continue;
    const ruleId = [...result.actions].reverse().find((a) => FIELD_OF[a.action.type] === field)?.ruleId ?? null;
    await recordHistory(trx, workspaceId, id, RULES, `${field}.changed`, { from: before[field], to: c[field], reason: 'rule', ruleId });
  }
  if (c.labels) await addLabels(trx, workspaceId, id, c.labels.filter((l) => !before.labels.includes(l)));
  // A new priority or tier may fall under another service level, as when an agent changes it.
  if (c.priority !== undefined || c.tier !== undefined) {
    const conv = await trx.selectFrom('conversations').select(['id', 'workspaceId', 'channelId', 'contactId', 'priority', 'tier', 'firstResponseAt']).where('id', '=', id).executeTakeFirstOrThrow();
    await setSlaClocks(trx, conv, subject.createdAt);
  }
  for (const { ruleId, action } of result.actions) {
    if (action.type === 'autoReply') await autoReply(trx, workspaceId, subject, ruleId, action.templateId);
    if (action.type === 'addNote') await storeOutgoing(trx, workspaceId, id, RULES, { text: action.text, type: 'note' });
    if (action.type === 'notify') await notify(trx, workspaceId, result.conversation, ruleId, names.get(ruleId) ?? '', action.to, action.message ?? null);
    if (action.type === 'webhook') await queueWebhook(trx, workspaceId, id, ruleId, names.get(ruleId) ?? '', eventOf.get(ruleId) ?? 'message.received', action.url);
  }
}

async function addLabels(trx: Db, workspaceId: string, conversationId: string, names: string[]): Promise<void> {
  if (names.length === 0) return;
  await trx.insertInto('labels').values(names.map((name) => ({ workspaceId, name }))).onConflict((oc) => oc.columns(['workspaceId', 'name']).doNothing()).execute();
  const labels = await trx.selectFrom('labels').select(['id', 'name']).where('workspaceId', '=', workspaceId).where('name', 'in', names).execute();
  await trx.insertInto('conversationLabels').values(labels.map((l) => ({ conversationId, labelId: l.id }))).onConflict((oc) => oc.doNothing()).execute();
  await trx
    .insertInto('conversationEvents')
    .values(labels.map((l) => ({ workspaceId, conversationId, actorType: RULES.type, actorId: RULES.id, type: 'label.added', data: JSON.stringify({ label: l.name, reason: 'rule' }) })))
    .execute();
}

async function autoReply(trx: Db, workspaceId: string, subject: RuleSubject, ruleId: string, templateId: string): Promise<void> {
  const id = subject.conversation.id;
  const template = await trx.selectFrom('cannedResponses').select('body').where('workspaceId', '=', workspaceId).where('id', '=', templateId).executeTakeFirst();
  const skip = (reason: string) => recordHistory(trx, workspaceId, id, RULES, 'rule.skipped', { ruleId, action: 'autoReply', reason });
  if (!template) return skip('template deleted');
  if (subject.status === 'closed') return skip('conversation closed');
  const { firstName, lastName } = subject.conversation.contact;
  const text = renderTemplate(template.body, { contact: { firstName, lastName, name: [firstName, lastName].filter(Boolean).join(' ') } });
  try {
    // Personal data is never posted in public by a machine: such a reply is skipped, and the history says why.
    await storeOutgoing(trx, workspaceId, id, RULES, { text, type: 'reply', meta: { automatic: { ruleId } } });
  } catch (err) {
    if (err instanceof AppError && err.code === 'conflict') return skip(err.message);
    throw err;
  }
}

/** An in-app notice on the live stream to the named people, the assignee or the team's members. */
async function notify(trx: Db, workspaceId: string, conversation: RuleConversation, ruleId: string, rule: string, to: readonly string[], message: string | null): Promise<void> {
  const users = new Set(to.filter((t) => !(NOTIFY_TARGETS as readonly string[]).includes(t)));
  if (to.includes('assignee') && conversation.assigneeId) users.add(conversation.assigneeId);
  if (to.includes('team') && conversation.teamId) {
    for (const m of await trx.selectFrom('teamMembers').select('userId').where('teamId', '=', conversation.teamId).execute()) users.add(m.userId);
  }
  if (users.size === 0) return;
  const userIds = [...users];
  await recordHistory(trx, workspaceId, conversation.id, RULES, 'notification.sent', { ruleId, userIds, message });
  await enqueueEvents(trx, [{ type: 'notification', workspaceId, data: { kind: 'rule', ruleId, rule, userIds, conversationId: conversation.id, message } }]);
}

/** Queued in the transaction, sent by the worker after the commit (`automation-webhooks.ts`). */
async function queueWebhook(trx: Db, workspaceId: string, conversationId: string, ruleId: string, rule: string, event: RuleEventType, url: string): Promise<void> {
  const conversation = await getConversation(trx, workspaceId, conversationId);
  const body = JSON.stringify({ type: 'rule.fired', timestamp: new Date().toISOString(), data: { ruleId, rule, event, conversation } });
  await trx.insertInto('automationWebhooks').values({ workspaceId, conversationId, ruleId, url, body }).execute();
  await recordHistory(trx, workspaceId, conversationId, RULES, 'webhook.queued', { ruleId, url });
}
