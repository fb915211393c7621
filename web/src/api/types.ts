// The wire types are the server's own DTOs, imported as types only (nothing of the server is bundled).
import type { ContactDto } from '../../../src/db/contacts.js';
import type { ConversationDto } from '../../../src/db/conversations.js';
import type { MessageDto } from '../../../src/db/messages.js';
import type { Role } from '../../../src/db/schema.js';
import type { UserDto } from '../../../src/db/users.js';
import type { LifetimeValue } from '../../../src/domain/lifetime-value.js';

export type { ApiTokenDto } from '../../../src/db/api-tokens.js';
export type { CannedResponseDto } from '../../../src/db/canned-responses.js';
export type { ChannelDto } from '../../../src/db/channels.js';
export type { ContactDto } from '../../../src/db/contacts.js';
export type { ConversationDto } from '../../../src/db/conversations.js';
export type { MessageDto } from '../../../src/db/messages.js';
export type { AttachmentMeta, ConversationStatus, Priority, Role } from '../../../src/db/schema.js';
export type { UserDto } from '../../../src/db/users.js';
export type { GrantDto } from '../../../src/customer-value/grant-goodwill.js';
export type { GoodwillRecommendation } from '../../../src/domain/goodwill.js';
export type { GoodwillType } from '../../../src/domain/goodwill-policy.js';
export type { LifetimeValue } from '../../../src/domain/lifetime-value.js';
export type { Page } from '../../../src/inbox/find-conversations.js';
export type { ConversationSurveyDto, CsatFigures, CsatReport } from '../../../src/csat/results.js';
export type { GoodwillReport } from '../../../src/customer-value/goodwill-report.js';

export type Locale = 'de' | 'en';

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
  lifetimeValue: LifetimeValue;
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

export interface StreamEvent {
  type: string;
  id?: string;
  data: unknown;
}
