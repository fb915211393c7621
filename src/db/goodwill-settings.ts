import { sql } from 'kysely';
import { DEFAULT_GOODWILL_POLICY, type GoodwillBudgets, GoodwillBudgetsSchema, type GoodwillPolicy, GoodwillPolicySchema } from '../domain/goodwill-policy.js';
import type { Db } from './schema.js';

// Read as text: the camel-case plugin would otherwise rename keys inside the JSON (free_shipping).
async function readJson(db: Db, workspaceId: string, column: 'goodwill_policy' | 'goodwill_budgets'): Promise<unknown> {
  const row = await db
    .selectFrom('workspaces')
    .select(sql<string | null>`${sql.ref(column)}::text`.as('json'))
    .where('id', '=', workspaceId)
    .executeTakeFirstOrThrow();
  return row.json === null ? null : JSON.parse(row.json);
}

export async function getGoodwillPolicy(db: Db, workspaceId: string): Promise<GoodwillPolicy> {
  return toGoodwillPolicy(await readJson(db, workspaceId, 'goodwill_policy'));
}

/** The policy as stored (parsed JSON, null when none was saved). */
export function toGoodwillPolicy(stored: unknown): GoodwillPolicy {
  return stored === null ? DEFAULT_GOODWILL_POLICY : GoodwillPolicySchema.parse(stored);
}

export async function saveGoodwillPolicy(db: Db, workspaceId: string, policy: GoodwillPolicy): Promise<GoodwillPolicy> {
  await db.updateTable('workspaces').set({ goodwillPolicy: JSON.stringify(policy) }).where('id', '=', workspaceId).execute();
  return policy;
}

/** Without budgets no department may grant anything: spending starts with an admin's decision. */
export async function getGoodwillBudgets(db: Db, workspaceId: string): Promise<GoodwillBudgets | null> {
  const stored = await readJson(db, workspaceId, 'goodwill_budgets');
  return stored === null ? null : GoodwillBudgetsSchema.parse(stored);
}

export async function saveGoodwillBudgets(db: Db, workspaceId: string, budgets: GoodwillBudgets): Promise<GoodwillBudgets> {
  await db.updateTable('workspaces').set({ goodwillBudgets: JSON.stringify(budgets) }).where('id', '=', workspaceId).execute();
  return budgets;
}
