// The agent inbox at 100,000 conversations: the list API's p95 over varied filters, the agent
// app's first render in headless Chromium, and the main bundle's gzip size. The baseline is
// GET /healthz through the same server in the same run, so the API figure reads as a ratio.
import { readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { chromium } from 'playwright-core';
import { createLabel } from '../src/db/labels.js';
import { createSession } from '../src/db/sessions.js';
import { createTeam } from '../src/db/teams.js';
import { createUser } from '../src/db/users.js';
import { createWorkspace } from '../src/db/workspaces.js';
import { openStorage, startParley } from '../src/server.js';
import { CHROMIUM_OPTIONS, ensureWebBuild, WEB_DIST } from '../test/support/parley-web.js';
import { percentile } from './support/messages.js';
import { progress } from './support/server.js';

const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 100_000);
const CONTACTS = 20_000;
const REQUESTS = 200;
const WARMUP = 30;
const RENDERS = 5;
const CHANNEL_TYPES = ['email', 'whatsapp', 'facebook', 'x', 'telegram', 'trustpilot', 'webchat', 'phone', 'api'];

interface Seeded {
  workspaceId: string;
  adminId: string;
  teamId: string;
}

async function seed(dataDir: string): Promise<Seeded> {
  const storage = await openStorage({ dataDir });
  try {
    const db = storage.db;
    const ws = await createWorkspace(db, { slug: 'bench-inbox', name: 'Bench inbox' });
    const admin = await createUser(db, ws.id, { email: 'admin@bench.example', name: 'Bench Admin', role: 'admin', password: 'bench-password-123' });
    const agents = [admin.id];
    for (let i = 1; i <= 4; i++) agents.push((await createUser(db, ws.id, { email: `agent${i}@bench.example`, name: `Agent ${i}`, role: 'agent', password: 'bench-password-123' })).id);
    const teams = [];
    for (const name of ['Service', 'Marketing', 'Vertrieb']) teams.push((await createTeam(db, ws.id, { name })).id);
    for (const name of ['Lieferung', 'Reklamation', 'Lob']) await createLabel(db, ws.id, { name });
    for (const type of CHANNEL_TYPES) {
      await db.insertInto('channels').values({ workspaceId: ws.id, type, name: `Bench ${type}`, settings: JSON.stringify({ sandbox: true }) }).execute();
    }

    progress(`Loading ${CONTACTS} contacts and ${CONVERSATIONS} conversations with INSERT … SELECT generate_series…`);
    const started = performance.now();
    await sql`
      INSERT INTO contacts (workspace_id, name, email, created_at)
      SELECT ${ws.id}::uuid, 'Kunde ' || g, 'kunde' || g || '@example.com', now() - make_interval(mins => g)
      FROM generate_series(1, ${CONTACTS}::int) g`.execute(db);
    await sql`
      INSERT INTO conversations (workspace_id, channel_id, contact_id, subject, status, priority, tier, team_id, assignee_id, visibility,
        preview, message_count, last_message_at, last_inbound_at, first_response_at, created_at, updated_at)
      SELECT ${ws.id}::uuid, ch.ids[1 + g % 9], ct.ids[1 + g % ${CONTACTS}::int],
        CASE WHEN g % 3 = 0 THEN 'Bestellung ' || (100000 + g) END,
        (ARRAY['open','open','open','pending','snoozed','resolved','resolved','closed'])[1 + g % 8],
        (ARRAY['low','normal','normal','normal','high','urgent'])[1 + g % 6],
        1 + (g % 10 = 0)::int + (g % 50 = 0)::int,
        CASE WHEN g % 4 = 0 THEN ${teams[0] ?? null}::uuid END,
        CASE WHEN g % 3 = 0 THEN NULL ELSE ((${agents})::uuid[])[1 + g % 5] END,
        CASE WHEN g % 9 IN (2, 3) THEN 'public' ELSE 'private' END,
        'Nachricht ' || g || ': Wo bleibt meine Lieferung? Ich warte seit Tagen auf eine Antwort.',
        1 + g % 7,
        now() - make_interval(secs => g * 17), now() - make_interval(secs => g * 17),
        CASE WHEN g % 2 = 0 THEN now() - make_interval(secs => g * 17 - 600) END,
        now() - make_interval(secs => g * 17 + 3600), now() - make_interval(secs => g * 17)
      FROM generate_series(1, ${CONVERSATIONS}::int) g,
        (SELECT array_agg(id ORDER BY type) ids FROM channels WHERE workspace_id = ${ws.id}::uuid) ch,
        (SELECT array_agg(id ORDER BY created_at) ids FROM contacts WHERE workspace_id = ${ws.id}::uuid) ct`.execute(db);
    await sql`
      INSERT INTO conversation_labels (conversation_id, label_id)
      SELECT c.id, l.id FROM conversations c JOIN labels l ON l.workspace_id = c.workspace_id
      WHERE c.workspace_id = ${ws.id}::uuid AND abs(hashtext(c.id::text || l.name)) % 10 = 0`.execute(db);
    await sql`ANALYZE`.execute(db);
    progress(`  loaded in ${Math.round(performance.now() - started)} ms`);
    return { workspaceId: ws.id, adminId: admin.id, teamId: teams[0] ?? '' };
  } finally {
    await storage.close();
  }
}

async function timeRequests(urls: string[], headers: Record<string, string>): Promise<number[]> {
  const times: number[] = [];
  for (const url of urls) {
    const t0 = performance.now();
    const res = await fetch(url, { headers });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b);
}

function mainBundleGzipKb(): number {
  const html = readFileSync(path.join(WEB_DIST, 'index.html'), 'utf8');
  const src = /<script[^>]+src="\/?([^"]+\.js)"/.exec(html)?.[1];
  const file = src ? path.join(WEB_DIST, src) : path.join(WEB_DIST, 'assets', readdirSync(path.join(WEB_DIST, 'assets')).find((f) => f.startsWith('index-') && f.endsWith('.js')) ?? '');
  return gzipSync(readFileSync(file), { level: 9 }).length / 1024;
}

export async function run(): Promise<Record<string, number>> {
  await ensureWebBuild();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'parley-bench-inbox-'));
  await chmod(dir, 0o755);
  const dataDir = path.join(dir, 'data');
  try {
    const seeded = await seed(dataDir);
    const parley = await startParley({ dataDir, role: 'all', port: 0, host: '127.0.0.1', webDir: WEB_DIST, logger: false });
    const browser = await chromium.launch(CHROMIUM_OPTIONS);
    try {
      const session = await createSession(parley.db, seeded.adminId, seeded.workspaceId);
      const headers = { cookie: `parley_session=${session.token}` };
      const list = `${parley.url}/api/v1/conversations?limit=50`;
      const first = (await (await fetch(list, { headers })).json()) as { nextCursor: string | null };
      const filters = [
        '',
        '&status=open,pending',
        '&status=open,pending&assignee=me',
        '&status=open,pending&assignee=none',
        '&channelType=email',
        '&tier=2',
        `&teamId=${seeded.teamId}`,
        '&label=Lieferung',
        '&status=resolved,closed',
        first.nextCursor ? `&cursor=${encodeURIComponent(first.nextCursor)}` : '&status=pending',
      ];
      const urls = (n: number) => Array.from({ length: n }, (_, i) => `${list}${filters[i % filters.length]}`);

      progress(`Timing ${REQUESTS} inbox list requests (${filters.length} filter shapes) and ${REQUESTS} /healthz…`);
      await timeRequests(urls(WARMUP), headers);
      await timeRequests(Array.from({ length: WARMUP }, () => `${parley.url}/healthz`), {});
      const listTimes = await timeRequests(urls(REQUESTS), headers);
      const healthTimes = await timeRequests(Array.from({ length: REQUESTS }, () => `${parley.url}/healthz`), {});

      progress(`Timing first render of the inbox in Chromium (${RENDERS} runs)…`);
      const renders: number[] = [];
      for (let i = 0; i < RENDERS + 1; i++) {
        const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
        await context.addCookies([{ name: 'parley_session', value: session.token, url: parley.url }]);
        const page = await context.newPage();
        const t0 = performance.now();
        await page.goto(parley.url);
        await page.getByTestId('inbox-row').first().waitFor({ timeout: 30_000 });
        // The first run warms the server's caches and Chromium's; it is not counted.
        if (i > 0) renders.push(performance.now() - t0);
        await context.close();
      }
      renders.sort((a, b) => a - b);

      const result = {
        conversations: CONVERSATIONS,
        apiP50Ms: percentile(listTimes, 50),
        apiP95Ms: percentile(listTimes, 95),
        baselineHealthzP95Ms: percentile(healthTimes, 95),
        apiP95OverBaseline: percentile(listTimes, 95) / Math.max(0.001, percentile(healthTimes, 95)),
        firstRenderMs: renders[Math.floor(renders.length / 2)] ?? Number.NaN,
        bundleGzipKb: mainBundleGzipKb(),
      };
      return result;
    } finally {
      await browser.close();
      await parley.stop();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
