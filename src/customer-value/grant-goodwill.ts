import { sql } from 'kysely';
import { getGoodwillBudgets, getGoodwillPolicy } from '../db/goodwill-settings.js';
import { type Actor, recordHistory } from '../db/history.js';
import { lockConversation } from '../db/conversations.js';
import type { Db, Role } from '../db/schema.js';
import { AppError } from '../domain/errors.js';
import type { GoodwillGrantInput, GoodwillType } from '../domain/goodwill-policy.js';
import { formatMoney, parseAmount, toMajor, toMinor } from '../domain/money.js';
import { newVoucherCode } from './voucher-code.js';

export interface GrantDto {
  id: string;
  contactId: string;
  conversationId: string | null;
  type: GoodwillType;
  amount: number;
  currency: string;
  department: string;
  reason: string;
  voucherCode: string | null;
  createdAt: string;
  /** When the shop reported the voucher redeemed, on which order and for how much. */
  redemption: { at: string; orderId: string | null; amount: number } | null;
}

export interface BudgetStatus {
  department: string;
  monthly: number;
  spent: number;
  remaining: number;
  currency: string;
}

type GrantRow = {
  id: string;
  contactId: string;
  conversationId: string | null;
  type: GoodwillType;
  amountMinor: string;
  currency: string;
  department: string;
  reason: string;
  voucherCode: string | null;
  createdAt: Date;
  redeemedAt: Date | null;
  redeemedOrderId: string | null;
  redeemedAmountMinor: string | null;
};

export function toGrantDto(r: GrantRow): GrantDto {
  return {
    id: r.id,
    contactId: r.contactId,
    conversationId: r.conversationId,
    type: r.type,
    amount: toMajor(Number(r.amountMinor), r.currency),
    currency: r.currency,
    department: r.department,
    reason: r.reason,
    voucherCode: r.voucherCode,
    createdAt: r.createdAt.toISOString(),
    redemption: r.redeemedAt ? { at: r.redeemedAt.toISOString(), orderId: r.redeemedOrderId, amount: toMajor(Number(r.redeemedAmountMinor ?? r.amountMinor), r.currency) } : null,
  };
}

export const GRANT_COLUMNS = ['id', 'contactId', 'conversationId', 'type', 'amountMinor', 'currency', 'department', 'reason', 'voucherCode', 'createdAt', 'redeemedAt', 'redeemedOrderId', 'redeemedAmountMinor'] as const;

/** Minor units granted per department in the current calendar month of the workspace's time zone. */
async function spentThisMonth(db: Db, workspaceId: string, currency: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('goodwillGrants as g')
    .innerJoin('workspaces as w', 'w.id', 'g.workspaceId')
    .select(['g.department', sql<string>`sum(g.amount_minor)`.as('spent')])
    .where('g.workspaceId', '=', workspaceId)
    .where('g.currency', '=', currency)
    .where(sql<boolean>`g.created_at >= (date_trunc('month', now() AT TIME ZONE w.time_zone) AT TIME ZONE w.time_zone)`)
    .groupBy('g.department')
    .execute();
  return new Map(rows.map((r) => [r.department.toLowerCase(), Number(r.spent)]));
}

/** Each department's budget and what it has granted this month. */
export async function budgetStatus(db: Db, workspaceId: string): Promise<{ currency: string; budgets: BudgetStatus[] }> {
  const [policy, budgets] = await Promise.all([getGoodwillPolicy(db, workspaceId), getGoodwillBudgets(db, workspaceId)]);
  const spent = await spentThisMonth(db, workspaceId, policy.currency);
  const currency = policy.currency;
  return {
    currency,
    budgets: (budgets?.budgets ?? []).map((b) => {
      const used = toMajor(spent.get(b.department.toLowerCase()) ?? 0, currency);
      return { department: b.department, monthly: b.monthly, spent: used, remaining: toMajor(Math.max(0, toMinor(b.monthly, currency) - toMinor(used, currency)), currency), currency };
    }),
  };
}

/**
 * Grants goodwill on a conversation's contact, enforcing on the server what the policy and the budgets
 * allow: the type's cap, the role's approval limit and the department's monthly budget. Grants of one
 * workspace are serialised, so two agents cannot both spend the last of a budget. Run it in a transaction.
 */
export async function grantGoodwill(db: Db, workspaceId: string, conversationId: string, actor: Actor, role: Role, input: GoodwillGrantInput): Promise<GrantDto & { budget: BudgetStatus }> {
  if (role === 'viewer') throw new AppError('forbidden', 'Viewers cannot grant goodwill.');
  await db.selectFrom('workspaces').select('id').where('id', '=', workspaceId).forUpdate().executeTakeFirstOrThrow();
  const conversation = await lockConversation(db, workspaceId, conversationId);
  const policy = await getGoodwillPolicy(db, workspaceId);
  const currency = policy.currency;
  if (input.currency !== currency) throw new AppError('invalid', `currency: goodwill is granted in ${currency}, the currency of the goodwill policy.`, { field: 'currency' });
  const parsed = parseAmount(input.amount, currency);
  if ('error' in parsed) throw new AppError('invalid', `amount: ${parsed.error}.`, { field: 'amount' });
  const amountMinor = parsed.minor;
  if (amountMinor === 0) throw new AppError('invalid', 'amount: a grant must be worth something.', { field: 'amount' });
  const show = (minor: number) => formatMoney(toMajor(minor, currency), currency, 'en');

  const capMinor = toMinor(policy.caps[input.type], currency);
  if (amountMinor > capMinor) {
    throw new AppError('forbidden', `The goodwill policy caps a ${input.type.replace('_', ' ')} at ${show(capMinor)}.`, { reason: 'type_cap_exceeded', type: input.type, cap: toMajor(capMinor, currency), currency });
  }
  if (role === 'agent' && amountMinor > toMinor(policy.approvalLimits.agent, currency)) {
    const limit = toMinor(policy.approvalLimits.agent, currency);
    throw new AppError('forbidden', `Agents may grant up to ${show(limit)}; an admin must grant more.`, { reason: 'approval_limit_exceeded', limit: toMajor(limit, currency), currency });
  }

  const budgets = await getGoodwillBudgets(db, workspaceId);
  const budget = budgets?.budgets.find((b) => b.department.toLowerCase() === input.department.toLowerCase());
  if (!budget) {
    const known = budgets?.budgets.map((b) => b.department) ?? [];
    throw new AppError('invalid', `department: "${input.department}" has no goodwill budget${known.length > 0 ? `; budgets exist for ${known.join(', ')}` : '; an admin sets budgets first'}.`, { field: 'department' });
  }
  const spent = (await spentThisMonth(db, workspaceId, currency)).get(budget.department.toLowerCase()) ?? 0;
  const monthlyMinor = toMinor(budget.monthly, currency);
  if (spent + amountMinor > monthlyMinor) {
    throw new AppError('conflict', `The ${budget.department} budget has ${show(Math.max(0, monthlyMinor - spent))} left this month; this grant needs ${show(amountMinor)}.`, {
      reason: 'budget_exceeded',
      department: budget.department,
      remaining: toMajor(Math.max(0, monthlyMinor - spent), currency),
      currency,
    });
  }

  const row = await db
    .insertInto('goodwillGrants')
    .values({
      workspaceId,
      contactId: conversation.contactId,
      conversationId: conversation.id,
      type: input.type,
      amountMinor,
      currency,
      department: budget.department,
      reason: input.reason,
      voucherCode: input.type === 'voucher' ? newVoucherCode() : null,
      actorType: actor.type,
      actorId: actor.id,
    })
    .returning(GRANT_COLUMNS)
    .executeTakeFirstOrThrow();
  const grant = toGrantDto(row);
  await recordHistory(db, workspaceId, conversation.id, actor, 'goodwill.granted', { grantId: grant.id, type: grant.type, amount: grant.amount, currency, department: grant.department });
  const left = monthlyMinor - spent - amountMinor;
  return { ...grant, budget: { department: budget.department, monthly: budget.monthly, spent: toMajor(spent + amountMinor, currency), remaining: toMajor(left, currency), currency } };
}

export async function listGrants(db: Db, workspaceId: string, contactId: string): Promise<GrantDto[]> {
  const rows = await db.selectFrom('goodwillGrants').select(GRANT_COLUMNS).where('workspaceId', '=', workspaceId).where('contactId', '=', contactId).orderBy('createdAt', 'desc').execute();
  return rows.map(toGrantDto);
}
