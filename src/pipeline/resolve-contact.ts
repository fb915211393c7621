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

/**
 * Finds the sender's contact by any identity (same e-mail or phone on any channel finds the
 * same person) or creates one. Identities it did not know yet are added to it.
 */
export async function resolveContact(trx: Db, workspaceId: string, channelId: string, from: InboundMessage['from']): Promise<ResolvedContact> {
  const identities = senderIdentities(channelId, from);
  const existing = await findContactByIdentities(trx, workspaceId, identities);
  if (existing) {
    const target = await followMerges(trx, existing);
    await attachIdentities(trx, workspaceId, target, identities, channelId);
    await trx
      .updateTable('contacts')
      .set((eb) => ({
        name: eb.fn.coalesce('name', eb.val(from.name ?? null)),
        email: eb.fn.coalesce('email', eb.val(from.email?.toLowerCase() ?? null)),
        phone: eb.fn.coalesce('phone', eb.val(from.phone ?? null)),
      }))
      .where('id', '=', target)
      .where((eb) => eb.or([eb('name', 'is', null), eb('email', 'is', null), eb('phone', 'is', null)]))
      .execute();
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
