import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { loadWorkspaceUnderstanding } from '../db/workspace-learning.js';
import { type Classification, classify } from '../nlp/index.js';
import { TtlCache } from '../runtime/ttl-cache.js';

/** The classifier for a workspace's messages. */
export type Understand = (workspaceId: string) => Promise<(text: string) => Classification>;

export const baseUnderstanding: Understand = async () => (text) => classify(text);

export interface WorkspaceUnderstanding {
  understand: Understand;
  /** Forget what was read, after a training or a new brand profile. */
  refresh(): void;
}

/** The shipped models with each workspace's brand profile and trained adaptation, read once a minute. */
export function workspaceUnderstanding(db: Kysely<Database>): WorkspaceUnderstanding {
  const cache = new TtlCache<(text: string) => Classification>(60_000, 1_000);
  return {
    understand: (workspaceId) =>
      cache.get(workspaceId, async () => {
        const { brand, adaptation } = await loadWorkspaceUnderstanding(db, workspaceId);
        const hasBrand = brand.names.length + brand.products.length + brand.terms.length > 0;
        const options = { ...(hasBrand && { brand }), ...(adaptation && { adaptation }) };
        return (text) => classify(text, options);
      }),
    refresh: () => cache.clear(),
  };
}
