import type { ChannelTypeInfo } from '../../../src/channels/registry.js';

// The create-channel form is drawn from each channel type's settings schema, so a new channel
// type appears in the app without app changes. Nested objects are offered one level deep.

export interface FieldSpec {
  /** Dotted path into the settings object, or the secret's name. */
  path: string;
  kind: 'text' | 'url' | 'number' | 'boolean' | 'select' | 'list' | 'secret';
  required: boolean;
  options: string[];
  defaultValue: string;
}

interface JsonSchema {
  type?: string;
  format?: string;
  enum?: unknown[];
  default?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
}

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fieldsOf(schema: JsonSchema, prefix: string, parentRequired: boolean, depth: number): FieldSpec[] {
  const out: FieldSpec[] = [];
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    const path = prefix ? `${prefix}.${name}` : name;
    const required = parentRequired && (schema.required ?? []).includes(name);
    const defaultValue = prop.default === undefined ? '' : String(prop.default);
    if (prop.enum) out.push({ path, kind: 'select', required, options: prop.enum.map(String), defaultValue });
    else if (prop.type === 'object' && depth === 0) out.push(...fieldsOf(prop, path, false, 1));
    else if (prop.type === 'array' && prop.items?.type === 'string') out.push({ path, kind: 'list', required, options: [], defaultValue: '' });
    else if (prop.type === 'boolean') out.push({ path, kind: 'boolean', required: false, options: [], defaultValue });
    else if (prop.type === 'number' || prop.type === 'integer') out.push({ path, kind: 'number', required, options: [], defaultValue });
    else if (prop.type === 'string') out.push({ path, kind: prop.format === 'uri' ? 'url' : 'text', required, options: [], defaultValue });
  }
  return out;
}

export function channelFields(info: ChannelTypeInfo): FieldSpec[] {
  const settings = isSchema(info.settings) ? fieldsOf(info.settings, '', true, 0) : [];
  const secrets = info.secrets.map((name) => ({ path: name, kind: 'secret' as const, required: !info.generatedSecrets.includes(name), options: [], defaultValue: '' }));
  return [...settings, ...secrets];
}

/** Turns the form's strings into the create request's settings and secrets; empty fields are left out. */
export function channelBody(fields: FieldSpec[], values: Record<string, string>): { settings: Record<string, unknown>; secrets: Record<string, string> } {
  const settings: Record<string, unknown> = {};
  const secrets: Record<string, string> = {};
  for (const f of fields) {
    const raw = (values[f.path] ?? '').trim();
    if (raw === '' && f.kind !== 'boolean') continue;
    if (f.kind === 'secret') {
      secrets[f.path] = raw;
      continue;
    }
    const value = f.kind === 'number' ? Number(raw) : f.kind === 'boolean' ? raw === 'true' : f.kind === 'list' ? raw.split(',').map((s) => s.trim()).filter(Boolean) : raw;
    if (f.kind === 'boolean' && raw === '') continue;
    const [head, tail] = f.path.split('.', 2);
    if (!head) continue;
    if (tail === undefined) settings[head] = value;
    else {
      const nested = settings[head];
      settings[head] = { ...(typeof nested === 'object' && nested !== null ? nested : {}), [tail]: value };
    }
  }
  return { settings, secrets };
}

function ownField(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? Object.getOwnPropertyDescriptor(value, key)?.value : undefined;
}

/** The form's strings for a channel's current settings, for editing; secrets stay empty (unchanged). */
export function channelValues(fields: FieldSpec[], settings: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const f of fields) {
    if (f.kind === 'secret') continue;
    const [head, tail] = f.path.split('.', 2);
    const top = head ? settings[head] : undefined;
    const value = tail === undefined ? top : ownField(top, tail);
    if (value === undefined || value === null) continue;
    values[f.path] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return values;
}
