import { z } from 'zod';
import { type Actor, recordHistory } from '../db/history.js';
import type { Db } from '../db/schema.js';
import { AppError } from '../domain/errors.js';
import { parseAmount, toMajor } from '../domain/money.js';
import { GRANT_COLUMNS, type GrantDto, toGrantDto } from './grant-goodwill.js';

export const RedeemVoucherSchema = z
  .object({
    code: z.string().trim().min(1).max(64),
    /** The shop's order the voucher was used on. */
    orderId: z.string().trim().min(1).max(200).optional(),
    /** What the voucher took off the order, in the grant's currency; its full value when left out. */
    amount: z.union([z.number().min(0), z.string().trim().max(32)]).optional(),
  })
  .strict();
export type RedeemVoucherInput = z.infer<typeof RedeemVoucherSchema>;

/**
 * Records that the shop redeemed a goodwill voucher. The same request again (same code and order)
 * answers with the recorded redemption, so a shop may retry safely; redeeming it for another order
 * is a `conflict`, an unknown code `not_found`. Run it in a transaction: the grant row is locked.
 */
export async function redeemVoucher(db: Db, workspaceId: string, actor: Actor, input: RedeemVoucherInput): Promise<GrantDto & { alreadyRedeemed: boolean }> {
  const code = input.code.toUpperCase();
  const grant = await db.selectFrom('goodwillGrants').select(GRANT_COLUMNS).where('workspaceId', '=', workspaceId).where('voucherCode', '=', code).forUpdate().executeTakeFirst();
  if (!grant) throw new AppError('not_found', 'No voucher with this code.');
  const orderId = input.orderId ?? null;
  if (grant.redeemedAt) {
    if (grant.redeemedOrderId === orderId) return { ...toGrantDto(grant), alreadyRedeemed: true };
    throw new AppError('conflict', `This voucher was already redeemed on ${grant.redeemedAt.toISOString()}${grant.redeemedOrderId ? ` with order ${grant.redeemedOrderId}` : ''}.`, { reason: 'already_redeemed', redeemedAt: grant.redeemedAt.toISOString() });
  }
  let amountMinor = Number(grant.amountMinor);
  if (input.amount !== undefined) {
    const parsed = parseAmount(input.amount, grant.currency);
    if ('error' in parsed) throw new AppError('invalid', `amount: ${parsed.error}.`, { field: 'amount' });
    if (parsed.minor > amountMinor) throw new AppError('invalid', `amount: the voucher is worth ${toMajor(amountMinor, grant.currency)} ${grant.currency}.`, { field: 'amount' });
    amountMinor = parsed.minor;
  }
  const row = await db
    .updateTable('goodwillGrants')
    .set({ redeemedAt: new Date(), redeemedOrderId: orderId, redeemedAmountMinor: amountMinor })
    .where('id', '=', grant.id)
    .returning(GRANT_COLUMNS)
    .executeTakeFirstOrThrow();
  if (row.conversationId) await recordHistory(db, workspaceId, row.conversationId, actor, 'goodwill.redeemed', { grantId: row.id, orderId, amount: toMajor(amountMinor, row.currency), currency: row.currency });
  return { ...toGrantDto(row), alreadyRedeemed: false };
}
