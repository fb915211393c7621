import net from 'node:net';
import { randomBytes } from 'node:crypto';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import PostalMime from 'postal-mime';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signReplyToken } from '../../src/channels/email/reply-token.js';
import type { MessageDto } from '../../src/db/messages.js';
import { backends } from '../support/backends.js';
import { startCapturingSmtp } from '../support/smtp-capture.js';
import { api, createTenant, startTestParley, type Tenant, type TestParley } from '../support/parley.js';

const backend = backends()[0];

interface Conversation {
  id: string;
  subject: string | null;
  contactId: string;
  messages: MessageDto[];
  contact: { email: string | null; name: string | null };
}

/** One SMTP dialogue line by line, for what a well-behaved client library would not send. */
async function smtpDialogue(port: number, lines: string[]): Promise<string[]> {
  const socket = net.connect(port, '127.0.0.1');
  const replies: string[] = [];
  let buffer = '';
  const next = () =>
    new Promise<string>((resolve, reject) => {
      const onData = (d: Buffer) => {
        buffer += d.toString();
        const m = buffer.match(/^(\d{3}) .*\r\n/m);
        if (m) {
          const end = buffer.indexOf(m[0]) + m[0].length;
          buffer = buffer.slice(end);
          socket.off('data', onData);
          resolve(m[0].trim());
        }
      };
      socket.on('data', onData);
      socket.once('error', reject);
    });
  replies.push(await next());
  for (const line of lines) {
    socket.write(`${line}\r\n`);
    replies.push(await next());
  }
  socket.end();
  return replies;
}

describe('e-mail channel', () => {
  let p: TestParley;
  let t: Tenant;
  let other: Tenant;
  let channelId: string;
  let outgoing: Awaited<ReturnType<typeof startCapturingSmtp>>;
  let customer: Transporter;
  let counter = 0;

  const mid = () => `<mail-${process.pid}-${++counter}@customer.example>`;
  const send = (mail: SendMailOptions) => customer.sendMail({ from: '"Anna Kunde" <anna@customer.example>', to: 'support@acme.example', ...mail });
  const conversationOf = async (messageId: string): Promise<Conversation> => {
    const row = await p.db.selectFrom('messages').select('conversationId').where('externalId', '=', messageId).executeTakeFirstOrThrow();
    return (await api<Conversation>(p, 'GET', `/api/v1/conversations/${row.conversationId}`, t.token)).body;
  };
  const waitForMail = async (count: number) => {
    for (let i = 0; i < 100 && outgoing.mails.length < count; i++) await new Promise((r) => setTimeout(r, 100));
    expect(outgoing.mails.length).toBe(count);
    return PostalMime.parse(outgoing.mails[count - 1]!.raw);
  };

  beforeAll(async () => {
    if (!backend) throw new Error('no backend');
    p = await startTestParley(backend, 'in-process', { smtp: true });
    t = await createTenant(p);
    other = await createTenant(p);
    outgoing = await startCapturingSmtp('parley', 's3cret');
    const created = await api<{ id: string; settings: Record<string, unknown>; secretsSet: string[] }>(p, 'POST', '/api/v1/channels', t.token, {
      type: 'email',
      name: 'ACME Support',
      settings: { address: 'Support@ACME.example', smtp: { host: '127.0.0.1', port: outgoing.port, secure: false, user: 'parley' }, smtpPassword: 's3cret' },
    });
    expect(created.status).toBe(201);
    expect(created.body.settings).toEqual({ address: 'support@acme.example', smtp: { host: '127.0.0.1', port: outgoing.port, secure: false, user: 'parley' } });
    expect(created.body.secretsSet).toEqual(['smtpPassword']);
    channelId = created.body.id;
    customer = nodemailer.createTransport({ host: '127.0.0.1', port: p.smtpPort ?? 0, secure: false, ignoreTLS: true });
  });
  afterAll(async () => {
    customer?.close();
    await outgoing?.close();
    await p?.drop();
  });

  it('refuses a second channel at the same address, in any workspace, and malformed addresses', async () => {
    const dup = await api(p, 'POST', '/api/v1/channels', other.token, { type: 'email', name: 'Copy', settings: { address: 'SUPPORT@acme.example' } });
    expect(dup.status).toBe(409);
    expect((await api(p, 'POST', '/api/v1/channels', t.token, { type: 'email', name: 'Bad', settings: { address: 'not an address' } })).status).toBe(400);
    expect((await api(p, 'POST', '/api/v1/channels', t.token, { type: 'email', name: 'Tagged', settings: { address: 'a+b@acme.example' } })).status).toBe(400);
  });

  it('turns a mail into a conversation: subject, contact by address, sanitised HTML, a downloadable attachment', async () => {
    const messageId = mid();
    await send({
      messageId,
      subject: 'Lieferung fehlt',
      text: 'Mein Paket ist nicht angekommen.',
      html: '<p>Mein Paket ist <b>nicht</b> angekommen.</p><script>alert(1)</script><img src="https://tracker.example/p.gif">',
      attachments: [{ filename: 'Rechnung März.pdf', content: Buffer.from('%PDF-1.4 invoice'), contentType: 'application/pdf' }],
    });
    const c = await conversationOf(messageId);
    expect(c.subject).toBe('Lieferung fehlt');
    expect(c.contact).toMatchObject({ email: 'anna@customer.example', name: 'Anna Kunde' });
    const [message] = c.messages;
    expect(message?.html).toContain('<b>nicht</b>');
    expect(message?.html).not.toMatch(/script|img|tracker/);
    expect(message?.text).toContain('Paket');
    expect(message?.attachments).toHaveLength(1);
    const attachment = message!.attachments[0]!;
    expect(attachment).toMatchObject({ filename: 'Rechnung März.pdf', contentType: 'application/pdf', size: 16 });

    const download = await fetch(p.url + attachment.url, { headers: { authorization: `Bearer ${t.tokens.viewer}` } });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).toString()).toBe('%PDF-1.4 invoice');
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="Rechnung M_rz.pdf"; filename*=UTF-8''Rechnung%20M%C3%A4rz.pdf`);
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    const foreign = await fetch(p.url + attachment.url, { headers: { authorization: `Bearer ${other.token}` } });
    expect(foreign.status).toBe(404);
    expect((await fetch(p.url + attachment.url)).status).toBe(401);
  });

  it('stores a mail delivered twice once, and a mail without Message-ID by its content', async () => {
    const messageId = mid();
    await send({ messageId, subject: 'Doppelt', text: 'einmal bitte' });
    await send({ messageId, subject: 'Doppelt', text: 'einmal bitte' });
    const c = await conversationOf(messageId);
    expect(c.messages).toHaveLength(1);

    const raw = ['From: bert@customer.example', 'To: support@acme.example', 'Subject: Ohne Kennung', '', 'Hallo ohne Message-ID', ''].join('\r\n');
    await customer.sendMail({ envelope: { from: 'bert@customer.example', to: ['support@acme.example'] }, raw });
    await customer.sendMail({ envelope: { from: 'bert@customer.example', to: ['support@acme.example'] }, raw });
    const stored = await p.db.selectFrom('messages').select('externalId').where('channelId', '=', channelId).where('externalId', 'like', 'sha256:%').execute();
    expect(stored).toHaveLength(1);
  });

  it('answers 451 when storing fails, keeps nothing of the attempt, and stores the mail when it comes again', async () => {
    // The database refuses this one mail for a moment, as a full disk or a failover would.
    await sql`CREATE FUNCTION refuse_mail() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$`.execute(p.db);
    await sql`CREATE TRIGGER refuse_mail BEFORE INSERT ON messages FOR EACH ROW WHEN (NEW.text LIKE '%later please%') EXECUTE FUNCTION refuse_mail()`.execute(p.db);
    const messageId = mid();
    const mail = { messageId, subject: 'Später', text: 'later please', attachments: [{ filename: 'a.txt', content: 'A' }] };
    const countFiles = async () => (await p.db.selectFrom('attachments').select(p.db.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n;
    const files = await countFiles();
    try {
      await expect(send(mail)).rejects.toMatchObject({ responseCode: 451 });
    } finally {
      await sql`DROP TRIGGER refuse_mail ON messages`.execute(p.db);
      await sql`DROP FUNCTION refuse_mail()`.execute(p.db);
    }
    expect(await countFiles()).toBe(files);
    await send(mail);
    const c = await conversationOf(messageId);
    expect(c.messages[0]?.attachments).toHaveLength(1);
  });

  it('answers 550 for addresses it does not serve, and for a disabled channel', async () => {
    await expect(send({ to: 'sales@acme.example', subject: 'x', text: 'x' })).rejects.toMatchObject({ responseCode: 550 });
    const off = await api<{ id: string }>(p, 'POST', '/api/v1/channels', other.token, { type: 'email', name: 'Off', settings: { address: 'off@other.example' } });
    await api(p, 'PATCH', `/api/v1/channels/${off.body.id}`, other.token, { disabled: true });
    await expect(send({ to: 'off@other.example', subject: 'x', text: 'x' })).rejects.toMatchObject({ responseCode: 550 });
  });

  it('refuses oversized mail, too many attachments and deeply nested MIME before storing anything', async () => {
    const replies = await smtpDialogue(p.smtpPort ?? 0, ['EHLO test', 'MAIL FROM:<a@customer.example> SIZE=999999999', 'QUIT']);
    expect(replies[2]).toMatch(/^552 /);

    const before = await p.db.selectFrom('attachments').select(p.db.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const many = Array.from({ length: 51 }, (_, i) => ({ filename: `f${i}.txt`, content: 'x' }));
    await expect(send({ messageId: mid(), subject: 'Viele', text: 'x', attachments: many })).rejects.toMatchObject({ responseCode: 552 });

    let body = 'innen';
    for (let depth = 0; depth < 30; depth++) body = `Content-Type: multipart/mixed; boundary="b${depth}"\r\n\r\n--b${depth}\r\n${body}\r\n--b${depth}--`;
    const bombId = mid();
    const bomb = `From: anna@customer.example\r\nTo: support@acme.example\r\nMessage-ID: ${bombId}\r\nSubject: Bombe\r\nMIME-Version: 1.0\r\n${body}\r\n`;
    await expect(customer.sendMail({ envelope: { from: 'anna@customer.example', to: ['support@acme.example'] }, raw: bomb })).rejects.toMatchObject({ responseCode: 554 });

    expect(await p.db.selectFrom('messages').select('id').where('externalId', '=', bombId).executeTakeFirst()).toBeUndefined();
    const after = await p.db.selectFrom('attachments').select(p.db.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('replies with threading headers and a signed reply address; replies to it, or to its Message-ID, continue the conversation', async () => {
    const first = mid();
    await send({ messageId: first, subject: 'Rückerstattung', text: 'Wo bleibt mein Geld?' });
    const c = await conversationOf(first);
    // A name with a line break must not become a header of its own.
    await api(p, 'PATCH', `/api/v1/contacts/${c.contactId}`, t.token, { name: 'Anna\r\nBcc: spy@evil.example' });
    const reply = await api<MessageDto>(p, 'POST', `/api/v1/conversations/${c.id}/messages`, t.tokens.agent, { text: 'Hallo Anna,\n\ndas Geld ist unterwegs.', type: 'reply' });
    expect(reply.status).toBe(201);

    const mail = await waitForMail(1);
    const captured = outgoing.mails[0]!;
    expect(captured.rcptTo).toEqual(['anna@customer.example']);
    expect(captured.raw.toString()).not.toMatch(/^Bcc:/im);
    expect(mail.subject).toBe('Re: Rückerstattung');
    expect(mail.inReplyTo).toBe(first);
    expect(mail.references).toContain(first);
    expect(mail.text?.trim()).toBe('Hallo Anna,\n\ndas Geld ist unterwegs.');
    expect(mail.html).toContain('<p>Hallo Anna,</p>');
    expect(mail.from).toMatchObject({ address: 'support@acme.example', name: 'ACME Support' });
    const replyTo = mail.replyTo?.[0]?.address ?? '';
    expect(replyTo).toMatch(/^support\+[a-z2-7]{50}@acme\.example$/);
    expect(mail.messageId).toMatch(/@acme\.example>$/);

    for (let i = 0; i < 50; i++) {
      const m = (await api<Conversation>(p, 'GET', `/api/v1/conversations/${c.id}`, t.token)).body.messages.find((x) => x.id === reply.body.id);
      if (m?.deliveryStatus === 'sent') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const sent = (await api<Conversation>(p, 'GET', `/api/v1/conversations/${c.id}`, t.token)).body.messages.find((x) => x.id === reply.body.id);
    expect(sent).toMatchObject({ deliveryStatus: 'sent', externalId: mail.messageId });

    // The customer answers the reply address, from another mail program without threading headers.
    const viaToken = mid();
    await send({ messageId: viaToken, to: replyTo, subject: 'Danke', text: 'Danke!' });
    expect((await conversationOf(viaToken)).id).toBe(c.id);

    // … or answers with In-Reply-To naming Parley's mail, to the plain address.
    const viaHeader = mid();
    await send({ messageId: viaHeader, inReplyTo: mail.messageId, references: [first, mail.messageId ?? ''], subject: 'Re: Rückerstattung', text: 'Noch eine Frage' });
    expect((await conversationOf(viaHeader)).id).toBe(c.id);
  }, 20_000);

  it('sends files an agent uploaded with the reply as attachments', async () => {
    const first = mid();
    await send({ messageId: first, subject: 'Formular', text: 'Schicken Sie mir das Formular?' });
    const c = await conversationOf(first);
    const upload = (token: string) =>
      fetch(`${p.url}/api/v1/attachments?filename=${encodeURIComponent('Widerruf.json')}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{"not": "parsed"' });
    expect((await upload(t.tokens.viewer)).status).toBe(403);
    const uploaded = await upload(t.tokens.agent);
    expect(uploaded.status).toBe(201);
    const file = (await uploaded.json()) as { id: string; size: number };
    expect(file.size).toBe(16);
    const before = outgoing.mails.length;
    const reply = await api<MessageDto>(p, 'POST', `/api/v1/conversations/${c.id}/messages`, t.tokens.agent, { text: 'Anbei.', type: 'reply', attachmentIds: [file.id] });
    expect(reply.body.attachments).toMatchObject([{ id: file.id, filename: 'Widerruf.json', url: `/api/v1/attachments/${file.id}` }]);
    const mail = await waitForMail(before + 1);
    expect(mail.attachments.map((a) => [a.filename, a.mimeType, Buffer.from(a.content as ArrayBuffer).toString()])).toEqual([['Widerruf.json', 'application/json', '{"not": "parsed"']]);
    // Sent once, a file belongs to its message and cannot be attached again.
    expect((await api(p, 'POST', `/api/v1/conversations/${c.id}/messages`, t.tokens.agent, { text: 'Nochmal.', type: 'reply', attachmentIds: [file.id] })).status).toBe(404);
  }, 15_000);

  it('starts a new conversation for forged threading headers or a forged reply address', async () => {
    const first = mid();
    await send({ messageId: first, subject: 'Mein Konto', text: 'Bitte Passwort zurücksetzen' });
    const victim = await conversationOf(first);

    const forgedHeader = mid();
    await send({ from: 'mallory@evil.example', messageId: forgedHeader, inReplyTo: first, references: [first], subject: 'Re: Mein Konto', text: 'Schickt es an mich' });
    const a = await conversationOf(forgedHeader);
    expect(a.id).not.toBe(victim.id);
    expect(a.contact.email).toBe('mallory@evil.example');

    // A reply address naming the victim's conversation, signed with a key that is not the install's.
    const forgedToken = `support+${signReplyToken(randomBytes(32), channelId, victim.id)}@acme.example`;
    const viaForged = mid();
    await send({ from: 'mallory@evil.example', messageId: viaForged, to: forgedToken, subject: 'Hallo', text: 'rein da' });
    const b = await conversationOf(viaForged);
    expect(b.id).not.toBe(victim.id);
    const victimAfter = (await api<Conversation>(p, 'GET', `/api/v1/conversations/${victim.id}`, t.token)).body;
    expect(victimAfter.messages).toHaveLength(1);
  });

  it('fails a reply at once when the SMTP server refuses the login, with its reason', async () => {
    const bad = await api<{ id: string }>(p, 'POST', '/api/v1/channels', t.token, {
      type: 'email',
      name: 'Wrong password',
      settings: { address: 'billing@acme.example', smtp: { host: '127.0.0.1', port: outgoing.port, secure: false, user: 'parley' }, smtpPassword: 'wrong' },
    });
    const messageId = mid();
    await send({ messageId, to: 'billing@acme.example', subject: 'Rechnung', text: 'Frage zur Rechnung' });
    const c = await conversationOf(messageId);
    expect(c.messages[0]?.channelId).toBe(bad.body.id);
    const reply = await api<MessageDto>(p, 'POST', `/api/v1/conversations/${c.id}/messages`, t.token, { text: 'Gern', type: 'reply' });
    let m: MessageDto | undefined;
    for (let i = 0; i < 50; i++) {
      m = (await api<Conversation>(p, 'GET', `/api/v1/conversations/${c.id}`, t.token)).body.messages.find((x) => x.id === reply.body.id);
      if (m?.deliveryStatus === 'failed') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(m?.deliveryStatus).toBe('failed');
    expect(m?.deliveryError).toMatch(/refused the login/);
  }, 15_000);
});
