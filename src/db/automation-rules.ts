import { sql } from 'kysely';
import { newWebhookSecret } from '../channels/standard-webhooks.js';
import { AppError } from '../domain/errors.js';
import { parseRules, type Rule, type RuleAction } from '../domain/routing-rule-schema.js';
import type { SecretBox } from '../security/secret-box.js';
import type { Db } from './schema.js';

/** A rule as an admin writes it; the id and position are the server's. */
export type RuleInput = Omit<Rule, 'id' | 'position'>;

/** Who a `notify` action reaches besides named users: the conversation's assignee, or every member of its team. */
export const NOTIFY_TARGETS = ['assignee', 'team'] as const;

const COLUMNS = ['id', 'name', 'position', 'enabled', 'events', 'condition', 'actions'] as const;

type RuleRow = { id: string; name: string; position: number; enabled: boolean; events: string[]; condition: unknown; actions: unknown };

function toRule(r: RuleRow): Rule {
  const [rule] = parseRules([{ id: r.id, name: r.name, position: r.position, enabled: r.enabled, on: r.events, when: r.condition, actions: r.actions }]);
  if (!rule) throw new AppError('unavailable', `Stored rule ${r.id} could not be read.`);
  return rule;
}

/** The workspace's rules in the order they run. */
export async function listRules(db: Db, workspaceId: string): Promise<Rule[]> {
  const rows = await db.selectFrom('automationRules').select(COLUMNS).where('workspaceId', '=', workspaceId).orderBy('position').orderBy('id').execute();
  return rows.map(toRule);
}

export async function getRule(db: Db, workspaceId: string, id: string): Promise<Rule> {
  const row = await db.selectFrom('automationRules').select(COLUMNS).where('workspaceId', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found', 'Rule not found.');
  return toRule(row);
}

/**
 * Checks a rule like the engine will read it, and that every team, agent, template and person it
 * names belongs to the workspace, so a rule never points at another workspace's data.
 */
async function checkRule(db: Db, workspaceId: string, input: RuleInput): Promise<Rule> {
  const [rule] = parseRules([{ ...input, id: 'new', position: 0 }]);
  if (!rule) throw new AppError('invalid', 'The rule could not be read.');
  const teams = new Set<string>();
  const users = new Set<string>();
  const templates = new Set<string>();
  for (const a of rule.actions) {
    if (a.type === 'setTeam') teams.add(a.teamId);
    if (a.type === 'assign') users.add(a.agentId);
    if (a.type === 'autoReply') templates.add(a.templateId);
    if (a.type === 'notify') for (const to of a.to) if (!(NOTIFY_TARGETS as readonly string[]).includes(to)) users.add(to);
  }
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const missing = (kind: string, ids: Set<string>, found: { id: string }[]) => {
    const known = new Set(found.map((f) => f.id));
    const absent = [...ids].find((id) => !known.has(id));
    if (absent) throw new AppError('invalid', `The rule names ${kind} "${absent}", which this workspace does not have.`, { field: kind, id: absent });
  };
  const valid = (ids: Set<string>) => [...ids].filter((id) => uuid.test(id));
  if (teams.size > 0) missing('team', teams, valid(teams).length ? await db.selectFrom('teams').select('id').where('workspaceId', '=', workspaceId).where('id', 'in', valid(teams)).execute() : []);
  if (users.size > 0) {
    const found = valid(users).length
      ? await db.selectFrom('users').select('id').where('workspaceId', '=', workspaceId).where('id', 'in', valid(users)).where('role', 'in', ['agent', 'admin']).where('disabledAt', 'is', null).execute()
      : [];
    missing('agent', users, found);
  }
  if (templates.size > 0) missing('template', templates, valid(templates).length ? await db.selectFrom('cannedResponses').select('id').where('workspaceId', '=', workspaceId).where('id', 'in', valid(templates)).execute() : []);
  return rule;
}

/**
 * The first rule with a webhook gives the workspace its signing secret, returned this once so the
 * receiver can verify calls; later rules reuse it.
 */
async function ensureWebhookSecret(db: Db, box: SecretBox, workspaceId: string, actions: RuleAction[]): Promise<string | null> {
  if (!actions.some((a) => a.type === 'webhook')) return null;
  const secret = newWebhookSecret();
  const set = await db
    .updateTable('workspaces')
    .set({ rulesWebhookSecret: box.seal({ webhookSecret: secret }) })
    .where('id', '=', workspaceId)
    .where('rulesWebhookSecret', 'is', null)
    .executeTakeFirst();
  return Number(set.numUpdatedRows) > 0 ? secret : null;
}

export interface SavedRule {
  rule: Rule;
  /** Set only when this save created the workspace's webhook signing secret. */
  webhookSecret: string | null;
}

/** Adds a rule after the existing ones. */
export async function createRule(db: Db, box: SecretBox, workspaceId: string, input: RuleInput): Promise<SavedRule> {
  const rule = await checkRule(db, workspaceId, input);
  const row = await db
    .insertInto('automationRules')
    .values({
      workspaceId,
      name: rule.name,
      enabled: rule.enabled,
      events: rule.on,
      condition: JSON.stringify(rule.when),
      actions: JSON.stringify(rule.actions),
      position: sql<number>`coalesce((SELECT max(position) + 1 FROM automation_rules WHERE workspace_id = ${workspaceId}), 0)`,
    })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  return { rule: toRule(row), webhookSecret: await ensureWebhookSecret(db, box, workspaceId, rule.actions) };
}

export async function updateRule(db: Db, box: SecretBox, workspaceId: string, id: string, input: RuleInput): Promise<SavedRule> {
  await getRule(db, workspaceId, id);
  const rule = await checkRule(db, workspaceId, input);
  const row = await db
    .updateTable('automationRules')
    .set({ name: rule.name, enabled: rule.enabled, events: rule.on, condition: JSON.stringify(rule.when), actions: JSON.stringify(rule.actions), updatedAt: sql<Date>`now()` })
    .where('workspaceId', '=', workspaceId)
    .where('id', '=', id)
    .returning(COLUMNS)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', 'Rule not found.');
  return { rule: toRule(row), webhookSecret: await ensureWebhookSecret(db, box, workspaceId, rule.actions) };
}

export async function deleteRule(db: Db, workspaceId: string, id: string): Promise<void> {
  const res = await db.deleteFrom('automationRules').where('workspaceId', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw new AppError('not_found', 'Rule not found.');
}

/** Puts the rules in the given order; the list must name every rule of the workspace exactly once. */
export async function reorderRules(db: Db, workspaceId: string, ids: string[]): Promise<Rule[]> {
  const current = await db.selectFrom('automationRules').select('id').where('workspaceId', '=', workspaceId).forUpdate().execute();
  const known = new Set(current.map((r) => r.id));
  if (ids.length !== known.size || new Set(ids).size !== ids.length || ids.some((id) => !known.has(id))) {
    throw new AppError('invalid', 'Name every rule of the workspace exactly once, in the new order.', { field: 'ids' });
  }
  if (ids.length > 0) {
    await sql`UPDATE automation_rules r SET position = v.position, updated_at = now()
      FROM unnest(${ids}::uuid[]) WITH ORDINALITY AS v(id, position)
      WHERE r.id = v.id AND r.workspace_id = ${workspaceId}`.execute(db);
  }
  return listRules(db, workspaceId);
}
