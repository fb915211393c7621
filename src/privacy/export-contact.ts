import { type AuditDto, auditTrailOf } from '../db/audit-log.js';
import { type ConsentDto, listConsents } from '../db/consents.js';
import { type ContactDto, getContact, toContactDto } from '../db/contacts.js';
import { type ConversationDto, selectConversations, toConversationDto } from '../db/conversations.js';
import { MESSAGE_COLUMNS, type MessageDto, toMessageDto } from '../db/messages.js';
import type { Db } from '../db/schema.js';
import { contactFamily, conversationsOf } from './contact-data.js';

export interface ContactArchive {
  format: 'parley.contact-export';
  version: 1;
  exportedAt: string;
  workspace: { id: string; name: string };
  contact: ContactDto & { updatedAt: string };
  /** Earlier contact records merged into this one; they still hold what they held at the merge. */
  mergedContacts: ContactDto[];
  identities: { id: string; contactId: string; kind: string; value: string; channelId: string | null; createdAt: string }[];
  conversations: (ConversationDto & { ownedByContact: boolean; messages: MessageDto[]; history: { actorType: string; actorId: string | null; type: string; data: Record<string, unknown>; createdAt: string }[] })[];
  mentions: { id: string; source: string; externalId: string; author: string | null; url: string | null; text: string; language: string | null; sentiment: string | null; messageId: string | null; postedAt: string }[];
  labelCorrections: { messageId: string; field: string; label: string; createdAt: string }[];
  consents: ConsentDto[];
  orders: { orderId: string; orderedAt: string; amountMinor: string; currency: string; status: string }[];
  goodwillGrants: { type: string; amountMinor: string; currency: string; department: string; reason: string; voucherCode: string | null; createdAt: string; redeemedAt: string | null }[];
  /** Satisfaction surveys sent to the contact and what they answered. */
  satisfactionSurveys: { conversationId: string; via: string; status: string; sentAt: string | null; rating: number | null; comment: string | null; answeredAt: string | null }[];
  auditTrail: AuditDto[];
}

/**
 * Everything Parley holds about one contact (Art. 15 and 20 GDPR). Other customers' messages in
 * a shared thread are theirs, not this contact's, and are left out; the company's replies and
 * notes in the contact's own conversations are included.
 */
export async function exportContact(db: Db, workspaceId: string, contactId: string): Promise<ContactArchive> {
  const contact = await getContact(db, workspaceId, contactId);
  const family = await contactFamily(db, workspaceId, contactId);
  const { owned, joined } = await conversationsOf(db, workspaceId, family);
  const conversationIds = [...owned, ...joined];
  const ownedSet = new Set(owned);

  const workspace = await db.selectFrom('workspaces').select(['id', 'name']).where('id', '=', workspaceId).executeTakeFirstOrThrow();
  const merged = await db.selectFrom('contacts').selectAll().where('workspaceId', '=', workspaceId).where('id', 'in', family).where('id', '!=', contactId).execute();
  const identities = await db
    .selectFrom('contactIdentities')
    .select(['id', 'contactId', 'kind', 'value', 'channelId', 'createdAt'])
    .where('workspaceId', '=', workspaceId)
    .where('contactId', 'in', family)
    .orderBy('createdAt')
    .execute();
  const conversations = conversationIds.length === 0 ? [] : await selectConversations(db).where('c.workspaceId', '=', workspaceId).where('c.id', 'in', conversationIds).orderBy('c.createdAt').execute();
  const messages = conversationIds.length === 0 ? [] : await db.selectFrom('messages').select(MESSAGE_COLUMNS).where('workspaceId', '=', workspaceId).where('conversationId', 'in', conversationIds).orderBy('createdAt').orderBy('id').execute();
  const mine = messages.filter((m) => (m.contactId !== null && family.includes(m.contactId)) || (m.direction !== 'inbound' && ownedSet.has(m.conversationId)));
  const messageIds = mine.map((m) => m.id);
  const history = owned.length === 0 ? [] : await db.selectFrom('conversationEvents').select(['conversationId', 'actorType', 'actorId', 'type', 'data', 'createdAt']).where('workspaceId', '=', workspaceId).where('conversationId', 'in', owned).orderBy('id').execute();
  const mentions = await db
    .selectFrom('mentions')
    .select(['id', 'source', 'externalId', 'author', 'url', 'text', 'language', 'sentiment', 'messageId', 'postedAt'])
    .where('workspaceId', '=', workspaceId)
    .where((eb) => eb.or([eb('contactId', 'in', family), ...(messageIds.length > 0 ? [eb('messageId', 'in', messageIds)] : [])]))
    .orderBy('postedAt')
    .execute();
  const corrections = messageIds.length === 0 ? [] : await db.selectFrom('labelCorrections').select(['messageId', 'field', 'label', 'createdAt']).where('workspaceId', '=', workspaceId).where('messageId', 'in', messageIds).orderBy('createdAt').execute();

  const orders = await db.selectFrom('orders').select(['externalId', 'orderedAt', 'amountMinor', 'currency', 'status']).where('workspaceId', '=', workspaceId).where('contactId', 'in', family).orderBy('orderedAt').execute();
  const grants = await db.selectFrom('goodwillGrants').select(['type', 'amountMinor', 'currency', 'department', 'reason', 'voucherCode', 'createdAt', 'redeemedAt']).where('workspaceId', '=', workspaceId).where('contactId', 'in', family).orderBy('createdAt').execute();
  const surveys = await db.selectFrom('csatSurveys').select(['conversationId', 'via', 'status', 'sentAt', 'rating', 'comment', 'answeredAt']).where('workspaceId', '=', workspaceId).where('contactId', 'in', family).orderBy('createdAt').execute();

  return {
    format: 'parley.contact-export',
    version: 1,
    exportedAt: new Date().toISOString(),
    workspace,
    contact: { ...toContactDto(contact), updatedAt: contact.updatedAt.toISOString() },
    mergedContacts: merged.map(toContactDto),
    identities: identities.map((i) => ({ ...i, createdAt: i.createdAt.toISOString() })),
    conversations: conversations.map((c) => ({
      ...toConversationDto(c),
      ownedByContact: ownedSet.has(c.id),
      messages: mine.filter((m) => m.conversationId === c.id).map(toMessageDto),
      history: history.filter((h) => h.conversationId === c.id).map(({ conversationId: _, ...h }) => ({ ...h, createdAt: h.createdAt.toISOString() })),
    })),
    mentions: mentions.map((m) => ({ ...m, postedAt: m.postedAt.toISOString() })),
    labelCorrections: corrections.map((c) => ({ ...c, createdAt: c.createdAt.toISOString() })),
    consents: await listConsents(db, workspaceId, family),
    orders: orders.map((o) => ({ orderId: o.externalId, orderedAt: o.orderedAt.toISOString(), amountMinor: String(o.amountMinor), currency: o.currency, status: o.status })),
    goodwillGrants: grants.map((g) => ({ ...g, amountMinor: String(g.amountMinor), createdAt: g.createdAt.toISOString(), redeemedAt: g.redeemedAt?.toISOString() ?? null })),
    satisfactionSurveys: surveys.map((v) => ({ ...v, sentAt: v.sentAt?.toISOString() ?? null, answeredAt: v.answeredAt?.toISOString() ?? null })),
    auditTrail: await auditTrailOf(db, workspaceId, contactId, conversationIds),
  };
}
