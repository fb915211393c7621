import type { Kysely } from 'kysely';
import type { EventBus } from '../bus/event-bus.js';
import type { Database } from '../db/schema.js';
import type { KnowledgeIndexes } from '../kb/suggest/knowledge-indexes.js';
import type { IngestBatcher } from '../pipeline/ingest-batcher.js';
import type { Listener } from '../pipeline/listener.js';
import type { WorkspaceUnderstanding } from '../pipeline/understanding.js';
import type { SecretBox } from '../security/secret-box.js';
import type { RateLimiter } from './rate-limiter.js';
import type { VisitorHub } from './visitor-hub.js';

/** What the HTTP layer needs from the running server. */
export interface ApiContext {
  db: Kysely<Database>;
  box: SecretBox;
  bus: EventBus;
  ingest: IngestBatcher;
  understanding: WorkspaceUnderstanding;
  listener: Listener;
  /** Shared by every API process through the database. */
  limits: { login: RateLimiter; resetByEmail: RateLimiter; resetByAddress: RateLimiter };
  /** Where people reach the app; links in mails point here, never at a request's Host header. */
  publicUrl(): string;
  /** The web chat widgets connected to this process. */
  visitors: VisitorHub;
  /** Called after a commit so events and deliveries go out at once. */
  afterCommit(): void;
  /** Called when a channel is created or changed, so readers of mailboxes and streams pick it up at once. */
  channelsChanged(): void;
  /** Called when who can take conversations changed (presence, profiles), so waiting ones are assigned at once. */
  routingChanged(): void;
  /** Folder with the built web app, if any. */
  webDir: string | null;
  secureCookies: boolean;
  /** Whether provider calls may reach private networks (on-premises installs, tests). */
  allowPrivateNetworks: boolean;
  /** Each workspace's knowledge-base indexes (suggestions, bot, gaps). */
  knowledge: KnowledgeIndexes;
}
