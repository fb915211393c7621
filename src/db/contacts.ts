import { sql } from 'kysely';
import { AppError } from '../domain/errors.js';
import type { Contact, Db } from './schema.js';

export interface ContactDto {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  notes: string;
  tags: string[];
  attributes: Record<string, unknown>;
  createdAt: string;
}

export function toContactDto(c: Contact): ContactDto {
  return {
    id: c.id,
    name: c.name,
    email: c.email,
    phone: c.phone,
    notes: c.notes,
    tags: c.tags,
    attributes: c.attributes,
    createdAt: c.createdAt.toISOString(),
  };
}

export async function getContact(db: Db, workspaceId: string, id: string): Promise<Contact> {
  const contact = await db
    .selectFrom('contacts')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .where('id', '=', id)
    .where('mergedIntoId', 'is', null)
    .executeTakeFirst();
  if (!contact) throw new AppError('not_found', 'Contact not found.');
  return contact;
}

export async function listIdentities(db: Db, workspaceId: string, contactId: string) {
  return db
    .selectFrom('contactIdentities')
    .select(['id', 'kind', 'value', 'channelId', 'createdAt'])
    .where('workspaceId', '=', workspaceId)
    .where('contactId', '=', contactId)
    .orderBy('createdAt')
    .execute();
}

export interface ContactFilter {
  q?: string;
  limit: number;
  cursor?: { createdAt: string; id: string };
}

export async function findContacts(db: Db, workspaceId: string, filter: ContactFilter): Promise<Contact[]> {
  let query = db
    .selectFrom('contacts')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .where('mergedIntoId', 'is', null);
  if (filter.q) {
    const q = filter.q;
    query = query.where((eb) =>
      eb.or([
        eb('search', '@@', sql<string>`websearch_to_tsquery('simple', ${q})`),
        sql<boolean>`name % ${q}`,
        eb('email', 'ilike', `%${escapeLike(q)}%`),
      ]),
    );
  }
  if (filter.cursor) {
    const { createdAt, id } = filter.cursor;
    query = query.where(sql<boolean>`(created_at, id) < (${createdAt}::timestamptz, ${id}::uuid)`);
  }
  return query.orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
}

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export interface ContactPatch {
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  notes?: string;
  tags?: string[];
  attributes?: Record<string, unknown>;
}

export async function updateContact(db: Db, workspaceId: string, id: string, patch: ContactPatch): Promise<Contact> {
  await getContact(db, workspaceId, id);
  const { attributes, ...rest } = patch;
  const row = await db
    .updateTable('contacts')
    .set({ ...rest, ...(attributes !== undefined && { attributes: JSON.stringify(attributes) }), updatedAt: sql<Date>`now()` })
    .where('workspaceId', '=', workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return row;
}

/** Folds `sourceId` into `targetId`: identities, conversations, messages, orders and goodwill grants move; the source stays as a pointer. */
export async function mergeContacts(db: Db, workspaceId: string, targetId: string, sourceId: string): Promise<Contact> {
  if (targetId === sourceId) throw new AppError('invalid', 'A contact cannot be merged into itself.', { field: 'sourceId' });
  const target = await getContact(db, workspaceId, targetId);
  const source = await getContact(db, workspaceId, sourceId);
  await db.updateTable('contactIdentities').set({ contactId: targetId }).where('workspaceId', '=', workspaceId).where('contactId', '=', sourceId).execute();
  await db.updateTable('conversations').set({ contactId: targetId }).where('workspaceId', '=', workspaceId).where('contactId', '=', sourceId).execute();
  await db.updateTable('messages').set({ contactId: targetId }).where('workspaceId', '=', workspaceId).where('contactId', '=', sourceId).execute();
  // The customer's value and the goodwill they received belong to the person, not to one of their records.
  await db.updateTable('orders').set({ contactId: targetId }).where('workspaceId', '=', workspaceId).where('contactId', '=', sourceId).execute();
  await db.updateTable('goodwillGrants').set({ contactId: targetId }).where('workspaceId', '=', workspaceId).where('contactId', '=', sourceId).execute();
  await db.updateTable('contacts').set({ mergedIntoId: targetId, updatedAt: sql<Date>`now()` }).where('id', '=', sourceId).execute();
  return db
    .updateTable('contacts')
    .set({
      name: target.name ?? source.name,
      email: target.email ?? source.email,
      phone: target.phone ?? source.phone,
      notes: [target.notes, source.notes].filter((n) => n.length > 0).join('\n\n'),
      tags: [...new Set([...target.tags, ...source.tags])],
      attributes: JSON.stringify({ ...source.attributes, ...target.attributes }),
      updatedAt: sql<Date>`now()`,
    })
    .where('id', '=', targetId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Moves the given identities (and the conversations held through them) to a new contact. */
export async function splitContact(db: Db, workspaceId: string, contactId: string, identityIds: string[]): Promise<Contact> {
  const contact = await getContact(db, workspaceId, contactId);
  const identities = await listIdentities(db, workspaceId, contactId);
  const moving = identities.filter((i) => identityIds.includes(i.id));
  if (moving.length !== identityIds.length || moving.length === 0) {
    throw new AppError('invalid', 'Every identity to split off must belong to this contact.', { field: 'identityIds' });
  }
  if (moving.length === identities.length) {
    throw new AppError('invalid', 'At least one identity must stay with the contact.', { field: 'identityIds' });
  }
  const email = moving.find((i) => i.kind === 'email')?.value ?? null;
  const phone = moving.find((i) => i.kind === 'phone')?.value ?? null;
  const created = await db
    .insertInto('contacts')
    .values({ workspaceId, name: contact.name, email, phone, attributes: '{}' })
    .returningAll()
    .executeTakeFirstOrThrow();
  await db.updateTable('contactIdentities').set({ contactId: created.id }).where('id', 'in', identityIds).execute();
  const channelIds = moving.filter((i) => i.kind.startsWith('channel:')).map((i) => i.kind.slice('channel:'.length));
  if (channelIds.length > 0) {
    const convs = db.selectFrom('conversations').select('id').where('contactId', '=', contactId).where('channelId', 'in', channelIds);
    await db.updateTable('messages').set({ contactId: created.id }).where('conversationId', 'in', convs).where('contactId', '=', contactId).execute();
    await db.updateTable('conversations').set({ contactId: created.id }).where('contactId', '=', contactId).where('channelId', 'in', channelIds).execute();
  }
  return created;
}
