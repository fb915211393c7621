import { sql } from 'kysely';
import { AppError } from '../domain/errors.js';
import type { Conversation, ConversationStatus, Db, Priority } from './schema.js';

export interface ConversationDto {
  id: string;
  channelId: string;
  channelType: string;
  contactId: string;
  contactName: string | null;
  subject: string | null;
  status: ConversationStatus;
  priority: Priority;
  tier: number;
  teamId: string | null;
  assigneeId: string | null;
  visibility: Conversation['visibility'];
  labels: string[];
  preview: string;
  messageCount: number;
  snoozedUntil: string | null;
  lastMessageAt: string;
  lastInboundAt: string | null;
  firstResponseAt: string | null;
  resolvedAt: string | null;
  createdAt: string;
  updatedAt: string;
  language: string | null;
  sentiment: Conversation['sentiment'];
  category: string | null;
  urgent: boolean;
  sla: {
    policyId: string;
    firstResponseDueAt: string | null;
    resolutionDueAt: string | null;
    warnedAt: string | null;
    breachedAt: string | null;
    /** The running next-response clock (null when none runs); its own warning and breach. */
    nextResponse: { dueAt: string | null; paused: boolean; warnedAt: string | null; breachedAt: string | null } | null;
  } | null;
}

/** Every column but the search vector, which can be large and is only ever queried. */
export const CONVERSATION_COLUMNS = [
  'id', 'workspaceId', 'channelId', 'contactId', 'subject', 'status', 'priority', 'tier', 'teamId', 'assigneeId', 'visibility', 'threadKey',
  'snoozedUntil', 'preview', 'messageCount', 'lastMessageAt', 'lastInboundAt', 'firstResponseAt', 'resolvedAt', 'createdAt', 'updatedAt',
  'language', 'sentiment', 'category', 'urgent', 'slaPolicyId', 'firstResponseDueAt', 'firstResponseWarnAt', 'resolutionDueAt', 'slaWarnedAt',
  'slaBreachedAt', 'nextResponseDueAt', 'nextResponseWarnAt', 'nextResponsePausedAt', 'nextResponseWarnedAt', 'nextResponseBreachedAt',
] as const;

export type ConversationRow = Conversation & { channelType: string; contactName: string | null; labels: string[] };

const snakeCase = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * The RETURNING list of a statement that changes conversations (`c`) and hands back what their DTO
 * needs, so announcing the change costs no second read. The statement supplies `channel_type`.
 */
export const RETURNING_CONVERSATION_ROW = sql`${sql.join(CONVERSATION_COLUMNS.map((col) => sql.ref(`c.${snakeCase(col)}`)))},
  (SELECT name FROM contacts WHERE id = c.contact_id) AS contact_name,
  coalesce((SELECT array_agg(l.name ORDER BY l.name) FROM conversation_labels cl JOIN labels l ON l.id = cl.label_id WHERE cl.conversation_id = c.id), '{}') AS labels`;

export function toConversationDto(c: ConversationRow): ConversationDto {
  return {
    id: c.id,
    channelId: c.channelId,
    channelType: c.channelType,
    contactId: c.contactId,
    contactName: c.contactName,
    subject: c.subject,
    status: c.status,
    priority: c.priority,
    tier: c.tier,
    teamId: c.teamId,
    assigneeId: c.assigneeId,
    visibility: c.visibility,
    labels: c.labels,
    preview: c.preview,
    messageCount: c.messageCount,
    snoozedUntil: c.snoozedUntil?.toISOString() ?? null,
    lastMessageAt: c.lastMessageAt.toISOString(),
    lastInboundAt: c.lastInboundAt?.toISOString() ?? null,
    firstResponseAt: c.firstResponseAt?.toISOString() ?? null,
    resolvedAt: c.resolvedAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    language: c.language,
    sentiment: c.sentiment,
    category: c.category,
    urgent: c.urgent,
    sla: c.slaPolicyId
      ? {
          policyId: c.slaPolicyId,
          firstResponseDueAt: c.firstResponseDueAt?.toISOString() ?? null,
          resolutionDueAt: c.resolutionDueAt?.toISOString() ?? null,
          warnedAt: c.slaWarnedAt?.toISOString() ?? null,
          breachedAt: c.slaBreachedAt?.toISOString() ?? null,
          nextResponse:
            c.nextResponseDueAt || c.nextResponseBreachedAt
              ? { dueAt: c.nextResponseDueAt?.toISOString() ?? null, paused: c.nextResponsePausedAt !== null, warnedAt: c.nextResponseWarnedAt?.toISOString() ?? null, breachedAt: c.nextResponseBreachedAt?.toISOString() ?? null }
              : null,
        }
      : null,
  };
}

/** Conversations with what a list row shows: channel type, contact name, label names. */
export function selectConversations(db: Db) {
  return db
    .selectFrom('conversations as c')
    .select(CONVERSATION_COLUMNS.map((col) => `c.${col}` as const))
    .select((eb) => [
      eb.selectFrom('channels').select('type').whereRef('channels.id', '=', 'c.channelId').$asScalar().$notNull().as('channelType'),
      eb.selectFrom('contacts').select('name').whereRef('contacts.id', '=', 'c.contactId').$asScalar().as('contactName'),
      sql<string[]>`coalesce((SELECT array_agg(l.name ORDER BY l.name) FROM conversation_labels cl JOIN labels l ON l.id = cl.label_id WHERE cl.conversation_id = c.id), '{}')`.as('labels'),
    ]);
}

export async function getConversation(db: Db, workspaceId: string, id: string): Promise<ConversationDto> {
  const row = await selectConversations(db).where('c.workspaceId', '=', workspaceId).where('c.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found', 'Conversation not found.');
  return toConversationDto(row);
}

export async function lockConversation(db: Db, workspaceId: string, id: string): Promise<Conversation> {
  const row = await db
    .selectFrom('conversations')
    .select(CONVERSATION_COLUMNS)
    .where('workspaceId', '=', workspaceId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', 'Conversation not found.');
  return row;
}
