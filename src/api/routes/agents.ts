import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql, type Insertable, type Updateable } from 'kysely';
import { z } from 'zod';
import { enqueueEvents } from '../../db/outbox.js';
import type { AgentProfilesTable } from '../../db/schema.js';
import { getUser } from '../../db/users.js';
import { AppError } from '../../domain/errors.js';
import { requireAuth } from '../auth.js';
import type { ApiContext } from '../context.js';
import { IdParams } from '../schemas.js';

const Presence = z.enum(['online', 'away', 'offline']);
const Skill = z.string().trim().min(1).max(60);
const Profile = z
  .object({
    tier: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    /** Empty lists mean "any": an agent without listed languages takes every language. */
    languages: z.array(z.string().regex(/^[a-z]{2}$/)).max(20),
    channelTypes: z.array(Skill).max(30),
    categories: z.array(Skill).max(50),
    /** Products named in the brand profile; a conversation labelled with one goes to agents who know it. */
    products: z.array(Skill).max(50).default([]),
    /** Concurrent conversations per channel type; a type not listed gets none. */
    capacity: z.record(Skill, z.number().int().min(0).max(500)),
  })
  .strict();

const PROFILE_COLUMNS = ['userId', 'presence', 'tier', 'languages', 'channelTypes', 'categories', 'products', 'capacity', 'updatedAt'] as const;

/** Agents' routing profiles (admins set tier, skills and capacity) and presence (each agent their own). */
export function agentRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  // Queue views show who is online with room, so every change to presence or profile is announced.
  async function saveProfile(workspaceId: string, values: Insertable<AgentProfilesTable>, update: Updateable<AgentProfilesTable>) {
    const row = await ctx.db.transaction().execute(async (trx) => {
      const saved = await trx
        .insertInto('agentProfiles')
        .values(values)
        .onConflict((oc) => oc.column('userId').doUpdateSet({ ...update, updatedAt: sql<Date>`now()` }))
        .returning(PROFILE_COLUMNS)
        .executeTakeFirstOrThrow();
      await enqueueEvents(trx, [{ type: 'agent.updated', workspaceId, data: { ...saved } }]);
      return saved;
    });
    ctx.afterCommit();
    ctx.routingChanged();
    return row;
  }

  function setPresence(userId: string, workspaceId: string, presence: z.infer<typeof Presence>) {
    return saveProfile(workspaceId, { userId, workspaceId, presence, capacity: '{}' }, { presence });
  }

  return async (app) => {
    app.get('/agents', { schema: { tags: ['routing'] } }, async (req) => {
      const auth = requireAuth(req);
      const rows = await ctx.db
        .selectFrom('users as u')
        .leftJoin('agentProfiles as p', 'p.userId', 'u.id')
        .select(['u.id', 'u.name', 'u.role', 'p.presence', 'p.tier', 'p.languages', 'p.channelTypes', 'p.categories', 'p.products', 'p.capacity'])
        .where('u.workspaceId', '=', auth.workspaceId)
        .where('u.role', 'in', ['agent', 'admin'])
        .where('u.disabledAt', 'is', null)
        .orderBy('u.name')
        .execute();
      return {
        items: rows.map((r) => ({ id: r.id, name: r.name, role: r.role, presence: r.presence ?? 'offline', tier: r.tier ?? 1, languages: r.languages ?? [], channelTypes: r.channelTypes ?? [], categories: r.categories ?? [], products: r.products ?? [], capacity: r.capacity ?? {} })),
        nextCursor: null,
      };
    });

    app.put('/agents/:id/profile', { schema: { tags: ['routing'], params: IdParams, body: Profile } }, async (req) => {
      const auth = requireAuth(req, 'admin');
      const user = await getUser(ctx.db, auth.workspaceId, req.params.id);
      if (user.role === 'viewer') throw new AppError('invalid', 'Viewers take no conversations; give the user the agent role first.');
      const values = { ...req.body, capacity: JSON.stringify(req.body.capacity) };
      return saveProfile(auth.workspaceId, { userId: user.id, workspaceId: auth.workspaceId, ...values }, values);
    });

    // Team leads mark someone away who left without saying so; everyone sets their own below.
    app.put('/agents/:id/presence', { schema: { tags: ['routing'], params: IdParams, body: z.object({ presence: Presence }).strict() } }, async (req) => {
      const auth = requireAuth(req, 'admin');
      const user = await getUser(ctx.db, auth.workspaceId, req.params.id);
      return setPresence(user.id, auth.workspaceId, req.body.presence);
    });

    app.put('/me/presence', { schema: { tags: ['routing'], body: z.object({ presence: Presence }).strict() } }, async (req) => {
      const auth = requireAuth(req, 'agent');
      if (!auth.userId) throw new AppError('invalid', 'Presence belongs to a person; sign in as the agent rather than with an API token.');
      return setPresence(auth.userId, auth.workspaceId, req.body.presence);
    });
  };
}
