import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_MESSAGE, safeContentType, safeFilename } from '../domain/attachment-file.js';
import { AppError } from '../domain/errors.js';
import type { AttachmentMeta, Db } from './schema.js';

export interface AttachmentFile {
  filename: string | null;
  contentType: string | null;
  content: Uint8Array;
}

export interface StoredAttachment {
  filename: string;
  contentType: string;
  size: number;
  content: Buffer;
}

export function attachmentUrl(id: string): string {
  return `/api/v1/attachments/${id}`;
}

function checkAttachmentCount(count: number): void {
  if (count > MAX_ATTACHMENTS_PER_MESSAGE) {
    throw new AppError('too_large', `A message may carry at most ${MAX_ATTACHMENTS_PER_MESSAGE} attachments; this one has ${count}.`);
  }
}

/** Refuses a message's files before anything is stored when they are over the limits. */
export function checkAttachmentLimits(files: { content: Uint8Array; filename?: string | null }[]): void {
  checkAttachmentCount(files.length);
  const big = files.find((f) => f.content.byteLength > MAX_ATTACHMENT_BYTES);
  if (big) throw new AppError('too_large', `Attachment "${safeFilename(big.filename)}" is larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB.`);
}

/**
 * Stores files that arrived with a message not stored yet; the pipeline links them to the
 * message in the transaction that stores it.
 */
export async function storeAttachments(db: Db, workspaceId: string, files: AttachmentFile[]): Promise<AttachmentMeta[]> {
  checkAttachmentLimits(files);
  if (files.length === 0) return [];
  const rows = await db
    .insertInto('attachments')
    .values(
      files.map((f) => {
        const content = Buffer.from(f.content.buffer, f.content.byteOffset, f.content.byteLength);
        return {
          workspaceId,
          filename: safeFilename(f.filename),
          contentType: safeContentType(f.contentType),
          size: content.byteLength,
          sha256: createHash('sha256').update(content).digest('hex'),
          content,
        };
      }),
    )
    .returning(['id', 'filename', 'contentType', 'size'])
    .execute();
  return rows;
}

/** Links a new message's files to it; files that are not waiting for a message are refused. */
export async function linkAttachments(db: Db, workspaceId: string, messageId: string, attachments: AttachmentMeta[]): Promise<void> {
  if (attachments.length === 0) return;
  const linked = await db
    .updateTable('attachments')
    .set({ messageId })
    .where('workspaceId', '=', workspaceId)
    .where('id', 'in', attachments.map((a) => a.id))
    .where('messageId', 'is', null)
    .returning('id')
    .execute();
  if (linked.length !== attachments.length) throw new AppError('invalid', 'An attachment of this message is unknown or belongs to another message.');
}

/** Uploaded files not linked to a message yet, in the order asked for; unknown ids are refused. */
export async function pendingAttachments(db: Db, workspaceId: string, ids: string[]): Promise<AttachmentMeta[]> {
  const unique = [...new Set(ids)];
  checkAttachmentCount(unique.length);
  if (unique.length === 0) return [];
  const rows = await db
    .selectFrom('attachments')
    .select(['id', 'filename', 'contentType', 'size'])
    .where('workspaceId', '=', workspaceId)
    .where('id', 'in', unique)
    .where('messageId', 'is', null)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return unique.map((id) => {
    const row = byId.get(id);
    if (!row) throw new AppError('not_found', 'Attachment not found or already sent with another message.', { field: 'attachmentIds' });
    return row;
  });
}

/**
 * Files that never became part of a message (an upload not sent, a delivery cut off) go after a
 * day, unless an article shows them (an image in the knowledge base).
 */
export async function pruneUnlinkedAttachments(db: Db): Promise<number> {
  const deleted = await db
    .deleteFrom('attachments')
    .where('messageId', 'is', null)
    .where('createdAt', '<', sql<Date>`now() - interval '1 day'`)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('articles').select(sql`1`.as('one')).whereRef('articles.workspaceId', '=', 'attachments.workspaceId').where(sql<boolean>`articles.body_md LIKE '%/api/v1/attachments/' || attachments.id || '%'`))),
    )
    .executeTakeFirst();
  return Number(deleted.numDeletedRows);
}

/** Files stored for a message that turned out to be a duplicate (or was refused) go again. */
export async function discardUnlinkedAttachments(db: Db, workspaceId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.deleteFrom('attachments').where('workspaceId', '=', workspaceId).where('id', 'in', ids).where('messageId', 'is', null).execute();
}

export async function getAttachment(db: Db, workspaceId: string, id: string): Promise<StoredAttachment> {
  const row = await db
    .selectFrom('attachments')
    .select(['filename', 'contentType', 'size', 'content'])
    .where('workspaceId', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', 'Attachment not found.');
  return row;
}

/** A message's files with their contents, in the order the message lists them. */
export async function messageAttachmentFiles(db: Db, workspaceId: string, attachments: AttachmentMeta[]): Promise<StoredAttachment[]> {
  if (attachments.length === 0) return [];
  const rows = await db
    .selectFrom('attachments')
    .select(['id', 'filename', 'contentType', 'size', 'content'])
    .where('workspaceId', '=', workspaceId)
    .where('id', 'in', attachments.map((a) => a.id))
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return attachments.flatMap((a) => {
    const row = byId.get(a.id);
    return row ? [{ filename: row.filename, contentType: row.contentType, size: row.size, content: row.content }] : [];
  });
}
