import { sql } from 'kysely';
import type { ChannelAdapter } from '../channels/adapter.js';
import { adapterFor } from '../channels/registry.js';
import { AppError } from '../domain/errors.js';
import { parseOrThrow } from '../domain/validate.js';
import type { SecretBox } from '../security/secret-box.js';
import type { ChannelRow, Db } from './schema.js';

export interface ChannelDto {
  id: string;
  type: string;
  name: string;
  brandId: string | null;
  settings: Record<string, unknown>;
  /** Names of the secrets that are set; their values never leave the server. */
  secretsSet: string[];
  webhookUrl: string;
  createdAt: string;
  disabled: boolean;
}

export function toChannelDto(c: ChannelRow, box: SecretBox): ChannelDto {
  return {
    id: c.id,
    type: c.type,
    name: c.name,
    brandId: c.brandId,
    settings: c.settings,
    secretsSet: c.secrets ? Object.keys(box.open(c.secrets)).sort() : [],
    webhookUrl: c.type === 'api' ? `/api/v1/channels/${c.id}/inbound` : `/webhooks/${c.type}/${c.id}`,
    createdAt: c.createdAt.toISOString(),
    disabled: c.disabledAt !== null,
  };
}

export async function getChannel(db: Db, workspaceId: string, id: string): Promise<ChannelRow> {
  const row = await db.selectFrom('channels').selectAll().where('workspaceId', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found', 'Channel not found.');
  return row;
}

/**
 * The channel a provider's webhook names. Not scoped to a workspace: the provider only knows the
 * channel id, and the adapter's signature check is what proves the caller.
 */
export async function findChannelForWebhook(db: Db, type: string, id: string): Promise<ChannelRow> {
  const row = await db.selectFrom('channels').selectAll().where('id', '=', id).where('type', '=', type).executeTakeFirst();
  if (!row) throw new AppError('not_found', `No ${type} channel with this id.`);
  return row;
}

export async function listChannels(db: Db, workspaceId: string): Promise<ChannelRow[]> {
  return db.selectFrom('channels').selectAll().where('workspaceId', '=', workspaceId).orderBy('createdAt').execute();
}

export interface ChannelInput {
  type: string;
  name: string;
  brandId?: string | null;
  settings?: Record<string, unknown>;
  secrets?: Record<string, string>;
}

/** Secrets a caller put into settings (as the adapter allows) move to the secrets. */
/** The unique index on e-mail addresses (and any later one) answers as a conflict, not a crash. */
async function unlessTaken<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (err) {
    if (err instanceof Error && 'code' in err && err.code === '23505') {
      throw new AppError('conflict', 'Another channel of this installation already uses this address.', { field: 'settings' });
    }
    throw err;
  }
}

/** Creates a channel; secrets Parley generates are returned once, here, and never again. */
export async function createChannel(db: Db, box: SecretBox, workspaceId: string, input: ChannelInput): Promise<{ channel: ChannelRow; generatedSecrets: Record<string, string> }> {
  const adapter = adapterFor(input.type);
  const split = splitSecrets(adapter, input.settings ?? {}, input.secrets ?? {});
  const settings = parseOrThrow(adapter.settings, split.settings, 'settings');
  const generated = Object.fromEntries(Object.entries(adapter.generateSecrets?.() ?? {}).filter(([k]) => split.secrets[k] === undefined));
  const secrets = stringsOnly(parseOrThrow(adapter.secrets, { ...generated, ...split.secrets }, 'secrets'));
  if (input.brandId) await assertBrand(db, workspaceId, input.brandId);
  const channel = await unlessTaken(
    db
      .insertInto('channels')
      .values({
        workspaceId,
        type: input.type,
        name: input.name,
        brandId: input.brandId ?? null,
        settings: JSON.stringify(settings),
        secrets: Object.keys(secrets).length > 0 ? box.seal(secrets) : null,
      })
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
  return { channel, generatedSecrets: generated };
}

export interface ChannelPatch {
  name?: string;
  brandId?: string | null;
  settings?: Record<string, unknown>;
  secrets?: Record<string, string>;
  disabled?: boolean;
}

export async function updateChannel(db: Db, box: SecretBox, workspaceId: string, id: string, patch: ChannelPatch): Promise<ChannelRow> {
  const current = await getChannel(db, workspaceId, id);
  const adapter = adapterFor(current.type);
  const split = splitSecrets(adapter, patch.settings ?? {}, patch.secrets ?? {});
  const settings = patch.settings === undefined ? undefined : parseOrThrow(adapter.settings, { ...current.settings, ...split.settings }, 'settings');
  const secretsChanged = patch.secrets !== undefined || Object.keys(split.secrets).length > 0;
  const secrets = secretsChanged ? stringsOnly(parseOrThrow(adapter.secrets, { ...(current.secrets ? box.open(current.secrets) : {}), ...split.secrets }, 'secrets')) : undefined;
  if (patch.brandId) await assertBrand(db, workspaceId, patch.brandId);
  return unlessTaken(
    db
      .updateTable('channels')
      .set({
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.brandId !== undefined && { brandId: patch.brandId }),
        ...(settings !== undefined && { settings: JSON.stringify(settings) }),
        ...(secrets !== undefined && { secrets: box.seal(secrets) }),
        ...(patch.disabled !== undefined && { disabledAt: patch.disabled ? sql<Date>`now()` : null }),
      })
      .where('workspaceId', '=', workspaceId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
}

/**
 * Providers' set-up screens list credentials beside ordinary settings, so a request may carry
 * both in `settings`; the adapter's secret names decide what is sealed and never shown again.
 */
function splitSecrets(adapter: ChannelAdapter, settings: Record<string, unknown>, secrets: Record<string, string>): { settings: Record<string, unknown>; secrets: Record<string, unknown> } {
  const secretNames = new Set(Object.keys(adapter.secrets.shape));
  const plain: Record<string, unknown> = {};
  const sealed: Record<string, unknown> = { ...secrets };
  for (const [key, value] of Object.entries(settings)) {
    if (secretNames.has(key)) sealed[key] = value;
    else plain[key] = value;
  }
  return { settings: plain, secrets: sealed };
}

function stringsOnly(values: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

async function assertBrand(db: Db, workspaceId: string, brandId: string): Promise<void> {
  const brand = await db.selectFrom('brands').select('id').where('workspaceId', '=', workspaceId).where('id', '=', brandId).executeTakeFirst();
  if (!brand) throw new AppError('not_found', 'Brand not found.', { field: 'brandId' });
}
