import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.js';
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
