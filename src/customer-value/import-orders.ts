import { sql } from 'kysely';
import { getContact } from '../db/contacts.js';
import { type ContactOrder, findOrdersOfOtherContacts, upsertOrders } from '../db/orders.js';
import type { Db } from '../db/schema.js';
import { AppError, isAppError } from '../domain/errors.js';
import { type ContactRef, type LineProblem, parseOrderCsv } from '../domain/order-csv.js';
import { parseOrder } from '../domain/orders.js';
import { SYSTEM } from '../db/history.js';
import { redeemVoucher } from './redeem-voucher.js';

export interface IndexProblem {
  index: number;
  field: string;
  message: string;
}

export interface ImportResult {
  imported: number;
  created: number;
  updated: number;
  /** Goodwill vouchers newly recorded as redeemed by these orders. */
  vouchersRedeemed?: number;
}

function rejectBatch(problems: IndexProblem[]): AppError {
  const first = problems[0] as IndexProblem;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  return new AppError('invalid', `orders[${first.index}].${first.field}: ${first.message}${more}. Nothing was imported.`, { field: `orders.${first.index}.${first.field}`, errors: problems });
}

function rejectCsv(problems: LineProblem[]): AppError {
  const sorted = [...problems].sort((a, b) => a.line - b.line);
  const first = sorted[0] as LineProblem;
  const count = sorted.length === 1 ? 'One problem' : `${sorted.length} problems`;
  return new AppError('invalid', `${count} in the CSV; nothing was imported. Line ${first.line}, ${first.field}: ${first.message}.`, { field: 'csv', errors: sorted });
}

/**
 * Imports one contact's orders as a whole: every row is checked first and a single bad row rejects
 * the batch, so a caller never has to find out which half made it in. Run it in a transaction.
 */
export async function importContactOrders(db: Db, workspaceId: string, contactId: string, rows: readonly Record<string, unknown>[], now = new Date()): Promise<ImportResult> {
  await getContact(db, workspaceId, contactId);
  const problems: IndexProblem[] = [];
  const orders: ContactOrder[] = [];
  const seen = new Map<string, number>();
  rows.forEach((raw, index) => {
    const parsed = parseOrder(raw, now);
    if ('problems' in parsed) {
      problems.push(...parsed.problems.map((p) => ({ index, ...p })));
      return;
    }
    const earlier = seen.get(parsed.order.orderId);
    if (earlier !== undefined) {
      problems.push({ index, field: 'id', message: `order ${parsed.order.orderId} appears already at index ${earlier}` });
      return;
    }
    seen.set(parsed.order.orderId, index);
    orders.push({ ...parsed.order, contactId });
  });
  if (problems.length > 0) throw rejectBatch(problems);
  const foreign = await findOrdersOfOtherContacts(db, workspaceId, orders);
  if (foreign.size > 0) {
    throw rejectBatch(orders.flatMap((o) => (foreign.has(o.orderId) ? [{ index: seen.get(o.orderId) ?? 0, field: 'id', message: `order ${o.orderId} belongs to another contact` }] : [])));
  }
  const { created, updated } = await upsertOrders(db, workspaceId, orders);
  const vouchersRedeemed = await redeemOrderVouchers(db, workspaceId, orders, seen);
  return { imported: orders.length, created, updated, ...(vouchersRedeemed > 0 && { vouchersRedeemed }) };
}

/** Orders that name a voucher redeem it on that order; an unknown code or one used elsewhere rejects the batch. */
async function redeemOrderVouchers(db: Db, workspaceId: string, orders: readonly ContactOrder[], index: ReadonlyMap<string, number>): Promise<number> {
  const problems: IndexProblem[] = [];
  let redeemed = 0;
  for (const order of orders) {
    if (!order.voucherCode) continue;
    try {
      const result = await redeemVoucher(db, workspaceId, SYSTEM, { code: order.voucherCode, orderId: order.orderId });
      if (!result.alreadyRedeemed) redeemed++;
    } catch (err) {
      if (!isAppError(err) || (err.code !== 'not_found' && err.code !== 'conflict')) throw err;
      problems.push({ index: index.get(order.orderId) ?? 0, field: 'voucherCode', message: err.code === 'not_found' ? 'no voucher with this code' : err.message.replace(/\.$/, '') });
    }
  }
  if (problems.length > 0) throw rejectBatch(problems);
  return redeemed;
}

const refKey = (r: ContactRef): string => (r.kind === 'id' ? `id:${r.id}` : `email:${r.email}`);

/**
 * Finds the contact each reference means. An id of a contact merged into another resolves to the one it
 * was merged into; an e-mail matches the contact's address or any of its e-mail identities, and an
 * address shared by several contacts is ambiguous rather than guessed.
 */
async function resolveContactRefs(db: Db, workspaceId: string, refs: readonly ContactRef[]): Promise<Map<string, { contactId: string } | { error: string }>> {
  const out = new Map<string, { contactId: string } | { error: string }>();
  const ids = [...new Set(refs.flatMap((r) => (r.kind === 'id' ? [r.id] : [])))];
  const emails = [...new Set(refs.flatMap((r) => (r.kind === 'email' ? [r.email] : [])))];

  const pointer = new Map<string, string | null>();
  let pending = ids;
  // Merges can chain (A into B, later B into C); a few hops cover any real history.
  for (let hop = 0; hop < 10 && pending.length > 0; hop += 1) {
    const rows = await db.selectFrom('contacts').select(['id', 'mergedIntoId']).where('workspaceId', '=', workspaceId).where('id', 'in', pending).execute();
    for (const r of rows) pointer.set(r.id, r.mergedIntoId);
    pending = [...new Set(rows.flatMap((r) => (r.mergedIntoId && !pointer.has(r.mergedIntoId) ? [r.mergedIntoId] : [])))];
  }
  const live = (id: string): string | null => {
    let current = id;
    for (let hop = 0; hop < 10; hop += 1) {
      const next = pointer.get(current);
      if (next === undefined) return null;
      if (next === null) return current;
      current = next;
    }
    return null;
  };
  for (const id of ids) {
    const contactId = live(id);
    out.set(`id:${id}`, contactId ? { contactId } : { error: `no contact with the id ${id}` });
  }

  if (emails.length > 0) {
    const byEmail = new Map<string, Set<string>>();
    const viaIdentity = await db.selectFrom('contactIdentities').select(['value', 'contactId']).where('workspaceId', '=', workspaceId).where('kind', '=', 'email').where('value', 'in', emails).execute();
    const viaContact = await db
      .selectFrom('contacts')
      .select([sql<string>`lower(email)`.as('value'), 'id as contactId'])
      .where('workspaceId', '=', workspaceId)
      .where('mergedIntoId', 'is', null)
      .where(sql<string>`lower(email)`, 'in', emails)
      .execute();
    for (const r of [...viaIdentity, ...viaContact]) byEmail.set(r.value, (byEmail.get(r.value) ?? new Set()).add(r.contactId));
    for (const email of emails) {
      const found = [...(byEmail.get(email) ?? [])];
      out.set(
        `email:${email}`,
        found.length === 1 && found[0] ? { contactId: found[0] } : { error: found.length === 0 ? `no contact with the e-mail address ${email}` : `${found.length} contacts have the e-mail address ${email}; use the contact id` },
      );
    }
  }
  return out;
}

/** Imports a CSV of orders for many contacts, all or nothing; problems come back line by line. Run it in a transaction. */
export async function importOrderCsv(db: Db, workspaceId: string, csv: string, now = new Date()): Promise<ImportResult & { contacts: number }> {
  const { orders, problems } = parseOrderCsv(csv, now);
  const resolved = await resolveContactRefs(db, workspaceId, orders.map((o) => o.contact));
  const rows: (ContactOrder & { line: number })[] = [];
  for (const o of orders) {
    const hit = resolved.get(refKey(o.contact));
    if (!hit || 'error' in hit) problems.push({ line: o.line, field: 'contact', message: hit && 'error' in hit ? hit.error : 'not found' });
    else rows.push({ line: o.line, contactId: hit.contactId, orderId: o.orderId, orderedAt: o.orderedAt, amountMinor: o.amountMinor, currency: o.currency, status: o.status });
  }
  const foreign = await findOrdersOfOtherContacts(db, workspaceId, rows);
  for (const r of rows) if (foreign.has(r.orderId)) problems.push({ line: r.line, field: 'orderId', message: `order ${r.orderId} belongs to another contact` });
  if (problems.length > 0) throw rejectCsv(problems);
  const { created, updated } = await upsertOrders(db, workspaceId, rows);
  return { imported: rows.length, created, updated, contacts: new Set(rows.map((r) => r.contactId)).size };
}
