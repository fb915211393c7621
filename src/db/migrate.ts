import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import { AppError } from '../domain/errors.js';
import * as core from './migrations/0001-core.js';
import * as understanding from './migrations/0002-understanding.js';
import * as canned from './migrations/0003-canned-responses.js';
import * as conversationSearch from './migrations/0004-conversation-search.js';
import * as workspaceLearning from './migrations/0005-workspace-learning.js';
import * as channelInbox from './migrations/0006-channel-inbox.js';
import * as sla from './migrations/0007-sla.js';
import * as listening from './migrations/0008-listening.js';
import * as listeningAlerts from './migrations/0009-listening-alerts.js';
import * as attachments from './migrations/0010-attachments.js';
import * as customerValue from './migrations/0011-customer-value.js';
import * as privacy from './migrations/0012-privacy.js';
import * as channelCursors from './migrations/0014-channel-cursors.js';
import * as callsAndLetters from './migrations/0015-calls-and-letters.js';
import * as agentRouting from './migrations/0016-agent-routing.js';
import * as alertNotifications from './migrations/0017-alert-notifications.js';
import * as knowledgeBase from './migrations/0018-knowledge-base.js';
import * as helpCenter from './migrations/0019-help-center.js';
import * as kbBot from './migrations/0020-kb-bot.js';
import * as reviews from './migrations/0021-reviews.js';
import * as csat from './migrations/0022-csat.js';
import * as automationRules from './migrations/0023-automation-rules.js';
import * as security from './migrations/0024-security.js';
import * as listeningBrands from './migrations/0026-listening-brands.js';
import * as routingVersions from './migrations/0027-routing-versions.js';
import * as routingLoad from './migrations/0030-routing-load.js';
import * as outboxJson from './migrations/0033-outbox-json.js';
import type { Database } from './schema.js';

// Migrations are listed here, not read from a folder, so the compiled build and the tests run the same set.
const migrations: Record<string, Migration> = {
  '0001-core': core,
  '0002-understanding': understanding,
  '0003-canned-responses': canned,
  '0004-conversation-search': conversationSearch,
  '0005-workspace-learning': workspaceLearning,
  '0006-channel-inbox': channelInbox,
  '0007-sla': sla,
  '0008-listening': listening,
  '0009-listening-alerts': listeningAlerts,
  '0010-attachments': attachments,
  '0011-customer-value': customerValue,
  '0012-privacy': privacy,
  '0014-channel-cursors': channelCursors,
  '0015-calls-and-letters': callsAndLetters,
  '0016-agent-routing': agentRouting,
  '0017-alert-notifications': alertNotifications,
  '0018-knowledge-base': knowledgeBase,
  '0019-help-center': helpCenter,
  '0020-kb-bot': kbBot,
  '0021-reviews': reviews,
  '0022-csat': csat,
  '0023-automation-rules': automationRules,
  '0024-security': security,
  '0026-listening-brands': listeningBrands,
  '0027-routing-versions': routingVersions,
  '0030-routing-load': routingLoad,
  '0033-outbox-json': outboxJson,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider, migrationTableName: 'parley_migrations', migrationLockTableName: 'parley_migrations_lock' });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new AppError('unavailable', `Migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
