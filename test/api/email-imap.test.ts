import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORTED_KEYWORD } from '../../src/channels/email/imap-sync.js';
import { backends } from '../support/backends.js';
import { type Dovecot, startDovecot } from '../support/dovecot.js';
import { api, createTenant, startTestParley, type Tenant, type TestParley } from '../support/parley.js';

const backend = backends()[0];

describe('e-mail channel reading an IMAP mailbox (Dovecot)', () => {
  let p: TestParley;
  let t: Tenant;
  let dovecot: Dovecot;
  let mailbox: ImapFlow;

  const mail = (messageId: string, subject: string, text: string) =>
    [`From: "Carla Kundin" <carla@customer.example>`, 'To: help@acme.example', `Subject: ${subject}`, `Message-ID: ${messageId}`, `Date: ${new Date().toUTCString()}`, '', text, ''].join('\r\n');
  const stored = async (messageId: string, timeoutMs = 20_000) => {
    for (const until = Date.now() + timeoutMs; Date.now() < until; ) {
      const row = await p.db.selectFrom('messages').select(['conversationId']).where('externalId', '=', messageId).executeTakeFirst();
      if (row) return row;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${messageId} was not stored within ${timeoutMs} ms`);
  };

  beforeAll(async () => {
    if (!backend) throw new Error('no backend');
    dovecot = await startDovecot({ help: 'imap-geheim' });
    mailbox = new ImapFlow({ host: '127.0.0.1', port: dovecot.port, secure: false, auth: { user: 'help', pass: 'imap-geheim' }, logger: false });
    await mailbox.connect();
    p = await startTestParley(backend);
    t = await createTenant(p);
  }, 30_000);
  afterAll(async () => {
    await mailbox?.logout();
    await p?.drop();
    await dovecot?.stop();
  });

  it('imports mail waiting in the mailbox, then new mail as IDLE announces it, each once, and marks what it stored', async () => {
    await mailbox.append('INBOX', mail('<waiting-1@customer.example>', 'Garantiefall', 'Mein Gerät ist defekt.'));
    const created = await api<{ id: string; secretsSet: string[]; settings: Record<string, unknown> }>(p, 'POST', '/api/v1/channels', t.token, {
      type: 'email',
      name: 'Help',
      settings: { address: 'help@acme.example', imap: { host: '127.0.0.1', port: dovecot.port, secure: false, user: 'help' }, imapPassword: 'imap-geheim' },
    });
    expect(created.status).toBe(201);
    expect(created.body.secretsSet).toEqual(['imapPassword']);
    expect(created.body.settings).not.toHaveProperty('imapPassword');

    const first = await stored('<waiting-1@customer.example>');
    const conversation = await api<{ subject: string; channelId: string; contact: { email: string; name: string } }>(p, 'GET', `/api/v1/conversations/${first.conversationId}`, t.token);
    expect(conversation.body).toMatchObject({ subject: 'Garantiefall', channelId: created.body.id, contact: { email: 'carla@customer.example', name: 'Carla Kundin' } });

    // Connected and idling now: a new mail arrives without waiting for a poll.
    await mailbox.append('INBOX', mail('<new-2@customer.example>', 'Re: Garantiefall', 'Noch ein Foto dazu.'));
    const started = Date.now();
    await stored('<new-2@customer.example>', 10_000);
    expect(Date.now() - started).toBeLessThan(10_000);

    // The same mail filed twice (a copy in the mailbox) is stored once.
    await mailbox.append('INBOX', mail('<waiting-1@customer.example>', 'Garantiefall', 'Mein Gerät ist defekt.'));
    const lock = await mailbox.getMailboxLock('INBOX');
    try {
      for (let i = 0; i < 100; i++) {
        const left = await mailbox.search({ unKeyword: IMPORTED_KEYWORD }, { uid: true });
        if (left && left.length === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(await mailbox.search({ keyword: IMPORTED_KEYWORD }, { uid: true })).toHaveLength(3);
    } finally {
      lock.release();
    }
    const copies = await p.db.selectFrom('messages').select('id').where('externalId', '=', '<waiting-1@customer.example>').execute();
    expect(copies).toHaveLength(1);
  }, 40_000);
});
