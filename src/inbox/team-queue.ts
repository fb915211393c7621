import { sql } from 'kysely';
import type { Db } from '../db/schema.js';
import { getTeam } from '../db/teams.js';

export interface TeamQueue {
  teamId: string;
  mode: 'auto' | 'manual';
  /** Waiting conversations in the order they are served: most urgent first, then longest waiting. */
  waiting: { id: string; subject: string | null; preview: string; priority: string; channelType: string; contactName: string | null; waitingSince: string }[];
  oldestWaitingSince: string | null;
  /** Members online now, with the room they have left per channel type. */
  online: { id: string; name: string; tier: number; free: Record<string, number> }[];
}

/** A team's queue as its lead sees it: who waits, since when, and who could take them now. */
export async function teamQueue(db: Db, workspaceId: string, teamId: string): Promise<TeamQueue> {
  const team = await getTeam(db, workspaceId, teamId);
  const waiting = await db
    .selectFrom('conversations as c')
    .innerJoin('channels as ch', 'ch.id', 'c.channelId')
    .leftJoin('contacts as k', 'k.id', 'c.contactId')
    .select(['c.id', 'c.subject', 'c.preview', 'c.priority', 'c.createdAt', 'ch.type as channelType', 'k.name as contactName'])
    .where('c.workspaceId', '=', workspaceId)
    .where('c.teamId', '=', teamId)
    .where('c.status', '=', 'open')
    .where('c.assigneeId', 'is', null)
    .orderBy(sql`array_position(ARRAY['urgent','high','normal','low']::text[], c.priority)`)
    .orderBy('c.createdAt')
    .limit(200)
    .execute();
  const agents = await db
    .selectFrom('teamMembers as m')
    .innerJoin('users as u', 'u.id', 'm.userId')
    .innerJoin('agentProfiles as p', 'p.userId', 'm.userId')
    .select(['u.id', 'u.name', 'p.tier', 'p.capacity'])
    .where('m.teamId', '=', teamId)
    .where('p.presence', '=', 'online')
    .where('u.disabledAt', 'is', null)
    .orderBy('u.name')
    .execute();
  const load = agents.length
    ? await db
        .selectFrom('conversations as c')
        .innerJoin('channels as ch', 'ch.id', 'c.channelId')
        .select(['c.assigneeId', 'ch.type', sql<number>`count(*)::int`.as('n')])
        .where('c.workspaceId', '=', workspaceId)
        .where('c.assigneeId', 'in', agents.map((a) => a.id))
        .where('c.status', 'in', ['open', 'pending'])
        .groupBy(['c.assigneeId', 'ch.type'])
        .execute()
    : [];
  const oldest = waiting.reduce<Date | null>((min, w) => (min === null || w.createdAt < min ? w.createdAt : min), null);
  return {
    teamId,
    mode: team.routingMode,
    waiting: waiting.map((w) => ({ id: w.id, subject: w.subject, preview: w.preview, priority: w.priority, channelType: w.channelType, contactName: w.contactName, waitingSince: w.createdAt.toISOString() })),
    oldestWaitingSince: oldest?.toISOString() ?? null,
    online: agents.map((a) => ({
      id: a.id,
      name: a.name,
      tier: a.tier,
      free: Object.fromEntries(Object.entries(a.capacity).map(([type, cap]) => [type, Math.max(0, cap - (load.find((l) => l.assigneeId === a.id && l.type === type)?.n ?? 0))])),
    })),
  };
}
