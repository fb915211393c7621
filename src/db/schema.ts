import type { ColumnType, Generated, Kysely, Selectable, Transaction } from 'kysely';
import type { BusinessCalendar } from '../domain/business-hours.js';
import type { GoodwillType } from '../domain/goodwill-policy.js';
import type { OrderStatus } from '../domain/orders.js';
import type { ReviewResponseTargets } from '../domain/review-response-targets.js';
import type { SlaPolicy } from '../domain/sla-policy.js';
import type { Adaptation, PiiSpan } from '../nlp/index.js';

// Columns the database fills in: optional on insert, always present on select.
type Defaulted<T> = ColumnType<T, T | undefined, T>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T> = ColumnType<T, string | undefined, string>;
type NullableJson<T> = ColumnType<T | null, string | null | undefined, string | null>;
type ReadOnly<T> = ColumnType<T, never, never>;
/** bigint columns come back as strings (see database.ts); we write numbers. */
type BigIntColumn = ColumnType<string, number, number>;

export type Role = 'admin' | 'agent' | 'viewer';
export type ConversationStatus = 'open' | 'pending' | 'snoozed' | 'resolved' | 'closed';
export type Priority = 'low' | 'normal' | 'high' | 'urgent';
export type Visibility = 'public' | 'private';
export type Direction = 'inbound' | 'outbound' | 'note';
export type DeliveryStatus = 'queued' | 'sent' | 'delivered' | 'failed';
export type ActorType = 'user' | 'token' | 'contact' | 'system';
export type Sentiment = 'negative' | 'neutral' | 'positive';

export interface PiiSpanRow {
  kind: PiiSpan['kind'];
  start: number;
  end: number;
}

/** What a message was, where it was more than text: a logged call, a scanned letter, a callback request. */
export interface MessageMeta {
  call?: { direction: 'inbound' | 'outbound'; durationSeconds: number; outcome?: 'reached' | 'not_reached' };
  letter?: { kind: 'letter' | 'fax' };
  /** A web chat reply the visitor missed, and what became of mailing it to them. */
  missedMail?: { at: string; status: 'sent' | 'no_address' | 'no_channel' | 'failed'; reason?: string };
  /** A callback request: the callback row is created with the message, in the same transaction. */
  callback?: { phone: string; dueAt: string; note: string };
  /** A post listening found, opened as a conversation by an agent: written about us, not to us. */
  outreach?: { mentionId: string };
  /** Written by the first-level bot: an answer from an article, the closing words, or the hand-over. */
  bot?: { kind: 'answer' | 'resolved' | 'handover' | 'summary'; articleId?: string };
  /** A reply an automation rule sent; it does not count as the team's response. */
  automatic?: { ruleId: string };
}

export interface AgentProfilesTable {
  userId: string;
  workspaceId: string;
  presence: Defaulted<'online' | 'away' | 'offline'>;
  tier: Defaulted<number>;
  languages: Defaulted<string[]>;
  channelTypes: Defaulted<string[]>;
  categories: Defaulted<string[]>;
  products: Defaulted<string[]>;
  capacity: Json<Record<string, number>>;
  updatedAt: Timestamp;
}

export type CallbackStatus = 'open' | 'done' | 'not_reached' | 'cancelled';

export interface CallbacksTable {
  id: Generated<string>;
  workspaceId: string;
  conversationId: string;
  contactId: string;
  messageId: string;
  phone: string;
  note: Defaulted<string>;
  dueAt: Timestamp;
  status: Defaulted<CallbackStatus>;
  attempts: Defaulted<number>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  warnedAt: NullableTimestamp;
  overdueAt: NullableTimestamp;
}

export interface AttachmentMeta {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  /** Where the file is downloaded; added when a message is read, not stored. */
  url?: string;
}

export interface WorkspacesTable {
  id: Generated<string>;
  slug: string;
  name: string;
  locale: Defaulted<string>;
  timeZone: Defaulted<string>;
  createdAt: Timestamp;
  brandProfile: Json<{ names: string[]; products: string[]; terms: string[] }>;
  slaPolicies: Json<SlaPolicy[]>;
  alertNotifications: Json<{ emails?: string[]; webhookUrl?: string }>;
  /** Sealed with the secret box: signs alert webhooks (Standard Webhooks). */
  alertWebhookSecret: string | null;
  /** Sealed with the secret box: signs the webhook calls of automation rules (Standard Webhooks). */
  rulesWebhookSecret: string | null;
  businessCalendar: Json<BusinessCalendar>;
  /**
   * Null until an admin states them (the default policy applies meanwhile). Read only through
   * db/goodwill-settings.ts, which keeps their snake_case keys (free_shipping) intact.
   */
  goodwillPolicy: NullableJson<unknown>;
  goodwillBudgets: NullableJson<unknown>;
}

export interface BrandsTable {
  id: Generated<string>;
  workspaceId: string;
  name: string;
  createdAt: Timestamp;
}

export interface UsersTable {
  id: Generated<string>;
  workspaceId: string;
  email: string;
  name: string;
  role: Role;
  passwordHash: string | null;
  locale: string | null;
  createdAt: Timestamp;
  disabledAt: NullableTimestamp;
}

export interface SessionsTable {
  id: string;
  userId: string;
  workspaceId: string;
  csrfToken: string;
  createdAt: Timestamp;
  expiresAt: Timestamp;
}

export interface ApiTokensTable {
  id: Generated<string>;
  workspaceId: string;
  name: string;
  role: Role;
  tokenHash: string;
  prefix: string;
  createdBy: string | null;
  createdAt: Timestamp;
  expiresAt: NullableTimestamp;
  lastUsedAt: NullableTimestamp;
  revokedAt: NullableTimestamp;
}

export interface TeamsTable {
  id: Generated<string>;
  workspaceId: string;
  name: string;
  kind: Defaulted<string>;
  routingMode: Defaulted<'auto' | 'manual'>;
  createdAt: Timestamp;
}

export interface TeamMembersTable {
  teamId: string;
  userId: string;
}

export interface LabelsTable {
  id: Generated<string>;
  workspaceId: string;
  name: string;
  color: Defaulted<string>;
  createdAt: Timestamp;
}

export interface ChannelsTable {
  id: Generated<string>;
  workspaceId: string;
  brandId: string | null;
  type: string;
  name: string;
  settings: Json<Record<string, unknown>>;
  secrets: string | null;
  createdAt: Timestamp;
  disabledAt: NullableTimestamp;
}

export interface ContactsTable {
  id: Generated<string>;
  workspaceId: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  notes: Defaulted<string>;
  tags: Defaulted<string[]>;
  attributes: Json<Record<string, unknown>>;
  mergedIntoId: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  search: ReadOnly<string>;
}

export interface ContactIdentitiesTable {
  id: Generated<string>;
  workspaceId: string;
  contactId: string;
  kind: string;
  value: string;
  channelId: string | null;
  createdAt: Timestamp;
}

export interface ConversationsTable {
  id: Generated<string>;
  workspaceId: string;
  channelId: string;
  contactId: string;
  subject: string | null;
  status: Defaulted<ConversationStatus>;
  priority: Defaulted<Priority>;
  tier: Defaulted<number>;
  teamId: string | null;
  assigneeId: string | null;
  visibility: Defaulted<Visibility>;
  threadKey: string | null;
  snoozedUntil: NullableTimestamp;
  preview: Defaulted<string>;
  messageCount: Defaulted<number>;
  lastMessageAt: Timestamp;
  lastInboundAt: NullableTimestamp;
  firstResponseAt: NullableTimestamp;
  resolvedAt: NullableTimestamp;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  language: string | null;
  sentiment: Sentiment | null;
  category: string | null;
  urgent: Defaulted<boolean>;
  slaPolicyId: string | null;
  firstResponseDueAt: NullableTimestamp;
  firstResponseWarnAt: NullableTimestamp;
  resolutionDueAt: NullableTimestamp;
  slaWarnedAt: NullableTimestamp;
  slaBreachedAt: NullableTimestamp;
  /** The next-response clock: runs from a customer's message after an agent's reply until the next reply. */
  nextResponseDueAt: NullableTimestamp;
  nextResponseWarnAt: NullableTimestamp;
  /** Set while the conversation waits on the customer (pending, snoozed): the clock stands still. */
  nextResponsePausedAt: NullableTimestamp;
  nextResponseWarnedAt: NullableTimestamp;
  nextResponseBreachedAt: NullableTimestamp;
  /** Every message's words, maintained by the pipeline; never selected into answers. */
  search: Defaulted<string>;
}

export interface ConversationLabelsTable {
  conversationId: string;
  labelId: string;
}

export interface MessagesTable {
  id: Generated<string>;
  workspaceId: string;
  conversationId: string;
  channelId: string;
  direction: Direction;
  externalId: string | null;
  authorUserId: string | null;
  contactId: string | null;
  text: string;
  html: string | null;
  attachments: Json<AttachmentMeta[]>;
  visibility: Defaulted<Visibility>;
  deliveryStatus: DeliveryStatus | null;
  deliveryError: string | null;
  deliveryAttempts: Defaulted<number>;
  nextAttemptAt: NullableTimestamp;
  sentAt: NullableTimestamp;
  createdAt: Timestamp;
  language: string | null;
  sentiment: Sentiment | null;
  sentimentScore: number | null;
  category: string | null;
  urgent: Defaulted<boolean>;
  urgentReasons: Defaulted<string[]>;
  pii: Json<PiiSpanRow[]>;
  /** Stars (1–5) of a review; null for everything that is not one. */
  rating: Defaulted<number | null>;
  meta: Json<MessageMeta>;
}

export interface AttachmentsTable {
  id: Generated<string>;
  workspaceId: string;
  /** Null between storing a file and storing the message it came with. */
  messageId: string | null;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  content: Buffer;
  createdAt: Timestamp;
}

export interface ConversationEventsTable {
  id: Generated<string>;
  workspaceId: string;
  conversationId: string;
  actorType: ActorType;
  actorId: string | null;
  type: string;
  data: Json<Record<string, unknown>>;
  createdAt: Timestamp;
}

export interface OutboxTable {
  id: Generated<string>;
  workspaceId: string | null;
  type: string;
  data: Json<Record<string, unknown>>;
  createdAt: Timestamp;
  publishedAt: NullableTimestamp;
}

export interface CannedResponsesTable {
  id: Generated<string>;
  workspaceId: string;
  title: string;
  body: string;
  createdBy: string | null;
  createdAt: Timestamp;
}

export interface LabelCorrectionsTable {
  id: Generated<string>;
  workspaceId: string;
  messageId: string;
  field: 'sentiment' | 'category' | 'relevant';
  label: string;
  userId: string | null;
  createdAt: Timestamp;
}

export interface WorkspaceModelsTable {
  workspaceId: string;
  adaptation: Json<Adaptation>;
  corrections: number;
  trainedAt: Timestamp;
}

export interface ListeningQueriesTable {
  id: Generated<string>;
  workspaceId: string;
  name: string;
  query: string;
  labels: Defaulted<string[]>;
  ownerTeam: Defaulted<string>;
  brand: string | null;
  createdAt: Timestamp;
}

export interface MentionsTable {
  id: Generated<string>;
  workspaceId: string;
  source: string;
  externalId: string;
  queryIds: string[];
  messageId: string | null;
  contactId: string | null;
  author: string | null;
  reach: number | null;
  url: string | null;
  text: string;
  language: string | null;
  sentiment: string | null;
  postedAt: Timestamp;
  createdAt: Timestamp;
}

export interface ListeningAlertsTable {
  id: Generated<string>;
  workspaceId: string;
  queryId: string | null;
  brand: string | null;
  kind: 'volume' | 'negative';
  severity: 'low' | 'medium' | 'high';
  bucketStart: Timestamp;
  observed: number;
  expected: number;
  topMentionIds: Defaulted<string[]>;
  createdAt: Timestamp;
  acknowledgedAt: NullableTimestamp;
  resolvedAt: NullableTimestamp;
  notifiedAt: NullableTimestamp;
  notifyAttempts: Defaulted<number>;
}

export interface AuditLogTable {
  id: Generated<string>;
  workspaceId: string;
  actorType: 'user' | 'token' | 'system';
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  metadata: Json<Record<string, unknown>>;
  createdAt: Timestamp;
}

export interface ContactConsentsTable {
  id: Generated<string>;
  workspaceId: string;
  contactId: string;
  channelId: string | null;
  purpose: string;
  status: 'given' | 'withdrawn';
  source: string;
  recordedBy: string | null;
  recordedAt: Timestamp;
}

export interface WorkspaceRetentionTable {
  workspaceId: string;
  conversationDays: number | null;
  conversationAction: Defaulted<'delete' | 'anonymise'>;
  mentionDays: number | null;
  anonymousContactId: Defaulted<string | null>;
  updatedAt: Timestamp;
}

export interface OrdersTable {
  id: Generated<string>;
  workspaceId: string;
  contactId: string;
  /** The shop's order id: unique per workspace, so importing again updates instead of duplicating. */
  externalId: string;
  orderedAt: Timestamp;
  amountMinor: BigIntColumn;
  currency: string;
  status: OrderStatus;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface GoodwillGrantsTable {
  id: Generated<string>;
  workspaceId: string;
  contactId: string;
  conversationId: string | null;
  type: GoodwillType;
  amountMinor: BigIntColumn;
  currency: string;
  department: string;
  reason: string;
  voucherCode: string | null;
  actorType: ActorType;
  actorId: string | null;
  createdAt: Timestamp;
  redeemedAt: NullableTimestamp;
  /** The shop's order the voucher was redeemed on, when it said. */
  redeemedOrderId: ColumnType<string | null, string | null | undefined, string | null>;
  redeemedAmountMinor: ColumnType<string | null, number | null | undefined, number | null>;
}

export interface ChannelCursorsTable {
  channelId: string;
  key: string;
  value: string;
  updatedAt: Timestamp;
}

export type ArticleLanguage = 'de' | 'en';
export type ArticleStatus = 'draft' | 'internal' | 'published';

export interface KbCategoriesTable {
  id: Generated<string>;
  workspaceId: string;
  slug: string;
  nameDe: string;
  nameEn: string;
  position: Defaulted<number>;
  createdAt: Timestamp;
}

export interface ArticlesTable {
  id: Generated<string>;
  workspaceId: string;
  translationGroup: Generated<string>;
  language: ArticleLanguage;
  slug: string;
  title: string;
  bodyMd: string;
  bodyHtml: string;
  categoryId: string | null;
  tags: Defaulted<string[]>;
  status: Defaulted<ArticleStatus>;
  authorId: string | null;
  reviewerId: string | null;
  reviewedAt: NullableTimestamp;
  publishedAt: NullableTimestamp;
  version: Defaulted<number>;
  sourceConversationId: string | null;
  helpfulYes: Defaulted<number>;
  helpfulNo: Defaulted<number>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  search: ReadOnly<string>;
}

export interface ArticleVersionsTable {
  id: Generated<string>;
  workspaceId: string;
  articleId: string;
  version: number;
  title: string;
  bodyMd: string;
  authorId: string | null;
  createdAt: Timestamp;
}

export interface ArticleRelationsTable {
  workspaceId: string;
  articleId: string;
  relatedId: string;
}

export interface ArticleConversationsTable {
  workspaceId: string;
  articleId: string;
  conversationId: string;
  via: 'suggestion' | 'bot' | 'draft';
  createdAt: Timestamp;
}

export type ReviewDraftStatus = 'draft' | 'awaiting_approval' | 'approved' | 'rejected' | 'published';

export interface ReviewOwnershipRulesTable {
  id: Generated<string>;
  workspaceId: string;
  position: number;
  minRating: Defaulted<number>;
  maxRating: Defaulted<number>;
  product: string | null;
  category: string | null;
  brandId: string | null;
  department: string;
  approvalDepartment: string | null;
  createdAt: Timestamp;
}

export interface ReviewReplyTemplatesTable {
  id: Generated<string>;
  workspaceId: string;
  name: string;
  language: 'de' | 'en';
  minRating: number;
  maxRating: number;
  category: string | null;
  body: string;
  createdAt: Timestamp;
}

export interface ReviewSettingsTable {
  workspaceId: string;
  responseTargets: Json<ReviewResponseTargets>;
  updatedAt: Timestamp;
}

export interface ReviewDraftsTable {
  conversationId: string;
  workspaceId: string;
  text: string;
  status: ReviewDraftStatus;
  approvalDepartment: string | null;
  draftedBy: string | null;
  approvedBy: string | null;
  rejectionReason: string | null;
  messageId: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface KbBotSettingsTable {
  workspaceId: string;
  helpCenterUrl: string | null;
  updatedAt: Timestamp;
}

export type BotHours = 'always' | 'outside';

export interface KbBotChannelsTable {
  channelId: string;
  workspaceId: string;
  enabled: Defaulted<boolean>;
  minConfidence: number;
  hours: Defaulted<BotHours>;
  updatedAt: Timestamp;
}

export type BotState = 'new' | 'awaiting_feedback' | 'resolved' | 'handed_over';
export type HandoverReason = 'asked_for_person' | 'urgent' | 'negative' | 'low_confidence' | 'not_helpful' | 'reopened';

export interface KbBotConversationsTable {
  conversationId: string;
  workspaceId: string;
  channelId: string;
  state: BotState;
  pendingMessageId: string | null;
  articleId: string | null;
  answers: Defaulted<number>;
  handoverReason: HandoverReason | null;
  resolvedAt: NullableTimestamp;
  handedOverAt: NullableTimestamp;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface AutomationRulesTable {
  id: Generated<string>;
  workspaceId: string;
  name: string;
  position: number;
  enabled: Defaulted<boolean>;
  events: string[];
  condition: Json<unknown>;
  actions: Json<unknown>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

/** A mailed password-reset or invitation link; only its SHA-256 is kept. */
export interface AccountTokensTable {
  id: Generated<string>;
  tokenHash: string;
  workspaceId: string;
  kind: 'reset' | 'invite';
  userId: string | null;
  email: string;
  role: Role | null;
  createdBy: string | null;
  createdAt: Timestamp;
  expiresAt: Timestamp;
  usedAt: NullableTimestamp;
}

/** Hits per key and time bucket; a limiter sums the buckets of its window. */
export interface RateLimitHitsTable {
  key: string;
  bucketStart: Timestamp;
  hits: number;
}

export interface HelpCentersTable {
  workspaceId: string;
  logoUrl: string | null;
  primaryColor: string | null;
  customHost: string | null;
  updatedAt: Timestamp;
}

export interface ArticleFeedbackTable {
  workspaceId: string;
  articleId: string;
  visitor: string;
  helpful: boolean;
  createdAt: Timestamp;
}

export interface KbWordsTable {
  workspaceId: string;
  language: ArticleLanguage;
  word: string;
}

export interface AutomationWebhooksTable {
  id: Generated<string>;
  workspaceId: string;
  conversationId: string;
  ruleId: string | null;
  url: string;
  body: string;
  attempts: Defaulted<number>;
  nextAttemptAt: NullableTimestamp;
  deliveredAt: NullableTimestamp;
  lastError: string | null;
  createdAt: Timestamp;
}

export interface Database {
  workspaces: WorkspacesTable;
  brands: BrandsTable;
  users: UsersTable;
  sessions: SessionsTable;
  apiTokens: ApiTokensTable;
  teams: TeamsTable;
  teamMembers: TeamMembersTable;
  labels: LabelsTable;
  channels: ChannelsTable;
  contacts: ContactsTable;
  contactIdentities: ContactIdentitiesTable;
  conversations: ConversationsTable;
  conversationLabels: ConversationLabelsTable;
  messages: MessagesTable;
  callbacks: CallbacksTable;
  agentProfiles: AgentProfilesTable;
  attachments: AttachmentsTable;
  conversationEvents: ConversationEventsTable;
  outbox: OutboxTable;
  cannedResponses: CannedResponsesTable;
  labelCorrections: LabelCorrectionsTable;
  workspaceModels: WorkspaceModelsTable;
  listeningQueries: ListeningQueriesTable;
  mentions: MentionsTable;
  listeningAlerts: ListeningAlertsTable;
  auditLog: AuditLogTable;
  contactConsents: ContactConsentsTable;
  workspaceRetention: WorkspaceRetentionTable;
  orders: OrdersTable;
  goodwillGrants: GoodwillGrantsTable;
  channelCursors: ChannelCursorsTable;
  kbCategories: KbCategoriesTable;
  articles: ArticlesTable;
  articleVersions: ArticleVersionsTable;
  articleRelations: ArticleRelationsTable;
  articleConversations: ArticleConversationsTable;
  reviewOwnershipRules: ReviewOwnershipRulesTable;
  reviewReplyTemplates: ReviewReplyTemplatesTable;
  reviewSettings: ReviewSettingsTable;
  reviewDrafts: ReviewDraftsTable;
  csatSettings: CsatSettingsTable;
  csatSurveys: CsatSurveysTable;
  accountTokens: AccountTokensTable;
  rateLimitHits: RateLimitHitsTable;
  kbBotSettings: KbBotSettingsTable;
  kbBotChannels: KbBotChannelsTable;
  kbBotConversations: KbBotConversationsTable;
  helpCenters: HelpCentersTable;
  articleFeedback: ArticleFeedbackTable;
  kbWords: KbWordsTable;
  automationRules: AutomationRulesTable;
  automationWebhooks: AutomationWebhooksTable;
  routingVersions: RoutingVersionsTable;
}

/** Counts every change to what routing's agent snapshot is made of; written only by triggers. */
export interface RoutingVersionsTable {
  workspaceId: string;
  version: ReadOnly<string>;
}

export type CsatMode = 'off' | 'channel' | 'email';
export type CsatScale = 'numeric' | 'emoji';

export interface CsatSettingsTable {
  channelId: string;
  workspaceId: string;
  mode: CsatMode;
  scale: CsatScale;
  delayMinutes: number;
  cooldownDays: number;
  /** When surveys were last switched on: conversations resolved before then are never asked. */
  enabledAt: NullableTimestamp;
  updatedAt: Timestamp;
}

export interface CsatSurveysTable {
  id: Generated<string>;
  workspaceId: string;
  conversationId: string;
  contactId: string;
  channelId: string;
  /** Who had the conversation and which team, when it was resolved: the answer counts for them. */
  assigneeId: string | null;
  teamId: string | null;
  resolvedAt: Timestamp;
  via: 'channel' | 'email';
  scale: CsatScale;
  language: 'de' | 'en';
  status: 'sending' | 'sent' | 'skipped' | 'failed';
  skipReason: string | null;
  tokenHash: string | null;
  expiresAt: NullableTimestamp;
  sentAt: NullableTimestamp;
  rating: number | null;
  comment: string | null;
  answeredAt: NullableTimestamp;
  createdAt: Timestamp;
}

/** A connection or a transaction: domain functions accept either. */
export type Db = Kysely<Database> | Transaction<Database>;

export type Workspace = Selectable<WorkspacesTable>;
export type User = Selectable<UsersTable>;
export type ChannelRow = Selectable<ChannelsTable>;
export type Contact = Selectable<ContactsTable>;
export type Conversation = Omit<Selectable<ConversationsTable>, 'search'>;
export type Message = Selectable<MessagesTable>;
