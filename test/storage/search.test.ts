import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.js';
import type { ConversationStatus } from '../../src/db/schema.js';
import { findConversations, SEARCH_CANDIDATES } from '../../src/inbox/find-conversations.js';
import { updateConversation } from '../../src/inbox/update-conversation.js';
import { storeInbound } from '../../src/pipeline/accept-inbound.js';
import { sendMessage } from '../../src/pipeline/send-message.js';
import { backends } from '../support/backends.js';
import { workspaceWithChannel } from '../support/fixtures.js';

for (const backend of backends()) {
  describe(`${backend.name}: searching conversations`, () => {
    let h: DatabaseHandle & { drop(): Promise<void> };
    let workspaceId: string;
    let rare: string;
    beforeAll(async () => {
      h = await backend.create();
      const w = await workspaceWithChannel(h.db);
      workspaceId = w.workspaceId;
      // More conversations mention "Paket" than a search ranks in full: the dense path.
      const items = Array.from({ length: SEARCH_CANDIDATES + 100 }, (_, i) => ({
        channel: w.channel,
        msg: { externalId: `s${i}`, from: { id: `p${i}` }, text: i === 7 ? 'Mein Paket mit der Wärmflasche fehlt' : `Wo ist mein Paket ${i}?` },
      }));
      for (let i = 0; i < items.length; i += 500) await h.db.transaction().execute((trx) => storeInbound(trx, items.slice(i, i + 500), []));
      const [one] = await h.db.transaction().execute((trx) => storeInbound(trx, [{ channel: w.channel, msg: { externalId: 'sub', from: { id: 'q' }, text: 'Guten Tag', subject: 'Rechnungskorrektur Januar' } }], []));
      rare = one?.conversationId ?? '';
    });
    afterAll(async () => h.drop());

    it('finds a rare word and stems German inflections', async () => {
      const page = await findConversations(h.db, workspaceId, { q: 'Wärmflaschen', limit: 10 });
      expect(page.items).toHaveLength(1);
      expect(page.items[0]?.preview).toContain('Wärmflasche');
    });

    it('finds the subject and words of replies and notes', async () => {
      expect((await findConversations(h.db, workspaceId, { q: 'Rechnungskorrektur', limit: 10 })).items.map((c) => c.id)).toEqual([rare]);
      await sendMessage(h.db, workspaceId, rare, { type: 'system', id: null }, { text: 'Gutschrift über 12 Euro veranlasst', type: 'note' });
      expect((await findConversations(h.db, workspaceId, { q: 'Gutschrift', limit: 10 })).items.map((c) => c.id)).toEqual([rare]);
    });

    it('ranks a dense word among the newest matches and pages through them', async () => {
      const first = await findConversations(h.db, workspaceId, { q: 'Paket', limit: 25 });
      expect(first.items).toHaveLength(25);
      expect(first.nextCursor).not.toBeNull();
      const second = await findConversations(h.db, workspaceId, { q: 'Paket', limit: 25, cursor: first.nextCursor ?? '' });
      expect(second.items).toHaveLength(25);
      expect(new Set([...first.items, ...second.items].map((c) => c.id)).size).toBe(50);
    });

    it('applies the inbox filters to a search', async () => {
      const target = (await findConversations(h.db, workspaceId, { q: 'Wärmflasche', limit: 1 })).items[0];
      if (!target) throw new Error('missing');
      await updateConversation(h.db, workspaceId, target.id, { type: 'system', id: null }, { status: 'resolved' });
      const resolved = await findConversations(h.db, workspaceId, { q: 'Paket', status: ['resolved'], limit: 25 });
      expect(resolved.items.map((c) => c.id)).toEqual([target.id]);
      const open = await findConversations(h.db, workspaceId, { q: 'Wärmflasche', status: ['open'], limit: 25 });
      expect(open.items).toHaveLength(0);
    });
  });
}

for (const backend of backends()) {
  describe(`${backend.name}: searching a large inbox`, () => {
    let h: DatabaseHandle & { drop(): Promise<void> };
    let workspaceId: string;
    beforeAll(async () => {
      h = await backend.create();
      const w = await workspaceWithChannel(h.db);
      workspaceId = w.workspaceId;
      const contact = await h.db.insertInto('contacts').values({ workspaceId, name: 'Kundin' }).returning('id').executeTakeFirstOrThrow();
      // 3,000 conversations: the newest 2,000 a minute apart, the older ones a thousand minutes
      // apart. "Toaster" is in every tenth of the newest and every fourth of the older, some
      // twice; "Wasserkocher" is only in the oldest; "Mixer" is everywhere.
      await sql`
        INSERT INTO conversations (workspace_id, channel_id, contact_id, status, last_message_at, created_at, search)
        SELECT ${workspaceId}, ${w.channel.id}, ${contact.id}, CASE WHEN g % 3 = 0 THEN 'resolved' ELSE 'open' END, at, at,
               search_vector(NULL, 'Mixer ' || g
                 || CASE WHEN toaster THEN ' Toaster' ELSE '' END
                 || CASE WHEN toaster AND g % 7 = 0 THEN ' Toaster Toaster' ELSE '' END
                 || CASE WHEN g = 3000 THEN ' Wasserkocher' ELSE '' END)
        FROM generate_series(1, 3000) g,
             LATERAL (SELECT now() - make_interval(mins => CASE WHEN g <= 2000 THEN g ELSE 2000 + (g - 2000) * 1000 END) AS at,
                             (g <= 2000 AND g % 10 = 0) OR (g > 2000 AND g % 4 = 0) AS toaster) v`.execute(h.db);
    });
    afterAll(async () => h.drop());

    /** What a search must return: its newest SEARCH_CANDIDATES matches, best match first. */
    async function expected(q: string, status?: string): Promise<string[]> {
      const tsq = sql`(websearch_to_tsquery('german', ${q}) || websearch_to_tsquery('english', ${q}))`;
      const res = await sql<{ id: string }>`
        SELECT id FROM (
          SELECT id, last_message_at, search FROM conversations
          WHERE workspace_id = ${workspaceId} AND search @@ ${tsq} ${status ? sql`AND status = ${status}` : sql``}
          ORDER BY last_message_at DESC LIMIT ${SEARCH_CANDIDATES}) newest
        ORDER BY ts_rank_cd(search, ${tsq}) DESC, last_message_at DESC`.execute(h.db);
      return res.rows.map((r) => r.id);
    }

    async function allPages(q: string, status?: ConversationStatus): Promise<string[]> {
      const ids: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await findConversations(h.db, workspaceId, { q, limit: 25, cursor, ...(status ? { status: [status] } : {}) });
        ids.push(...page.items.map((c) => c.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return ids;
    }

    it('ranks the newest matches of a word that is rare among the newest conversations', async () => {
      const want = await expected('Toaster');
      expect(want).toHaveLength(SEARCH_CANDIDATES);
      expect(await allPages('Toaster')).toEqual(want);
      expect(await allPages('Toaster', 'resolved')).toEqual(await expected('Toaster', 'resolved'));
    });

    it('ranks the newest matches of a word in every conversation', async () => {
      expect(await allPages('Mixer')).toEqual(await expected('Mixer'));
    });

    it('finds a word only the oldest conversation has', async () => {
      const found = await allPages('Wasserkocher');
      expect(found).toHaveLength(1);
      expect(found).toEqual(await expected('Wasserkocher'));
    });
  });
}
