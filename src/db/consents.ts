import type { Selectable } from 'kysely';
import { AppError } from '../domain/errors.js';
import type { ContactConsentsTable, Db } from './schema.js';

export interface ConsentInput {
  purpose: string;
  status: 'given' | 'withdrawn';
  source: string;
  channelId?: string | null;
  recordedAt?: string;
}

export type ConsentDto = Omit<Selectable<ContactConsentsTable>, 'workspaceId' | 'recordedAt'> & { recordedAt: string };

const COLUMNS = ['id', 'contactId', 'channelId', 'purpose', 'status', 'source', 'recordedBy', 'recordedAt'] as const;

function toDto(r: Omit<Selectable<ContactConsentsTable>, 'workspaceId'>): ConsentDto {
  return { ...r, recordedAt: r.recordedAt.toISOString() };
}

/** Every record, newest first: consent is a history, the latest record per purpose and channel counts. */
export async function listConsents(db: Db, workspaceId: string, contactIds: string[]): Promise<ConsentDto[]> {
  if (contactIds.length === 0) return [];
  const rows = await db
    .selectFrom('contactConsents')
    .select(COLUMNS)
    .where('workspaceId', '=', workspaceId)
    .where('contactId', 'in', contactIds)
    .orderBy('recordedAt', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(toDto);
}

/** Records are only ever added; withdrawing is a new record, so the history shows what held when. */
export async function recordConsent(db: Db, workspaceId: string, contactId: string, recordedBy: string | null, input: ConsentInput): Promise<ConsentDto> {
  if (input.channelId) {
    const channel = await db.selectFrom('channels').select('id').where('workspaceId', '=', workspaceId).where('id', '=', input.channelId).executeTakeFirst();
    if (!channel) throw new AppError('not_found', 'Channel not found.', { field: 'channelId' });
  }
  if (input.recordedAt && Date.parse(input.recordedAt) > Date.now() + 60_000) {
    throw new AppError('invalid', 'recordedAt: a consent cannot be recorded in the future.', { field: 'recordedAt' });
  }
  const row = await db
    .insertInto('contactConsents')
    .values({
      workspaceId,
      contactId,
      channelId: input.channelId ?? null,
      purpose: input.purpose,
      status: input.status,
      source: input.source,
      recordedBy,
      ...(input.recordedAt && { recordedAt: input.recordedAt }),
    })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  return toDto(row);
}
