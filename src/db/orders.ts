import { sql } from 'kysely';
import { AppError } from '../domain/errors.js';
import { type LifetimeValue, lifetimeValue, type LtvOrder } from '../domain/lifetime-value.js';
import { toMajor } from '../domain/money.js';
import type { OrderInput, OrderStatus } from '../domain/orders.js';
import type { Db } from './schema.js';

export interface OrderDto {
  id: string;
  date: string;
  amount: number;
  currency: string;
  status: OrderStatus;
  createdAt: string;
  updatedAt: string;
}

export type ContactOrder = OrderInput & { contactId: string };
export interface OrderCursor {
  date: string;
  id: string;
}

const CHUNK = 1000;

/** Orders among `orderIds` that the workspace already holds for a different contact than the one given. */
export async function findOrdersOfOtherContacts(db: Db, workspaceId: string, rows: readonly ContactOrder[]): Promise<Map<string, string>> {
  const owner = new Map<string, string>();
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const existing = await db
      .selectFrom('orders')
      .select(['externalId', 'contactId'])
      .where('workspaceId', '=', workspaceId)
      .where('externalId', 'in', chunk.map((r) => r.orderId))
      .execute();
    for (const e of existing) owner.set(e.externalId, e.contactId);
  }
  const foreign = new Map<string, string>();
  for (const r of rows) {
    const current = owner.get(r.orderId);
    if (current !== undefined && current !== r.contactId) foreign.set(r.orderId, current);
  }
  return foreign;
}

/**
 * Inserts new orders and updates known ones (same workspace and order id) in place. An order that
 * meanwhile belongs to another contact is left alone and reported as a conflict, so a race between two
 * imports can never move an order silently.
 */
export async function upsertOrders(db: Db, workspaceId: string, rows: readonly ContactOrder[]): Promise<{ created: number; updated: number }> {
  let created = 0;
  let updated = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const written = await db
      .insertInto('orders')
      .values(chunk.map((r) => ({ workspaceId, contactId: r.contactId, externalId: r.orderId, orderedAt: r.orderedAt, amountMinor: r.amountMinor, currency: r.currency, status: r.status })))
      .onConflict((oc) =>
        oc
          .columns(['workspaceId', 'externalId'])
          .doUpdateSet((eb) => ({
            orderedAt: eb.ref('excluded.orderedAt'),
            amountMinor: eb.ref('excluded.amountMinor'),
            currency: eb.ref('excluded.currency'),
            status: eb.ref('excluded.status'),
            updatedAt: sql<Date>`now()`,
          }))
          .whereRef('orders.contactId', '=', 'excluded.contactId'),
      )
      .returning(sql<boolean>`xmax = 0`.as('inserted'))
      .execute();
    if (written.length !== chunk.length) throw new AppError('conflict', 'Some of these orders were just imported for another contact; nothing was imported. Try again.');
    for (const w of written) {
      if (w.inserted) created += 1;
      else updated += 1;
    }
  }
  return { created, updated };
}

/** A contact's orders, newest first, a page at a time. */
export async function listOrders(db: Db, workspaceId: string, contactId: string, limit: number, cursor?: OrderCursor): Promise<{ items: OrderDto[]; next: OrderCursor | null }> {
  let q = db
    .selectFrom('orders')
    .select(['id', 'externalId', 'orderedAt', 'amountMinor', 'currency', 'status', 'createdAt', 'updatedAt'])
    .where('workspaceId', '=', workspaceId)
    .where('contactId', '=', contactId);
  if (cursor) q = q.where(sql<boolean>`(ordered_at, id) < (${cursor.date}::timestamptz, ${cursor.id}::uuid)`);
  const rows = await q.orderBy('orderedAt', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      id: r.externalId,
      date: r.orderedAt.toISOString(),
      amount: toMajor(Number(r.amountMinor), r.currency),
      currency: r.currency,
      status: r.status,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    })),
    next: rows.length > limit && last ? { date: last.orderedAt.toISOString(), id: last.id } : null,
  };
}

/** What `lifetimeValue` reads of an order. */
export const LTV_ORDER_COLUMNS = ['orderedAt', 'amountMinor', 'currency', 'status'] as const;

/** An order as read with `LTV_ORDER_COLUMNS`, as a row or from JSON (where the date is text). */
export function toLtvOrder(r: { orderedAt: Date | string; amountMinor: number | string; currency: string; status: OrderStatus }): LtvOrder {
  return { orderedAt: new Date(r.orderedAt), amountMinor: Number(r.amountMinor), currency: r.currency, status: r.status };
}

export async function loadLifetimeValue(db: Db, workspaceId: string, contactId: string, workspaceCurrency: string, now = new Date()): Promise<LifetimeValue> {
  const rows = await db.selectFrom('orders').select(LTV_ORDER_COLUMNS).where('workspaceId', '=', workspaceId).where('contactId', '=', contactId).execute();
  return lifetimeValue(rows.map(toLtvOrder), { now, workspaceCurrency });
}
