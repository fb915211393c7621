import type { Kysely } from 'kysely';
import type { Database, Db } from '../db/schema.js';
import { type Post, QueryIndex, compileQuery } from '../listening/index.js';
import { TtlCache } from '../runtime/ttl-cache.js';
import type { InboundHook } from './hooks.js';
import { recordMention } from '../db/listening.js';

export interface Listener {
  /** The ids of the workspace's stored queries that a post matches. */
  match(workspaceId: string, post: Post): Promise<string[]>;
  /** Public inbound messages (comments, tweets, reviews) become mentions of the queries they match. */
  hook: InboundHook;
  /** Rebuild a workspace's index after its queries changed. */
  refresh(): void;
}

/**
 * Matches posts against each workspace's stored queries through an index of their terms, so a
 * post is checked only against the few queries that can match it.
 */
export function createListener(db: Kysely<Database>): Listener {
  const indexes = new TtlCache<QueryIndex>(30_000, 10_000);
  const indexOf = (workspaceId: string, trx: Db = db) =>
    indexes.get(workspaceId, async () => {
      const index = new QueryIndex();
      const rows = await trx.selectFrom('listeningQueries').select(['id', 'query']).where('workspaceId', '=', workspaceId).execute();
      for (const r of rows) index.add(compileQuery(r.id, r.query));
      return index;
    });
  return {
    match: async (workspaceId, post) => (await indexOf(workspaceId)).match(post),
    refresh: () => indexes.clear(),
    hook: async (trx, ctx) => {
      const m = ctx.message;
      if (m.visibility !== 'public') return;
      const index = await indexOf(ctx.channel.workspaceId, trx);
      if (index.size === 0) return;
      const queryIds = index.match({ id: m.id, text: m.text, ...(m.language && { lang: m.language }), channel: ctx.channel.type });
      if (queryIds.length === 0) return;
      await recordMention(trx, ctx.channel.workspaceId, {
        source: ctx.channel.type,
        externalId: m.externalId ?? m.id,
        queryIds,
        text: m.text,
        language: m.language,
        sentiment: m.sentiment,
        messageId: m.id,
        contactId: ctx.contactId,
      });
    },
  };
}
