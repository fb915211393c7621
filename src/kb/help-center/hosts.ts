import type { Kysely } from 'kysely';
import { listCustomHosts } from '../../db/help-centers.js';
import type { Database } from '../../db/schema.js';

const REFRESH_MS = 30_000;

/**
 * Host names that belong to one workspace's help center. Routing happens before any handler runs
 * and cannot wait for the database, so the map lives in memory: reloaded when this process saves
 * a help center, and every 30 seconds for saves made by other processes.
 */
export class HelpCenterHosts {
  private slugs = new Map<string, string>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly db: Kysely<Database>) {}

  async refresh(): Promise<void> {
    const rows = await listCustomHosts(this.db);
    this.slugs = new Map(rows.map((r) => [r.host, r.slug]));
  }

  start(): void {
    this.timer = setInterval(() => void this.refresh().catch(() => undefined), REFRESH_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** The workspace slug a request's Host header stands for, if it is a help center's own host. */
  slugFor(hostHeader: string | undefined): string | undefined {
    if (!hostHeader || this.slugs.size === 0) return undefined;
    return this.slugs.get(hostHeader.toLowerCase().replace(/:\d+$/, ''));
  }

  /** On a help center's own host every address is a help-center address: "/de/search" is "/help/{slug}/de/search". */
  rewrite(hostHeader: string | undefined, url: string): string {
    const slug = this.slugFor(hostHeader);
    if (!slug) return url;
    const prefix = `/help/${slug}`;
    if (url === prefix || url.startsWith(`${prefix}/`) || url.startsWith(`${prefix}?`)) return url;
    return url === '/' || url.startsWith('/?') ? prefix + url.slice(1) : prefix + url;
  }
}
