import { getContact } from '../db/contacts.js';
import { channelIdentity, emailIdentity, phoneIdentity } from '../db/identities.js';
import type { Db } from '../db/schema.js';
import type { InboundMessage } from '../pipeline/inbound.js';

export interface Person {
  name?: string | undefined;
  phone?: string | undefined;
  email?: string | undefined;
}

/**
 * Who a logged call or an entered letter is from. A known contact is named by id: its identity
 * on the channel is recorded first, so the one ingestion path finds that very contact. A person
 * the agent describes is found by phone or e-mail like any sender, or created.
 */
export async function offlineSender(db: Db, workspaceId: string, channelId: string, who: { contactId?: string | undefined; person?: Person | undefined }, anonymousId: string): Promise<InboundMessage['from']> {
  if (who.contactId) {
    const contact = await getContact(db, workspaceId, who.contactId);
    const id = `contact:${contact.id}`;
    const identity = channelIdentity(channelId, id);
    await db
      .insertInto('contactIdentities')
      .values({ workspaceId, contactId: contact.id, kind: identity.kind, value: identity.value, channelId })
      .onConflict((oc) => oc.columns(['workspaceId', 'kind', 'value']).doNothing())
      .execute();
    return { id, ...(contact.name && { name: contact.name }) };
  }
  const p = who.person ?? {};
  const id = p.phone ? phoneIdentity(p.phone).value : p.email ? emailIdentity(p.email).value : `anonymous:${anonymousId}`;
  return { id, ...(p.name && { name: p.name }), ...(p.phone && { phone: p.phone }), ...(p.email && { email: p.email }) };
}
