import { sql } from 'kysely';
import { AppError } from '../domain/errors.js';
import type { CallbackStatus, Db } from './schema.js';

export interface CallbackDto {
  id: string;
  conversationId: string;
  contactId: string;
  contactName: string | null;
  phone: string;
  note: string;
  dueAt: string;
  status: CallbackStatus;
  attempts: number;
  createdAt: string;
}

/** A callback not reached this many times is closed as not reached. */
export const MAX_CALLBACK_ATTEMPTS = 3;
/** After a failed attempt the next one is due this much later. */
export const RETRY_CALLBACK_MS = 60 * 60_000;

function selectCallbacks(db: Db, workspaceId: string) {
  return db
    .selectFrom('callbacks as cb')
    .leftJoin('contacts as c', 'c.id', 'cb.contactId')
    .select(['cb.id', 'cb.conversationId', 'cb.contactId', 'c.name as contactName', 'cb.phone', 'cb.note', 'cb.dueAt', 'cb.status', 'cb.attempts', 'cb.createdAt'])
    .where('cb.workspaceId', '=', workspaceId);
}

type Row = Awaited<ReturnType<ReturnType<typeof selectCallbacks>['executeTakeFirstOrThrow']>>;

function toDto(r: Row): CallbackDto {
  return { ...r, dueAt: r.dueAt.toISOString(), createdAt: r.createdAt.toISOString() };
}

export async function listCallbacks(db: Db, workspaceId: string, status: CallbackStatus | null, limit: number): Promise<CallbackDto[]> {
  let q = selectCallbacks(db, workspaceId);
  if (status) q = q.where('cb.status', '=', status);
  return (await q.orderBy('cb.dueAt').orderBy('cb.id').limit(limit).execute()).map(toDto);
}

export async function getCallback(db: Db, workspaceId: string, id: string): Promise<CallbackDto> {
  const row = await selectCallbacks(db, workspaceId).where('cb.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found', 'Callback not found.');
  return toDto(row);
}

/**
 * Records one attempt. Reached closes the callback; not reached moves it on by an hour, and
 * closes it as not reached after the last attempt. Locked, so two agents cannot both count.
 */
export async function recordCallbackAttempt(db: Db, workspaceId: string, id: string, outcome: 'reached' | 'not_reached'): Promise<CallbackDto> {
  const current = await db.selectFrom('callbacks').select(['status', 'attempts']).where('workspaceId', '=', workspaceId).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!current) throw new AppError('not_found', 'Callback not found.');
  if (current.status !== 'open') throw new AppError('conflict', `This callback is already ${current.status.replace('_', ' ')}.`);
  const attempts = current.attempts + 1;
  const status: CallbackStatus = outcome === 'reached' ? 'done' : attempts >= MAX_CALLBACK_ATTEMPTS ? 'not_reached' : 'open';
  await db
    .updateTable('callbacks')
    .set({
      attempts,
      status,
      updatedAt: sql<Date>`now()`,
      ...(status === 'open' && { dueAt: sql<Date>`now() + make_interval(secs => ${RETRY_CALLBACK_MS / 1000})` }),
    })
    .where('id', '=', id)
    .execute();
  return getCallback(db, workspaceId, id);
}
