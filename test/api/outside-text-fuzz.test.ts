import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.js';
import { api, createTenant, startTestParley, type Tenant, type TestParley } from '../support/parley.js';

const backend = backends()[0];

// Search words and cursors come from anyone with a token and end up in PostgreSQL's query parser:
// whatever they hold, the answer is a list or a clear `invalid`, never a server error.
const searchChar = fc.constantFrom('a', 'ü', 'ß', ' ', '"', "'", '-', '!', '&', '|', '(', ')', ':', '*', '<', '>', '\\', '%', '_', '\u0000', '\uFFFF', '\uD800', '😀', 'or', 'OR', 'AND', 'NOT', 'Rechnung');
const searchText = fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 80 }), fc.array(searchChar, { maxLength: 60 }).map((cs) => cs.join('')));
const cursorText = fc.oneof(fc.string({ maxLength: 120 }), fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? '').toString('base64url')), fc.string({ unit: 'binary', maxLength: 40 }));

describe('search syntax, cursors and unstorable text (fuzzed against PostgreSQL)', () => {
  let p: TestParley;
  let t: Tenant;
  let channelId: string;
  beforeAll(async () => {
    if (!backend) throw new Error('no backend');
    p = await startTestParley(backend);
    t = await createTenant(p);
    const channel = await api<{ id: string }>(p, 'POST', '/api/v1/channels', t.token, { type: 'api', name: 'Shop' });
    channelId = channel.body.id;
    for (const [i, text] of ['Meine Rechnung ist falsch', 'Wo bleibt das Paket?', 'Lieferung kaputt, bitte Ersatz'].entries()) {
      await api(p, 'POST', `/api/v1/channels/${channel.body.id}/inbound`, t.token, { externalId: `m-${i}`, from: { id: `c-${i}`, name: `Kunde ${i}` }, text });
    }
  });
  afterAll(async () => p.drop());

  const clean = (status: number, body: unknown) => {
    expect([200, 400], JSON.stringify(body)).toContain(status);
    if (status === 400) expect((body as { error: { code: string } }).error.code).toBe('invalid');
  };

  it('answers any search in the inbox and the contacts with a list or a clear error', async () => {
    await fc.assert(
      fc.asyncProperty(searchText, async (q) => {
        for (const path of ['/api/v1/conversations', '/api/v1/contacts']) {
          const res = await api(p, 'GET', `${path}?${new URLSearchParams({ q }).toString()}`, t.tokens.viewer);
          clean(res.status, res.body);
        }
      }),
      { numRuns: 120 },
    );
    const found = await api<{ items: unknown[] }>(p, 'GET', `/api/v1/conversations?q=${encodeURIComponent('"rechnung" -paket')}`, t.token);
    expect(found.body.items).toHaveLength(1);
  });

  it('refuses text PostgreSQL cannot store (NUL) as invalid, storing nothing', async () => {
    const before = (await api<{ items: unknown[] }>(p, 'GET', '/api/v1/conversations', t.token)).body.items.length;
    const res = await api<{ error: { code: string } }>(p, 'POST', `/api/v1/channels/${channelId}/inbound`, t.token, { externalId: 'nul-1', from: { id: 'nul', name: 'N\u0000N' }, text: 'Hal\u0000lo' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid');
    expect((await api<{ items: unknown[] }>(p, 'GET', '/api/v1/conversations', t.token)).body.items).toHaveLength(before);
  });

  it('refuses any cursor it did not hand out, in every list that pages', async () => {
    await fc.assert(
      fc.asyncProperty(cursorText, fc.boolean(), async (cursor, withSearch) => {
        for (const path of ['/api/v1/conversations', '/api/v1/contacts', '/api/v1/audit-log']) {
          const res = await api(p, 'GET', `${path}?${new URLSearchParams({ cursor, ...(withSearch && { q: 'rechnung' }) }).toString()}`, t.token);
          clean(res.status, res.body);
        }
      }),
      { numRuns: 80 },
    );
  });
});
