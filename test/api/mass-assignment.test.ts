import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.js';
import { api, createTenant, startTestParley, type Tenant, type TestParley } from '../support/parley.js';

const backend = backends()[0];

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

interface Operation {
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

/** Fields an attacker adds to a body hoping the server copies them onto a row. */
const SMUGGLED = ['workspaceId', 'workspace_id', 'role', 'password', 'passwordHash', 'isAdmin', 'id', 'createdAt', 'userId', 'tokenHash', '__proto__'];

/** Every object in a schema that names its fields: each must refuse fields it does not name. */
function openObjects(schema: JsonSchema | undefined, path: string): string[] {
  if (!schema) return [];
  const nested = [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])].flatMap((s, i) => openObjects(s, `${path}|${i}`));
  const items = schema.items ? openObjects(schema.items, `${path}[]`) : [];
  const fields = Object.entries(schema.properties ?? {}).flatMap(([k, s]) => openObjects(s, `${path}.${k}`));
  const open = schema.properties && schema.additionalProperties !== false ? [path] : [];
  return [...open, ...nested, ...items, ...fields];
}

describe('no mass assignment: every write route refuses fields it does not declare', () => {
  let p: TestParley;
  let t: Tenant;
  let paths: Record<string, Record<string, Operation>>;
  beforeAll(async () => {
    if (!backend) throw new Error('no backend');
    p = await startTestParley(backend);
    t = await createTenant(p);
    paths = (await api<{ paths: Record<string, Record<string, Operation>> }>(p, 'GET', '/api/openapi.json', null)).body.paths;
  });
  afterAll(async () => p.drop());

  function writeRoutes(): { method: string; path: string; schema: JsonSchema }[] {
    return Object.entries(paths).flatMap(([path, methods]) =>
      Object.entries(methods).flatMap(([method, op]) => {
        const schema = op.requestBody?.content?.['application/json']?.schema;
        return path.startsWith('/api/') && schema ? [{ method, path, schema }] : [];
      }),
    );
  }

  it('declares every JSON body object strict in the API document', () => {
    const routes = writeRoutes();
    expect(routes.length).toBeGreaterThan(45);
    const open = routes.flatMap((r) => openObjects(r.schema, `${r.method.toUpperCase()} ${r.path} body`));
    expect(open).toEqual([]);
  });

  it('answers 400 naming the smuggled field on every write route, even for an admin', async () => {
    let tried = 0;
    for (const { method, path, schema } of writeRoutes()) {
      const declared = new Set(Object.keys(schema.properties ?? {}));
      const smuggled = SMUGGLED.find((f) => !declared.has(f) && f !== '__proto__');
      if (!smuggled || (schema.type !== undefined && schema.type !== 'object')) continue;
      const url = path.replace(/\{\w+\}/g, () => randomUUID());
      const res = await api<{ error?: { code: string } }>(p, method.toUpperCase(), url, t.token, { [smuggled]: smuggled === 'role' ? 'admin' : t.workspaceId });
      tried++;
      expect(res.status, `${method.toUpperCase()} ${path} with ${smuggled}: ${JSON.stringify(res.body).slice(0, 300)}`).toBe(400);
      expect(JSON.stringify(res.body), `${method.toUpperCase()} ${path}`).toContain(smuggled);
    }
    expect(tried).toBeGreaterThan(45);
    // A prototype key in JSON stays a plain, refused field: it changes no object's prototype.
    const proto = await api(p, 'POST', '/api/v1/labels', t.token, '{"name":"Lob","__proto__":{"isAdmin":true}}');
    expect(proto.status).toBe(400);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });
});
