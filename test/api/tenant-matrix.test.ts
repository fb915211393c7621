import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/db/schema.js';
import { backends } from '../support/backends.js';
import { api, createTenant, startTestParley, type Tenant, type TestParley } from '../support/parley.js';

const backend = backends()[0];

interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  minLength?: number;
  minItems?: number;
  pattern?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}

interface Operation {
  parameters?: { in: string; name: string }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

// A value that passes a body's validation, so a request reaches the handler's tenant look-up
// instead of stopping at a 400. Ids are the victim's, as an attacker would send them.
// Shared (recursive) schemas the document refers to by `$ref`, such as a rule's nested conditions.
let components: Record<string, JsonSchema> = {};

function sample(schema: JsonSchema | undefined, name: string, ids: Record<string, string>): unknown {
  if (!schema) return undefined;
  if (schema.$ref) return sample(components[schema.$ref.split('/').pop() ?? ''], name, ids);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const choice = schema.anyOf ?? schema.oneOf;
  if (choice) return sample(choice.find((s) => s.type !== 'null') ?? choice[0], name, ids);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      // A change with nothing required still changes something: the first field.
      const keys = schema.required?.length ? schema.required : Object.keys(schema.properties ?? {}).slice(0, 1);
      for (const key of keys) out[key] = sample(schema.properties?.[key], key, ids);
      return out;
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => sample(schema.items, name, ids));
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, 1);
    case 'boolean':
      return true;
    default:
      if (schema.format === 'uuid') return ids[name] ?? randomUUID();
      if (schema.format === 'email') return 'someone@example.de';
      if (schema.format === 'date-time') return new Date().toISOString();
      if (schema.format === 'uri') return 'https://example.de/x';
      if (schema.format === 'date') return '2026-11-01';
      if (schema.pattern) {
        const pattern = new RegExp(schema.pattern);
        const fits = ['EUR', 'de', '+4930123456', '12:00', '#336699', '2026-11-01', '123456789', 'abcdef123456', 'x'].find((c) => pattern.test(c));
        if (fits) return fits;
      }
      return 'x'.repeat(Math.max(schema.minLength ?? 1, 1));
  }
}

/**
 * Every API route with a path parameter, called by every role of another workspace with this
 * workspace's ids. The route list comes from the OpenAPI document the server builds from its
 * route table, so a new route is in the matrix the moment it exists; a route whose id this test
 * cannot supply fails the test instead of being skipped.
 */
describe('tenants are sealed off: every route × every role of another workspace', () => {
  let p: TestParley;
  let victim: Tenant;
  let attacker: Tenant;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    if (!backend) throw new Error('no backend');
    p = await startTestParley(backend);
    victim = await createTenant(p);
    attacker = await createTenant(p);
    const v = victim.token;
    const channel = await api<{ id: string }>(p, 'POST', '/api/v1/channels', v, { type: 'api', name: 'Victim shop' });
    const phone = await api<{ id: string }>(p, 'POST', '/api/v1/channels', v, { type: 'phone', name: 'Victim hotline' });
    const inbound = await api<{ conversationId: string; messageId: string }>(p, 'POST', `/api/v1/channels/${channel.body.id}/inbound`, v, { externalId: 'secret-1', from: { id: 'vip', name: 'Geheime Kundin', email: 'geheim@victim.example' }, text: 'Vertrauliche Reklamation 4711' });
    const conversation = await api<{ contactId: string }>(p, 'GET', `/api/v1/conversations/${inbound.body.conversationId}`, v);
    const label = await api<{ id: string }>(p, 'POST', '/api/v1/labels', v, { name: 'Geheim' });
    const team = await api<{ id: string }>(p, 'POST', '/api/v1/teams', v, { name: 'Geheimteam' });
    const canned = await api<{ id: string }>(p, 'POST', '/api/v1/canned-responses', v, { title: 'Geheim', body: 'Geheimer Text' });
    const token = await api<{ id: string }>(p, 'POST', '/api/v1/tokens', v, { name: 'geheim', role: 'viewer' });
    const users = await api<{ items: { id: string }[] }>(p, 'GET', '/api/v1/users', v);
    const query = await api<{ id: string }>(p, 'POST', '/api/v1/listening/queries', v, { name: 'Geheim', query: 'Reklamation' });
    const post = await api<{ mentionId: string }>(p, 'POST', '/api/v1/listening/posts', v, { source: 'x', externalId: 'p-1', text: 'Reklamation bei Victim' });
    const alert = await p.db.insertInto('listeningAlerts').values({ workspaceId: victim.workspaceId, queryId: query.body.id, kind: 'volume', severity: 'high', bucketStart: new Date(), observed: 9, expected: 1 }).returning('id').executeTakeFirstOrThrow();
    const upload = await fetch(`${p.url}/api/v1/attachments?filename=geheim.txt`, { method: 'POST', headers: { authorization: `Bearer ${v}`, 'content-type': 'text/plain' }, body: 'geheim' });
    const invite = await api<{ id: string }>(p, 'POST', '/api/v1/users/invites', v, { email: 'eingeladen@victim.example', role: 'agent' });
    const callback = await api<{ id: string }>(p, 'POST', '/api/v1/callbacks', v, { clientId: randomUUID(), channelId: phone.body.id, phone: '+4930999888' });
    const reviewRule = await api<{ id: string }>(p, 'POST', '/api/v1/review-ownership-rules', v, { department: 'service' });
    const reviewTemplate = await api<{ id: string }>(p, 'POST', '/api/v1/review-templates', v, { name: 'Geheim', language: 'de', minRating: 1, maxRating: 5, body: 'Geheimer Text' });
    const kbCategory = await api<{ id: string }>(p, 'POST', '/api/v1/kb-categories', v, { slug: 'geheim', nameDe: 'Geheim', nameEn: 'Secret' });
    const article = await api<{ id: string }>(p, 'POST', '/api/v1/articles', v, { language: 'de', title: 'Geheimartikel', bodyMd: 'Vertrauliche Reklamation', categoryId: kbCategory.body.id });
    const rule = await api<{ id: string }>(p, 'POST', '/api/v1/rules', v, { name: 'Geheime Regel', on: ['message.received'], when: { all: [] }, actions: [{ type: 'addLabels', labels: ['Geheim'] }] });
    Object.assign(ids, {
      channels: channel.body.id,
      conversations: inbound.body.conversationId,
      contacts: conversation.body.contactId,
      messages: inbound.body.messageId,
      labels: label.body.id,
      labelId: label.body.id,
      teams: team.body.id,
      'canned-responses': canned.body.id,
      tokens: token.body.id,
      users: users.body.items[0]?.id ?? '',
      agents: users.body.items[0]?.id ?? '',
      'listening/queries': query.body.id,
      'listening/mentions': post.body.mentionId,
      'listening/alerts': alert.id,
      attachments: ((await upload.json()) as { id: string }).id,
      callbacks: callback.body.id,
      'review-ownership-rules': reviewRule.body.id,
      'review-templates': reviewTemplate.body.id,
      'users/invites': invite.body.id,
      'kb-categories': kbCategory.body.id,
      articles: article.body.id,
      version: '1',
      rules: rule.body.id,
      contactId: conversation.body.contactId,
      channelId: channel.body.id,
      conversationId: inbound.body.conversationId,
    });
  });
  afterAll(async () => p.drop());

  it('answers 404 (or 403 for a role that may not act at all) and shows none of the victim\'s data', async () => {
    const doc = await api<{ paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, JsonSchema> } }>(p, 'GET', '/api/openapi.json', null);
    components = doc.body.components?.schemas ?? {};
    // A version number is no secret: "1" appears in every answer.
    const secrets = [...Object.values(ids).filter((id) => id !== ids.version), 'Geheime Kundin', 'geheim@victim.example', 'Vertrauliche Reklamation'];
    const tried: string[] = [];
    for (const [path, methods] of Object.entries(doc.body.paths)) {
      // The widget's routes are public by design (a visitor's token, not a workspace's); its own tests cover visitor isolation.
      if (!path.startsWith('/api/v1/') || !path.includes('{') || path.startsWith('/api/v1/widget/')) continue;
      for (const [method, op] of Object.entries(methods)) {
        const resource = path.slice('/api/v1/'.length).split('/{')[0] ?? '';
        const url = path.replace(/\{(\w+)\}/g, (_, name: string) => {
          const id = name === 'id' ? ids[resource] : ids[name];
          if (!id) throw new Error(`No victim id for {${name}} in ${method.toUpperCase()} ${path}: add one to this matrix.`);
          return id;
        });
        const schema = op.requestBody?.content?.['application/json']?.schema;
        const body = schema ? sample(schema, '', ids) : method === 'get' || method === 'delete' ? undefined : {};
        for (const role of ['admin', 'agent', 'viewer'] as Role[]) {
          const res = await api<unknown>(p, method.toUpperCase(), url, attacker.tokens[role], body);
          const text = JSON.stringify(res.body);
          tried.push(`${role} ${method.toUpperCase()} ${path} → ${res.status}`);
          // An admin may do everything, so for an admin nothing but "not found" is right.
          expect(role === 'admin' ? [404] : [403, 404], `${role} ${method.toUpperCase()} ${url} answered ${res.status}: ${text.slice(0, 300)}`).toContain(res.status);
          for (const secret of secrets) expect(text, `${role} ${method.toUpperCase()} ${path} leaked ${secret}`).not.toContain(secret);
        }
      }
    }
    expect(tried.length).toBeGreaterThan(100);

    // Nothing of the victim's changed: the conversation, its contact and its messages are as they were.
    const after = await api<{ status: string; messages: unknown[]; contact: { name: string; email: string } }>(p, 'GET', `/api/v1/conversations/${ids.conversations}`, victim.token);
    expect(after.body).toMatchObject({ status: 'open', contact: { name: 'Geheime Kundin', email: 'geheim@victim.example' } });
    expect(after.body.messages).toHaveLength(1);
    expect((await api(p, 'GET', `/api/v1/channels/${ids.channels}`, victim.token)).status).toBe(200);
  }, 120_000);
});
