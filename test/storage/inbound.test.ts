import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getContact, listIdentities, mergeContacts, splitContact } from '../../src/db/contacts.js';
import type { DatabaseHandle } from '../../src/db/database.js';
import { findConversations } from '../../src/inbox/find-conversations.js';
import { acceptInbound, storeInbound } from '../../src/pipeline/accept-inbound.js';
import type { InboundHook } from '../../src/pipeline/hooks.js';
import { backends } from '../support/backends.js';
import { workspaceWithChannel } from '../support/fixtures.js';

for (const backend of backends()) {
  describe(`${backend.name}: inbound pipeline`, () => {
    let h: DatabaseHandle & { drop(): Promise<void> };
    beforeAll(async () => {
      h = await backend.create();
    });
    afterAll(async () => h.drop());

    it('stores one message, one contact, one conversation and its events together', async () => {
      const { workspaceId, channel } = await workspaceWithChannel(h.db);
      const res = await acceptInbound(h.db, channel, { externalId: 'e1', from: { id: 's1', name: 'Lena' }, text: 'Hallo' });
      expect(res.duplicate).toBe(false);
      const events = await h.db.selectFrom('outbox').select(['type']).where('workspaceId', '=', workspaceId).execute();
      expect(events.map((e) => e.type).sort()).toEqual(['conversation.created', 'message.created']);
      const announced = await h.db.selectFrom('outbox').select('data').where('workspaceId', '=', workspaceId).where('type', '=', 'conversation.created').executeTakeFirstOrThrow();
      expect(announced.data).toMatchObject({ id: res.conversationId, channelType: 'api', contactName: 'Lena', labels: [], messageCount: 1, status: 'open', preview: 'Hallo' });
      const history = await h.db.selectFrom('conversationEvents').select('type').where('conversationId', '=', res.conversationId).execute();
      expect(history.map((x) => x.type)).toEqual(['conversation.created']);
    });

    it('stores a batch in one go: one contact per person, one conversation per thread, in order', async () => {
      const { workspaceId, channel } = await workspaceWithChannel(h.db);
      const items = [
        { channel, msg: { externalId: 'b1', from: { id: 'p1', email: 'p@example.org' }, text: 'Erste Frage', threadKey: 'T' } },
        { channel, msg: { externalId: 'b2', from: { id: 'p2', email: 'P@example.org' }, text: 'Gleiche Person, andere Kennung', threadKey: 'T' } },
        { channel, msg: { externalId: 'b3', from: { id: 'p3' }, text: 'Jemand anderes' } },
        { channel, msg: { externalId: 'b4', from: { id: 'p3' }, text: 'Nochmal jemand anderes' } },
      ];
      const accepted = await h.db.transaction().execute((trx) => storeInbound(trx, items, []));
      expect(accepted[0]?.conversationId).toBe(accepted[1]?.conversationId);
      expect(accepted[2]?.conversationId).toBe(accepted[3]?.conversationId);
      expect(accepted[0]?.conversationId).not.toBe(accepted[2]?.conversationId);
      const convs = await h.db.selectFrom('conversations').select(['id', 'messageCount', 'preview', 'contactId']).where('workspaceId', '=', workspaceId).execute();
      expect(convs).toHaveLength(2);
      const t = convs.find((c) => c.id === accepted[0]?.conversationId);
      expect(t).toMatchObject({ messageCount: 2, preview: 'Gleiche Person, andere Kennung' });
      const contacts = await h.db.selectFrom('contacts').select('id').where('workspaceId', '=', workspaceId).execute();
      expect(contacts).toHaveLength(2);
    });

    it('stores a message delivered many times at once exactly once', async () => {
      const { workspaceId, channel } = await workspaceWithChannel(h.db);
      const results = await Promise.all(
        Array.from({ length: 12 }, () => acceptInbound(h.db, channel, { externalId: 'same', from: { id: 'racer', email: 'r@example.org' }, text: 'Doppelt?' })),
      );
      expect(new Set(results.map((r) => r.messageId)).size).toBe(1);
      expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
      const counts = await sql<{ m: number; c: number; k: number }>`
        SELECT (SELECT count(*)::int FROM messages WHERE workspace_id = ${workspaceId}) AS m,
               (SELECT count(*)::int FROM conversations WHERE workspace_id = ${workspaceId}) AS c,
               (SELECT count(*)::int FROM contacts WHERE workspace_id = ${workspaceId}) AS k`.execute(h.db);
      expect(counts.rows[0]).toEqual({ m: 1, c: 1, k: 1 });
    });

    it('writes nothing when a hook fails half-way', async () => {
      const { workspaceId, channel } = await workspaceWithChannel(h.db);
      const failing = async (): Promise<void> => {
        throw new Error('classifier crashed');
      };
      await expect(acceptInbound(h.db, channel, { externalId: 'x1', from: { id: 'p' }, text: 'Hi' }, [failing])).rejects.toThrow('classifier crashed');
      const rows = await sql<{ n: number }>`
        SELECT (SELECT count(*) FROM messages WHERE workspace_id = ${workspaceId})
             + (SELECT count(*) FROM contacts WHERE workspace_id = ${workspaceId})
             + (SELECT count(*) FROM conversations WHERE workspace_id = ${workspaceId})
             + (SELECT count(*) FROM outbox WHERE workspace_id = ${workspaceId}) AS n`.execute(h.db);
      expect(Number(rows.rows[0]?.n)).toBe(0);
      const ok = await acceptInbound(h.db, channel, { externalId: 'x1', from: { id: 'p' }, text: 'Hi' });
      expect(ok.duplicate).toBe(false);
    });

    it('announces the conversation as the hooks left it', async () => {
      const { workspaceId, channel } = await workspaceWithChannel(h.db);
      const raise: InboundHook = async (trx, ctx) => {
        await trx.updateTable('conversations').set({ priority: 'urgent', tier: 2 }).where('id', '=', ctx.conversation.id).execute();
      };
      const res = await acceptInbound(h.db, channel, { externalId: 'h1', from: { id: 'p' }, text: 'Anwalt!' }, [raise]);
      const events = await h.db.selectFrom('outbox').select(['type', 'data']).where('workspaceId', '=', workspaceId).orderBy('id').execute();
      expect(events.map((e) => e.type)).toEqual(['conversation.created', 'message.created']);
      expect(events[0]?.data).toMatchObject({ id: res.conversationId, priority: 'urgent', tier: 2 });
      expect(events[1]?.data).toMatchObject({ conversation: { priority: 'urgent', tier: 2 } });
    });

    it('continues a recent conversation, reopens a resolved one, and starts anew after closing', async () => {
      const { channel } = await workspaceWithChannel(h.db);
      const a = await acceptInbound(h.db, channel, { externalId: 'c1', from: { id: 'k' }, text: 'Frage 1' });
      const b = await acceptInbound(h.db, channel, { externalId: 'c2', from: { id: 'k' }, text: 'Frage 2' });
      expect(b.conversationId).toBe(a.conversationId);
      await h.db.updateTable('conversations').set({ status: 'resolved' }).where('id', '=', a.conversationId).execute();
      const c = await acceptInbound(h.db, channel, { externalId: 'c3', from: { id: 'k' }, text: 'Doch noch was' });
      expect(c.conversationId).toBe(a.conversationId);
      const reopened = await h.db.selectFrom('conversations').select(['status', 'messageCount']).where('id', '=', a.conversationId).executeTakeFirstOrThrow();
      expect(reopened).toEqual({ status: 'open', messageCount: 3 });
      const history = await h.db.selectFrom('conversationEvents').select(['type', 'data']).where('conversationId', '=', a.conversationId).orderBy('id').execute();
      expect(history.at(-1)).toMatchObject({ type: 'status.changed', data: { from: 'resolved', to: 'open' } });
      await h.db.updateTable('conversations').set({ status: 'closed' }).where('id', '=', a.conversationId).execute();
      const d = await acceptInbound(h.db, channel, { externalId: 'c4', from: { id: 'k' }, text: 'Neues Thema' });
      expect(d.conversationId).not.toBe(a.conversationId);
    });

    it('finds the same person by phone across channels, merges and splits contacts', async () => {
      const { workspaceId, channel } = await workspaceWithChannel(h.db);
      const other = await h.db
        .insertInto('channels')
        .values({ workspaceId, type: 'api', name: 'Second', settings: '{}' })
        .returning(['id', 'workspaceId', 'type', 'disabledAt'])
        .executeTakeFirstOrThrow();
      const a = await acceptInbound(h.db, channel, { externalId: 'p1', from: { id: 'wa-1', phone: '0176 1234567' }, text: 'Hi' });
      const b = await acceptInbound(h.db, other, { externalId: 'p2', from: { id: 'cb-9', phone: '+49 176 1234567' }, text: 'Rückruf bitte' });
      const convA = await h.db.selectFrom('conversations').select('contactId').where('id', '=', a.conversationId).executeTakeFirstOrThrow();
      const convB = await h.db.selectFrom('conversations').select('contactId').where('id', '=', b.conversationId).executeTakeFirstOrThrow();
      expect(convB.contactId).toBe(convA.contactId);

      const c = await acceptInbound(h.db, other, { externalId: 'p3', from: { id: 'fb-7', name: 'Same person, unknown to us' }, text: 'Ich bin es' });
      const convC = await h.db.selectFrom('conversations').select('contactId').where('id', '=', c.conversationId).executeTakeFirstOrThrow();
      expect(convC.contactId).not.toBe(convA.contactId);
      await h.db.transaction().execute((trx) => mergeContacts(trx, workspaceId, convA.contactId, convC.contactId));
      await expect(getContact(h.db, workspaceId, convC.contactId)).rejects.toMatchObject({ code: 'not_found' });
      const identities = await listIdentities(h.db, workspaceId, convA.contactId);
      expect(identities.map((i) => i.value).sort()).toEqual(['+491761234567', 'cb-9', 'fb-7', 'wa-1']);
      // A later message from the merged identity lands with the merged contact.
      const d = await acceptInbound(h.db, other, { externalId: 'p4', from: { id: 'fb-7' }, text: 'Nochmal' });
      const convD = await h.db.selectFrom('conversations').select('contactId').where('id', '=', d.conversationId).executeTakeFirstOrThrow();
      expect(convD.contactId).toBe(convA.contactId);

      const fb = identities.find((i) => i.value === 'fb-7');
      const split = await h.db.transaction().execute((trx) => splitContact(trx, workspaceId, convA.contactId, [fb?.id ?? '']));
      const moved = await h.db.selectFrom('conversations').select('contactId').where('id', '=', d.conversationId).executeTakeFirstOrThrow();
      expect(moved.contactId).toBe(split.id);
    });

    it('follows a chain of merges to the contact that lives on, for every message of a batch', async () => {
      const { workspaceId, channel } = await workspaceWithChannel(h.db);
      const [a, b, c] = await h.db
        .insertInto('contacts')
        .values(['A', 'B', 'C'].map((name) => ({ workspaceId, name, attributes: '{}' })))
        .returning('id')
        .execute();
      // An identity left on a merged record (attached while the merge ran): A → B → C.
      await h.db.insertInto('contactIdentities').values({ workspaceId, contactId: a!.id, kind: `channel:${channel.id}`, value: 'left-behind', channelId: channel.id }).execute();
      await h.db.updateTable('contacts').set({ mergedIntoId: b!.id }).where('id', '=', a!.id).execute();
      await h.db.updateTable('contacts').set({ mergedIntoId: c!.id }).where('id', '=', b!.id).execute();
      const items = [
        { channel, msg: { externalId: 'm1', from: { id: 'left-behind' }, text: 'Hallo' } },
        { channel, msg: { externalId: 'm2', from: { id: 'someone-new' }, text: 'Hallo auch' } },
      ];
      const accepted = await h.db.transaction().execute((trx) => storeInbound(trx, items, []));
      const owners = await h.db.selectFrom('messages').select(['externalId', 'contactId']).where('id', 'in', accepted.map((x) => x.messageId)).orderBy('externalId').execute();
      expect(owners[0]).toEqual({ externalId: 'm1', contactId: c!.id });
      expect([a!.id, b!.id, c!.id]).not.toContain(owners[1]?.contactId);
    });

    it('keeps tenants apart: the same sender id in two workspaces is two people', async () => {
      const one = await workspaceWithChannel(h.db);
      const two = await workspaceWithChannel(h.db);
      const a = await acceptInbound(h.db, one.channel, { externalId: 'z', from: { id: 'same', email: 'same@example.org' }, text: 'A' });
      const b = await acceptInbound(h.db, two.channel, { externalId: 'z', from: { id: 'same', email: 'same@example.org' }, text: 'B' });
      expect(b.duplicate).toBe(false);
      const contacts = await h.db.selectFrom('conversations').select(['contactId', 'workspaceId']).where('id', 'in', [a.conversationId, b.conversationId]).execute();
      expect(new Set(contacts.map((c) => c.contactId)).size).toBe(2);
      await expect(getContact(h.db, two.workspaceId, contacts.find((c) => c.workspaceId === one.workspaceId)?.contactId ?? '')).rejects.toMatchObject({ code: 'not_found' });
    });

    it('sanitises HTML on save and keeps the text searchable', async () => {
      const { channel } = await workspaceWithChannel(h.db);
      const res = await acceptInbound(h.db, channel, {
        externalId: 'h1',
        from: { id: 'html' },
        text: '',
        html: '<p>Rechnung <b>fehlt</b><script>alert(1)</script><img src="https://tracker.example/p.gif" onerror="x()"><a href="javascript:alert(2)">klick</a></p>',
      });
      const m = await h.db.selectFrom('messages').select(['text', 'html']).where('id', '=', res.messageId).executeTakeFirstOrThrow();
      expect(m.html).not.toMatch(/script|onerror|javascript:|<img/);
      expect(m.text).toContain('Rechnung fehlt');
    });

    it('understands each message and keeps an urgent case urgent until it is resolved', async () => {
      const { workspaceId, channel } = await workspaceWithChannel(h.db);
      const angry = await acceptInbound(h.db, channel, { externalId: 'u1', from: { id: 'angry' }, text: 'Das ist eine Frechheit! Wenn ich bis Freitag mein Geld nicht zurück habe, schalte ich meinen Anwalt ein.' });
      const m = await h.db.selectFrom('messages').select(['language', 'sentiment', 'urgent', 'urgentReasons']).where('id', '=', angry.messageId).executeTakeFirstOrThrow();
      expect(m).toMatchObject({ language: 'de', sentiment: 'negative', urgent: true });
      expect(m.urgentReasons).toContain('legal');
      await acceptInbound(h.db, channel, { externalId: 'u2', from: { id: 'angry' }, text: 'Hallo?' });
      const urgent = await findConversations(h.db, workspaceId, { urgent: true, limit: 10 });
      expect(urgent.items.map((c) => c.id)).toEqual([angry.conversationId]);
      const calm = await acceptInbound(h.db, channel, { externalId: 'u3', from: { id: 'happy' }, text: 'Thank you so much, the blanket is wonderful!' });
      const positive = await findConversations(h.db, workspaceId, { sentiment: 'positive', limit: 10 });
      expect(positive.items.map((c) => c.id)).toEqual([calm.conversationId]);
      expect(positive.items[0]).toMatchObject({ language: 'en', urgent: false });
    });

    it('refuses rewriting the conversation history', async () => {
      const { channel } = await workspaceWithChannel(h.db);
      const res = await acceptInbound(h.db, channel, { externalId: 'hist', from: { id: 'h' }, text: 'Hi' });
      await expect(sql`UPDATE conversation_events SET type = 'forged' WHERE conversation_id = ${res.conversationId}`.execute(h.db)).rejects.toThrow(/append-only/);
    });
  });
}
