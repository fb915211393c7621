export type ConversationStatus = 'open' | 'pending' | 'snoozed' | 'resolved' | 'closed';
export type Priority = 'low' | 'normal' | 'high' | 'urgent';
export type Role = 'admin' | 'agent' | 'viewer';
export type Locale = 'de' | 'en';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

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
  visibility: 'public' | 'private';
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
}

export interface AttachmentMeta {
  name?: string;
  contentType?: string;
  size?: number;
  url?: string;
}

export interface MessageDto {
  id: string;
  conversationId: string;
  channelId: string;
  direction: 'inbound' | 'outbound' | 'note';
  externalId: string | null;
  authorUserId: string | null;
  contactId: string | null;
  text: string;
  html: string | null;
  attachments: AttachmentMeta[];
  visibility: 'public' | 'private';
  deliveryStatus: 'queued' | 'sent' | 'delivered' | 'failed' | null;
  deliveryError: string | null;
  sentAt: string | null;
  createdAt: string;
}

export interface ContactDto {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  notes: string;
  tags: string[];
  attributes: Record<string, unknown>;
  createdAt: string;
}

export interface IdentityDto {
  id: string;
  kind: string;
  value: string;
  channelId: string | null;
  createdAt: string;
}

export interface ContactDetail extends ContactDto {
  identities: IdentityDto[];
  conversations: ConversationDto[];
}

export interface ConversationDetail extends ConversationDto {
  messages: MessageDto[];
  contact: ContactDto;
}

export interface HistoryEvent {
  id: string | number;
  type: string;
  actorType: string;
  actorId: string | null;
  data: Record<string, unknown>;
  createdAt: string;
}

export interface UserDto {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: string | null;
  disabled: boolean;
  createdAt: string;
}

export interface WorkspaceDto {
  id: string;
  slug: string;
  name: string;
}

export interface Session {
  user: UserDto;
  role: Role;
  workspace: WorkspaceDto;
  csrfToken: string;
}

export interface TeamDto {
  id: string;
  name: string;
  kind: string;
  memberIds: string[];
}

export interface LabelDto {
  id: string;
  name: string;
  color: string;
}

export interface ApiTokenDto {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revoked: boolean;
}

export interface ChannelDto {
  id: string;
  type: string;
  name: string;
  brandId: string | null;
  settings: Record<string, unknown>;
  secretsSet: string[];
  webhookUrl: string;
  createdAt: string;
  disabled: boolean;
}

export interface StreamEvent {
  type: string;
  id?: string;
  data: unknown;
}
