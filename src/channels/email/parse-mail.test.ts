import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MailRefused, parseMail, type ParsedMail } from './parse-mail.js';

/** Either a readable mail that keeps every promise of ParsedMail, or a refusal with an SMTP code. */
async function readOrRefuse(raw: Buffer): Promise<ParsedMail | MailRefused> {
  try {
    const mail = await parseMail(raw, 'envelope@sender.example');
    expect(mail.externalId.length).toBeGreaterThan(0);
    expect(mail.from.address).toMatch(/^[^\s@]+@[^\s@]+$/);
    // Names and subjects go back into headers of replies: one line each, or a header is injected.
    for (const line of [mail.subject ?? '', mail.from.name ?? '']) expect(line).not.toMatch(/[\r\n]/);
    // PostgreSQL refuses NUL in text: a mail holding one must still be storable.
    for (const stored of [mail.subject ?? '', mail.from.name ?? '', mail.text, mail.html ?? '', mail.externalId]) expect(stored).not.toContain('\u0000');
    expect((mail.from.name ?? '').length).toBeLessThanOrEqual(256);
    expect(mail.text.length).toBeLessThanOrEqual(100_000);
    expect((mail.html ?? '').length).toBeLessThanOrEqual(1_000_000);
    expect(mail.sentAt === null || !Number.isNaN(mail.sentAt.getTime())).toBe(true);
    return mail;
  } catch (err) {
    if (!(err instanceof MailRefused)) throw err;
    expect([552, 554]).toContain(err.responseCode);
    return err;
  }
}

const headerValue = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 120 }),
  fc.string({ maxLength: 60 }).map((s) => `=?utf-8?B?${Buffer.from(s).toString('base64')}?=`),
  fc.string({ maxLength: 60 }).map((s) => `=?iso-8859-1?Q?${s.replace(/[^A-Za-z0-9]/g, (c) => `=${(c.charCodeAt(0) & 0xff).toString(16).padStart(2, '0').toUpperCase()}`)}?=`),
  fc.constantFrom('"Eve\r\nBcc: all@victim.example" <eve@evil.example>', 'Eve <eve@evil.example>\r\nX-Injected: 1', '<>', '"" <@>', 'undisclosed-recipients:;', 'a@b, c@d, (comment) e@f'),
);
const headerName = fc.constantFrom('From', 'Sender', 'To', 'Cc', 'Subject', 'Date', 'Message-ID', 'In-Reply-To', 'References', 'Content-Type', 'Content-Transfer-Encoding', 'Delivered-To', 'X-Anything');
const headers = fc.array(fc.tuple(headerName, headerValue), { maxLength: 12 }).map((hs) => hs.map(([n, v]) => `${n}: ${v}`).join('\r\n'));

/** MIME trees of random shape: multiparts nest, boundaries clash, encodings lie. */
const { part } = fc.letrec<{ part: string }>((tie) => ({
  part: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.tuple(fc.constantFrom('text/plain', 'text/html', 'application/octet-stream', 'message/rfc822', 'image/svg+xml'), fc.constantFrom('7bit', 'base64', 'quoted-printable', 'x-unknown'), fc.string({ maxLength: 300 }), fc.option(fc.string({ maxLength: 80 })))
      .map(([type, enc, body, filename]) => `Content-Type: ${type}; charset=utf-8${filename === null ? '' : `; name="${filename}"`}\r\nContent-Transfer-Encoding: ${enc}${filename === null ? '' : `\r\nContent-Disposition: attachment; filename="${filename}"`}\r\n\r\n${enc === 'base64' ? Buffer.from(body).toString('base64') : body}`),
    fc.tuple(fc.constantFrom('b', 'x', '--', ''), fc.array(tie('part'), { maxLength: 4 })).map(([boundary, parts]) => `Content-Type: multipart/mixed; boundary="${boundary}"\r\n\r\n${parts.map((p) => `--${boundary}\r\n${p}\r\n`).join('')}--${boundary}--`),
  ),
}));

describe('reading inbound mail (fuzzed)', () => {
  it('reads or refuses arbitrary bytes, never crashing', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 4000 }), async (bytes) => void (await readOrRefuse(Buffer.from(bytes)))), { numRuns: 200 });
  });

  it('reads or refuses hostile headers and MIME trees, keeping names and subjects on one line', async () => {
    await fc.assert(
      fc.asyncProperty(headers, part, async (head, body) => {
        const result = await readOrRefuse(Buffer.from(`${head}\r\nFrom: sender@customer.example\r\n${body}`));
        if (!(result instanceof MailRefused)) expect(result.from.address).toBeTruthy();
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a mail storable when it carries NUL characters', async () => {
    const mail = await readOrRefuse(Buffer.from('From: "A\u0000B" <a@b.example>\r\nSubject: Hal\u0000lo\r\nMessage-ID: <id\u0000x@b.example>\r\nContent-Type: text/html\r\n\r\n<p>Hal\u0000lo</p>'));
    expect(mail).not.toBeInstanceOf(MailRefused);
    expect((mail as ParsedMail).html).toContain('Hallo');
  });

  it('refuses a mail nested deeper than real mail ever is, quickly and with a clear code', async () => {
    let body = 'Content-Type: text/plain\r\n\r\nhallo';
    for (let i = 0; i < 200; i++) body = `Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n--b${i}\r\n${body}\r\n--b${i}--`;
    const result = await readOrRefuse(Buffer.from(`From: a@b.example\r\nSubject: bomb\r\n${body}`));
    expect(result).toBeInstanceOf(MailRefused);
    expect((result as MailRefused).message).toMatch(/structure/i);
  });
});
