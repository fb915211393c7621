import { type Kysely, sql } from 'kysely';
import { type AuditActor, recordAudit } from '../db/audit-log.js';
import { getConversation } from '../db/conversations.js';
import { enqueueEvents, type EventInput } from '../db/outbox.js';
import type { Database, Db } from '../db/schema.js';
import { trainWorkspace } from '../db/workspace-learning.js';
import { AppError } from '../domain/errors.js';
import { contactFamily, conversationsOf } from './contact-data.js';
import { deleteOutboxEventsMentioning, forgetMentionsInAlerts } from './forget.js';
import { ERASED_TEXT, rebuildConversationText } from '../db/conversation-text.js';

/** What an erased customer's message in someone else's thread says from now on. */


export interface ErasureReport {
  contactId: string;
  contacts: number;
  identities: number;
  consents: number;
  conversationsDeleted: number;
  conversationsRedacted: number;
  messagesDeleted: number;
  messagesRedacted: number;
  mentions: number;
  labelCorrections: number;
  outboxEvents: number;
}

const count = (r: { numDeletedRows: bigint }) => Number(r.numDeletedRows);

/**
 * Erases a contact everywhere (Art. 17 GDPR), in one transaction: the contact and every record
 * merged into it, its identities and consents, the conversations only it took part in (with their
 * messages, history, labels and label corrections), the mentions of its posts, and every outbox
 * event that carried any of it. Its messages in threads shared with other customers are redacted
 * in place, so the others' conversation still reads in order, and those threads' search words,
 * preview and reading are rebuilt without them. The audit log records the erasure with ids and
 * counts only.
 */
export async function eraseContact(db: Kysely<Database>, workspaceId: string, contactId: string, actor: AuditActor): Promise<ErasureReport> {
  try {
    return await db.transaction().execute((trx) => eraseInTransaction(trx, workspaceId, contactId, actor));
  } catch (err) {
    // A message from this person committed while the erasure ran still points at the contact.
    if (typeof err === 'object' && err !== null && 'code' in err && err.code === '23503') {
      throw new AppError('conflict', 'A new message from this contact arrived during the erasure; nothing was erased. Try again.');
    }
    throw err;
  }
}

async function eraseInTransaction(trx: Db, workspaceId: string, contactId: string, actor: AuditActor): Promise<ErasureReport> {
  const locked = await trx
    .selectFrom('contacts')
    .select('id')
    .where('workspaceId', '=', workspaceId)
    .where('id', '=', contactId)
    .where('mergedIntoId', 'is', null)
    .forUpdate()
    .executeTakeFirst();
  if (!locked) throw new AppError('not_found', 'Contact not found.');
  const family = await contactFamily(trx, workspaceId, contactId);
  const { owned, joined } = await conversationsOf(trx, workspaceId, family);

  // A conversation the contact started but others wrote in too is handed to the first other writer.
  const heirs = owned.length === 0 ? [] : (await sql<{ conversationId: string; contactId: string }>`
    SELECT DISTINCT ON (m.conversation_id) m.conversation_id AS "conversationId", m.contact_id AS "contactId"
    FROM messages m
    WHERE m.workspace_id = ${workspaceId} AND m.conversation_id = ANY(${owned}::uuid[])
      AND m.contact_id IS NOT NULL AND NOT m.contact_id = ANY(${family}::uuid[])
    ORDER BY m.conversation_id, m.created_at, m.id`.execute(trx)).rows;
  const inherited = new Set(heirs.map((h) => h.conversationId));
  const doomed = owned.filter((id) => !inherited.has(id));
  const redacted = [...joined, ...inherited];

  const deletedMessages = doomed.length === 0 ? [] : (await trx.selectFrom('messages').select('id').where('workspaceId', '=', workspaceId).where('conversationId', 'in', doomed).execute()).map((m) => m.id);
  const redactedMessages = redacted.length === 0 ? [] : (await trx.selectFrom('messages').select('id').where('workspaceId', '=', workspaceId).where('conversationId', 'in', redacted).where('contactId', 'in', family).execute()).map((m) => m.id);
  const touchedMessages = [...deletedMessages, ...redactedMessages];

  const mentions = await trx
    .deleteFrom('mentions')
    .where('workspaceId', '=', workspaceId)
    .where((eb) => eb.or([eb('contactId', 'in', family), ...(touchedMessages.length > 0 ? [eb('messageId', 'in', touchedMessages)] : [])]))
    .returning('id')
    .execute();
  const mentionIds = mentions.map((m) => m.id);
  await forgetMentionsInAlerts(trx, workspaceId, mentionIds);
  const corrections = touchedMessages.length === 0 ? 0 : count(await trx.deleteFrom('labelCorrections').where('workspaceId', '=', workspaceId).where('messageId', 'in', touchedMessages).executeTakeFirst());

  if (redactedMessages.length > 0) {
    await trx
      .updateTable('messages')
      .set({ text: ERASED_TEXT, html: null, attachments: '[]', pii: '[]', contactId: null, language: null, sentiment: null, sentimentScore: null, category: null, urgent: false, urgentReasons: [] })
      .where('workspaceId', '=', workspaceId)
      .where('id', 'in', redactedMessages)
      .execute();
  }
  for (const heir of heirs) {
    // The subject was the erased person's first words; the thread keeps going without it.
    await trx.updateTable('conversations').set({ contactId: heir.contactId, subject: null }).where('workspaceId', '=', workspaceId).where('id', '=', heir.conversationId).execute();
  }
  if (redacted.length > 0) await rebuildConversationText(trx, workspaceId, redacted);

  // Events are matched by every id they may carry: the contact's, its conversations' and its messages'.
  const outbox = await deleteOutboxEventsMentioning(trx, workspaceId, [...family, ...owned, ...joined, ...touchedMessages]);

  if (doomed.length > 0) await trx.deleteFrom('conversations').where('workspaceId', '=', workspaceId).where('id', 'in', doomed).execute();
  const identities = count(await trx.deleteFrom('contactIdentities').where('workspaceId', '=', workspaceId).where('contactId', 'in', family).executeTakeFirst());
  const consents = count(await trx.deleteFrom('contactConsents').where('workspaceId', '=', workspaceId).where('contactId', 'in', family).executeTakeFirst());
  const contacts = count(await trx.deleteFrom('contacts').where('workspaceId', '=', workspaceId).where('id', 'in', family).executeTakeFirst());
  // The workspace's adaptation learnt from the removed corrections; it is trained again without them.
  if (corrections > 0) await trainWorkspace(trx, workspaceId);

  const report: ErasureReport = {
    contactId,
    contacts,
    identities,
    consents,
    conversationsDeleted: doomed.length,
    conversationsRedacted: redacted.length,
    messagesDeleted: deletedMessages.length,
    messagesRedacted: redactedMessages.length,
    mentions: mentionIds.length,
    labelCorrections: corrections,
    outboxEvents: outbox,
  };
  const { contactId: _, ...counts } = report;
  await recordAudit(trx, workspaceId, actor, { action: 'contact.erased', targetType: 'contact', targetId: contactId, metadata: { ...counts, mergedContactIds: family.filter((id) => id !== contactId) } });
  // Open agent apps drop what they show of the contact; redacted threads are sent again as they now read.
  const events: EventInput[] = [{ type: 'contact.erased', workspaceId, data: { id: contactId, deletedConversationIds: doomed } }];
  for (const id of redacted) events.push({ type: 'conversation.updated', workspaceId, data: { ...(await getConversation(trx, workspaceId, id)) } });
  await enqueueEvents(trx, events);
  return report;
}
