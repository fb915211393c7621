import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { createCannedResponse } from '../db/canned-responses.js';
import { createLabel } from '../db/labels.js';
import type { Database } from '../db/schema.js';
import { createTeam } from '../db/teams.js';
import { createUser, findUserByEmail, updateUser } from '../db/users.js';
import { createWorkspace } from '../db/workspaces.js';
import { setConversationLabel, updateConversation } from '../inbox/update-conversation.js';
import { acceptInbound } from '../pipeline/accept-inbound.js';
import { sendMessage } from '../pipeline/send-message.js';
import { parseSlaPolicies } from '../domain/sla-policy.js';
import { callbackHook } from '../pipeline/callback-hook.js';
import { slaHook } from '../pipeline/sla-hook.js';
import { seedDemoReviews } from './reviews.js';
import { seedDemoArticles } from './articles.js';
import { DEMO_CANNED, DEMO_CHANNELS, DEMO_CONVERSATIONS, DEMO_LABELS, DEMO_SLA_POLICIES } from './conversations.js';

export const DEMO_SLUG = 'demo';
export const DEMO_ADMIN = 'admin@demo.example';

export interface DemoLogin {
  email: string;
  /** Null when the workspace existed already and no password was given: it was printed at its first start. */
  password: string | null;
  created: boolean;
}

/** Creates the demo workspace on first start; later starts only apply PARLEY_DEMO_PASSWORD if given. */
export async function ensureDemoWorkspace(db: Kysely<Database>, givenPassword: string | undefined): Promise<DemoLogin> {
  const existing = await db.selectFrom('workspaces').select('id').where('slug', '=', DEMO_SLUG).executeTakeFirst();
  if (existing) {
    const admin = await findUserByEmail(db, DEMO_ADMIN);
    if (givenPassword && admin) await updateUser(db, existing.id, admin.id, { password: givenPassword });
    return { email: DEMO_ADMIN, password: givenPassword ?? null, created: false };
  }
  const password = givenPassword ?? randomBytes(9).toString('base64url');
  await seedDemo(db, password);
  return { email: DEMO_ADMIN, password, created: true };
}

async function seedDemo(db: Kysely<Database>, password: string): Promise<void> {
  const ws = await createWorkspace(db, { slug: DEMO_SLUG, name: 'Nordlicht Shop (Demo)', locale: 'de' });
  const admin = await createUser(db, ws.id, { email: DEMO_ADMIN, name: 'Lea Hoffmann', role: 'admin', password });
  await db.updateTable('workspaces').set({ slaPolicies: JSON.stringify(parseSlaPolicies(DEMO_SLA_POLICIES)) }).where('id', '=', ws.id).execute();
  const hooks = [slaHook(), callbackHook()];
  const agent = await createUser(db, ws.id, { email: 'jonas@demo.example', name: 'Jonas Weber', role: 'agent', password });
  const mara = await createUser(db, ws.id, { email: 'mara@demo.example', name: 'Mara Schulz', role: 'agent', password });
  const service = await createTeam(db, ws.id, { name: 'Service', kind: 'service', memberIds: [admin.id, agent.id] });
  await createTeam(db, ws.id, { name: 'Marketing', kind: 'marketing', memberIds: [mara.id] });
  await createTeam(db, ws.id, { name: 'Vertrieb', kind: 'sales' });
  for (const c of DEMO_CANNED) await createCannedResponse(db, ws.id, { ...c, createdBy: admin.id });
  await seedDemoArticles(db, ws.id, admin.id);
  const labels = new Map<string, string>();
  for (const name of DEMO_LABELS) labels.set(name, (await createLabel(db, ws.id, { name })).id);

  const channels = new Map<string, { id: string; workspaceId: string; type: string; disabledAt: Date | null }>();
  for (const c of DEMO_CHANNELS) {
    const row = await db
      .insertInto('channels')
      .values({ workspaceId: ws.id, type: c.type, name: c.name, settings: JSON.stringify({ sandbox: true }) })
      .returning(['id', 'workspaceId', 'type', 'disabledAt'])
      .executeTakeFirstOrThrow();
    channels.set(c.key, row);
  }

  const trustpilot = channels.get('trustpilot');
  if (trustpilot) await seedDemoReviews(db, ws.id, trustpilot, hooks);

  const actor = { type: 'user' as const, id: admin.id };
  let n = 0;
  for (const conv of DEMO_CONVERSATIONS) {
    const channel = channels.get(conv.channel);
    if (!channel) continue;
    let conversationId = '';
    for (const m of conv.messages) {
      const at = new Date(Date.now() - m.minutesAgo * 60_000);
      let messageId: string;
      if (m.by === 'customer') {
        const accepted = await acceptInbound(db, channel, {
          externalId: `demo-${++n}`,
          from: conv.customer,
          text: m.text,
          ...(conv.subject && { subject: conv.subject }),
          ...(conv.visibility && { visibility: conv.visibility }),
          sentAt: at,
          ...(m.meta && { meta: m.meta }),
        }, hooks);
        conversationId = accepted.conversationId;
        messageId = accepted.messageId;
      } else {
        messageId = (await sendMessage(db, ws.id, conversationId, actor, { text: m.text, type: m.by === 'agent' ? 'reply' : 'note' })).id;
      }
      await db.updateTable('messages').set({ createdAt: at }).where('id', '=', messageId).execute();
    }
    await backdate(db, conversationId);
    if (conv.labels) for (const l of conv.labels) await setConversationLabel(db, ws.id, conversationId, actor, labels.get(l) ?? '', true);
    await updateConversation(db, ws.id, conversationId, actor, {
      ...(conv.status && { status: conv.status }),
      ...(conv.priority && { priority: conv.priority }),
      ...(conv.tier && { tier: conv.tier, teamId: service.id, handoverNote: 'Zweite Ebene: bitte Ware und Verlauf prüfen, Kundin nicht erneut nach Details fragen.' }),
      ...(conv.tier && conv.tier > 1 && { assigneeId: agent.id }),
    });
  }
}

/** Spreads the demo over the last hours and days, as a real inbox would look. */
async function backdate(db: Kysely<Database>, conversationId: string): Promise<void> {
  await db
    .updateTable('conversations')
    .set({
      createdAt: sql<Date>`(SELECT min(created_at) FROM messages WHERE conversation_id = ${conversationId})`,
      lastMessageAt: sql<Date>`(SELECT max(created_at) FROM messages WHERE conversation_id = ${conversationId} AND direction <> 'note')`,
      lastInboundAt: sql<Date>`(SELECT max(created_at) FROM messages WHERE conversation_id = ${conversationId} AND direction = 'inbound')`,
      firstResponseAt: sql<Date>`(SELECT min(created_at) FROM messages WHERE conversation_id = ${conversationId} AND direction = 'outbound')`,
    })
    .where('id', '=', conversationId)
    .execute();
}
