import { DEFAULT_GOODWILL_POLICY, type GoodwillBudgets, type GoodwillPolicy } from '../domain/goodwill-policy.js';
import type { Db } from './schema.js';

export async function getGoodwillPolicy(db: Db, workspaceId: string): Promise<GoodwillPolicy> {
  const row = await db.selectFrom('workspaces').select('goodwillPolicy').where('id', '=', workspaceId).executeTakeFirstOrThrow();
  return row.goodwillPolicy ?? DEFAULT_GOODWILL_POLICY;
}

export async function saveGoodwillPolicy(db: Db, workspaceId: string, policy: GoodwillPolicy): Promise<GoodwillPolicy> {
  await db.updateTable('workspaces').set({ goodwillPolicy: JSON.stringify(policy) }).where('id', '=', workspaceId).execute();
  return policy;
}

/** Without budgets no department may grant anything: spending starts with an admin's decision. */
export async function getGoodwillBudgets(db: Db, workspaceId: string): Promise<GoodwillBudgets | null> {
  const row = await db.selectFrom('workspaces').select('goodwillBudgets').where('id', '=', workspaceId).executeTakeFirstOrThrow();
  return row.goodwillBudgets;
}

export async function saveGoodwillBudgets(db: Db, workspaceId: string, budgets: GoodwillBudgets): Promise<GoodwillBudgets> {
  await db.updateTable('workspaces').set({ goodwillBudgets: JSON.stringify(budgets) }).where('id', '=', workspaceId).execute();
  return budgets;
}
