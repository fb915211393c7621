import type { Db } from '../db/schema.js';
import { StampedCache } from '../runtime/stamped-cache.js';
import { type Tier, type TeamRouting, tierOf } from '../domain/routing-types.js';

/** An online agent as stored: an empty skill list means "any", which a round fills from what waits. */
export interface StoredAgent {
  id: string;
  teamIds: string[];
  tier: Tier;
  languages: string[];
  channelTypes: string[];
  categories: string[];
  /** Lower case: products are compared ignoring case, as labels and brand profiles are typed by people. */
  products: string[];
  capacity: Record<string, number>;
}

/** What routing needs of a workspace's people and teams: who is online, in which teams, and how each team routes. */
export interface AgentSnapshot {
  agents: readonly StoredAgent[];
  teams: Readonly<Record<string, TeamRouting>>;
}

const snapshots = new StampedCache<AgentSnapshot>();

/**
 * The workspace's agent snapshot at `version`, the workspace's routing version as the caller's
 * transaction read it (`routing_versions`; none yet counts as '0'). Reading the snapshot from
 * storage costs more than the rest of a round, so it is kept per process and reused while the
 * version is unchanged; triggers bump that version in the same transaction as any change to
 * profiles, presence, users, teams or memberships, whichever process makes it.
 */
export function agentSnapshot(trx: Db, workspaceId: string, version: string): Promise<AgentSnapshot> {
  return snapshots.get(workspaceId, version, () => loadSnapshot(trx, workspaceId));
}

async function loadSnapshot(trx: Db, workspaceId: string): Promise<AgentSnapshot> {
  // Read apart and joined here: while statistics lag behind freshly filled tables the planner may
  // pair every profile with every user, tens of milliseconds at a few hundred agents.
  const profiles = await trx
    .selectFrom('agentProfiles')
    .select(['userId', 'tier', 'languages', 'channelTypes', 'categories', 'products', 'capacity'])
    .where('workspaceId', '=', workspaceId)
    .where('presence', '=', 'online')
    .execute();
  const users = await trx.selectFrom('users').select('id').where('workspaceId', '=', workspaceId).where('disabledAt', 'is', null).where('role', 'in', ['agent', 'admin']).execute();
  const assignable = new Set(users.map((u) => u.id));
  const rows = profiles.filter((p) => assignable.has(p.userId));
  const teamRows = await trx.selectFrom('teams').select(['id', 'routingMode']).where('workspaceId', '=', workspaceId).execute();
  const memberships = teamRows.length === 0 ? [] : await trx.selectFrom('teamMembers').select(['teamId', 'userId']).where('teamId', 'in', teamRows.map((t) => t.id)).execute();
  const teamsOf = new Map<string, string[]>();
  for (const m of memberships) teamsOf.set(m.userId, [...(teamsOf.get(m.userId) ?? []), m.teamId]);
  return {
    agents: rows.map((r) => ({
      id: r.userId,
      teamIds: teamsOf.get(r.userId) ?? [],
      tier: tierOf(r.tier),
      languages: r.languages,
      channelTypes: r.channelTypes,
      categories: r.categories,
      products: r.products.map((x) => x.toLowerCase()),
      capacity: r.capacity,
    })),
    teams: Object.fromEntries(teamRows.map((t) => [t.id, { mode: t.routingMode }])),
  };
}
