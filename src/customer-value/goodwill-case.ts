import { sql } from 'kysely';
import { getContact } from '../db/contacts.js';
import { getConversation } from '../db/conversations.js';
import { loadLifetimeValue } from '../db/orders.js';
import type { Db } from '../db/schema.js';
import type { GoodwillCase } from '../domain/goodwill.js';
import type { GoodwillPolicy } from '../domain/goodwill-policy.js';
import type { LifetimeValue } from '../domain/lifetime-value.js';
import { CATEGORIES, type Category } from '../nlp/labels.js';

const REPEAT_WINDOW_MS = 90 * 86_400_000;

function asCategory(value: string | null): Category | null {
  return CATEGORIES.find((c) => c === value) ?? null;
}

/** A follower count a shop system or an agent stored on the contact, if it is a sane number. */
function followersAttribute(attributes: Record<string, unknown>): number {
  const v = attributes.followers;
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : 0;
}

/** Gathers what the goodwill recommendation weighs for one conversation. */
export async function loadGoodwillCase(db: Db, workspaceId: string, conversationId: string, policy: GoodwillPolicy, now = new Date()): Promise<{ input: GoodwillCase; lifetimeValue: LifetimeValue; contactId: string }> {
  const conversation = await getConversation(db, workspaceId, conversationId);
  const contact = await getContact(db, workspaceId, conversation.contactId);
  const since = new Date(now.getTime() - REPEAT_WINDOW_MS);
  const [repeats, publicMessage, mentionReach, lifetimeValue] = await Promise.all([
    db
      .selectFrom('conversations')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('workspaceId', '=', workspaceId)
      .where('contactId', '=', contact.id)
      .where('id', '!=', conversation.id)
      .where('createdAt', '>=', since)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('messages')
      .select('id')
      .where('workspaceId', '=', workspaceId)
      .where('conversationId', '=', conversation.id)
      .where('direction', '=', 'inbound')
      .where('visibility', '=', 'public')
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom('mentions')
      .select(sql<number | null>`max(reach)`.as('reach'))
      .where('workspaceId', '=', workspaceId)
      .where('messageId', 'in', db.selectFrom('messages').select('id').where('workspaceId', '=', workspaceId).where('conversationId', '=', conversation.id))
      .executeTakeFirst(),
    loadLifetimeValue(db, workspaceId, contact.id, policy.currency, now),
  ]);
  const input: GoodwillCase = {
    category: asCategory(conversation.category),
    sentiment: conversation.sentiment,
    urgent: conversation.urgent,
    repeatContacts: Number(repeats.n),
    slaBreached: conversation.sla?.breachedAt != null,
    lifetimeValue: { amount: lifetimeValue.historic + lifetimeValue.predicted, currency: lifetimeValue.currency },
    reach: {
      public: conversation.visibility === 'public' || publicMessage !== undefined,
      followers: Math.max(mentionReach?.reach ?? 0, followersAttribute(contact.attributes)),
    },
  };
  return { input, lifetimeValue, contactId: contact.id };
}
