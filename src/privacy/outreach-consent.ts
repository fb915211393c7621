import { sql } from 'kysely';
import type { Db, Visibility } from '../db/schema.js';
import { AppError } from '../domain/errors.js';
import { OUTREACH_PURPOSE } from './consent-purposes.js';

/**
 * A reply is proactive outreach when the person never wrote to us on its channel: a post that
 * listening found and an agent opened a conversation for was written about us, not to us. Such a
 * reply needs the person's consent, unless it answers in public what they posted in public.
 */
export async function assertOutreachAllowed(db: Db, workspaceId: string, conversation: { contactId: string; channelId: string }, visibility: Visibility): Promise<void> {
  const wrote = await db
    .selectFrom('messages')
    .select('id')
    .where('workspaceId', '=', workspaceId)
    .where('contactId', '=', conversation.contactId)
    .where('channelId', '=', conversation.channelId)
    .where('direction', '=', 'inbound')
    .where(sql<boolean>`NOT (meta ? 'outreach')`)
    .limit(1)
    .executeTakeFirst();
  if (wrote) return;
  if (visibility === 'public' && (await postedPublicly(db, workspaceId, conversation.contactId))) return;
  if (await consentInForce(db, workspaceId, conversation.contactId, conversation.channelId)) return;
  throw new AppError(
    'conflict',
    visibility === 'public'
      ? 'This person has not written to us here and has not agreed to be contacted. Record their consent to outreach first.'
      : 'This person has not written to us privately on this channel and has not agreed to be contacted: a private message would be unsolicited. Answer their post publicly, or record their consent to outreach first.',
    { reason: 'consent_required', purpose: OUTREACH_PURPOSE, contactId: conversation.contactId, channelId: conversation.channelId },
  );
}

async function postedPublicly(db: Db, workspaceId: string, contactId: string): Promise<boolean> {
  const row = await sql<{ yes: boolean }>`
    SELECT EXISTS (SELECT 1 FROM messages WHERE workspace_id = ${workspaceId} AND contact_id = ${contactId} AND direction = 'inbound' AND visibility = 'public')
        OR EXISTS (SELECT 1 FROM mentions WHERE workspace_id = ${workspaceId} AND contact_id = ${contactId}) AS yes`.execute(db);
  return row.rows[0]?.yes ?? false;
}

/** A record for this channel beats one for all channels; within each, the newest record holds. */
async function consentInForce(db: Db, workspaceId: string, contactId: string, channelId: string): Promise<boolean> {
  const latest = await db
    .selectFrom('contactConsents')
    .select('status')
    .where('workspaceId', '=', workspaceId)
    .where('contactId', '=', contactId)
    .where('purpose', '=', OUTREACH_PURPOSE)
    .where((eb) => eb.or([eb('channelId', '=', channelId), eb('channelId', 'is', null)]))
    .orderBy(sql`channel_id IS NULL`)
    .orderBy('recordedAt', 'desc')
    .limit(1)
    .executeTakeFirst();
  return latest?.status === 'given';
}
