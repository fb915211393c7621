import { sql } from 'kysely';
import { attachIdentities, findContactByIdentities } from '../db/contacts.js';
import { channelIdentity, emailIdentity, type Identity, phoneIdentity } from '../db/identities.js';
import type { Db } from '../db/schema.js';
import type { InboundMessage } from './inbound.js';

export interface ResolvedContact {
  contactId: string;
  created: boolean;
}

/** The identities a sender brings, the most specific first. */
export function senderIdentities(channelId: string, from: InboundMessage['from']): Identity[] {
  const ids = [channelIdentity(channelId, from.id)];
  if (from.email) ids.push(emailIdentity(from.email));
  if (from.phone) ids.push(phoneIdentity(from.phone));
  return ids;
}

interface Known {
  kind: string;
  value: string;
  contactId: string;
  mergedIntoId: string | null;
  name: string | null;
  email: string | null;
  phone: string | null;
}

/**
 * Finds the sender's contact by any identity (same e-mail or phone on any channel finds the
 * same person) or creates one. A returning sender costs one query; identities and details it
 * did not know yet are added.
 */
export async function resolveContact(trx: Db, workspaceId: string, channelId: string, from: InboundMessage['from']): Promise<ResolvedContact> {
  const identities = senderIdentities(channelId, from);
  const known: Known[] = await trx
    .selectFrom('contactIdentities as ci')
    .innerJoin('contacts as c', 'c.id', 'ci.contactId')
    .select(['ci.kind', 'ci.value', 'ci.contactId', 'c.mergedIntoId', 'c.name', 'c.email', 'c.phone'])
    .where('ci.workspaceId', '=', workspaceId)
    .where((eb) => eb.or(identities.map((i) => eb.and([eb('ci.kind', '=', i.kind), eb('ci.value', '=', i.value)]))))
    .execute();
  const first = identities.map((i) => known.find((k) => k.kind === i.kind && k.value === i.value)).find((k) => k !== undefined);
  if (first) {
    const target = first.mergedIntoId ? await followMerges(trx, first.mergedIntoId) : first.contactId;
    const missing = identities.filter((i) => !known.some((k) => k.kind === i.kind && k.value === i.value));
    if (missing.length > 0) await attachIdentities(trx, workspaceId, target, missing, channelId);
    const fills = {
      ...(first.name === null && from.name && { name: from.name }),
      ...(first.email === null && from.email && { email: from.email.toLowerCase() }),
      ...(first.phone === null && from.phone && { phone: from.phone }),
    };
    if (Object.keys(fills).length > 0) {
      await trx.updateTable('contacts').set({ ...fills, updatedAt: sql<Date>`now()` }).where('id', '=', target).execute();
    }
    return { contactId: target, created: false };
  }
  const contact = await trx
    .insertInto('contacts')
    .values({ workspaceId, name: from.name ?? null, email: from.email?.toLowerCase() ?? null, phone: from.phone ?? null, attributes: '{}' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const attached = await attachIdentities(trx, workspaceId, contact.id, identities, channelId);
  if (attached.length === 0) {
    // Another delivery created the same person between our look-up and insert: use theirs.
    await trx.deleteFrom('contacts').where('id', '=', contact.id).execute();
    const winner = await findContactByIdentities(trx, workspaceId, identities);
    if (winner) return { contactId: await followMerges(trx, winner), created: false };
  }
  return { contactId: contact.id, created: true };
}

async function followMerges(trx: Db, contactId: string): Promise<string> {
  let id = contactId;
  for (let hops = 0; hops < 10; hops++) {
    const row = await trx.selectFrom('contacts').select('mergedIntoId').where('id', '=', id).executeTakeFirstOrThrow();
    if (!row.mergedIntoId) return id;
    id = row.mergedIntoId;
  }
  return id;
}
