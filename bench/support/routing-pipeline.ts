// The routing step inside the inbound pipeline, measured on a real PostgreSQL: storing an inbound
// message with the automation rules hook and the assignment round that hands it to an agent, until
// the commit that holds both — against storing the same kind of message with rules and routing
// off, interleaved in the same run.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createRule } from '../../src/db/automation-rules.js';
import { createUser } from '../../src/db/users.js';
import type { Rule } from '../../src/domain/routing-rule-schema.js';
import { assignRound } from '../../src/inbox/auto-assign.js';
import type { InboundRouter } from '../../src/pipeline/hooks.js';
import { acceptInbound, type InboundChannel } from '../../src/pipeline/accept-inbound.js';
import { automationHook } from '../../src/pipeline/automation-hook.js';
import { createSecretBox } from '../../src/security/secret-box.js';
import { percentile } from './messages.js';
import { benchTenant, progress, startBenchParley } from './server.js';

export interface PipelineFigures {
  p99AddedMs: number;
  routedP99Ms: number;
  baselineP99Ms: number;
  routedMedianMs: number;
  baselineMedianMs: number;
  /** Of the routed path: all but the assignment round (storing, rules hook, commit), and the round, each at its median. */
  storeWithRulesMedianMs: number;
  assignRoundMedianMs: number;
  messages: number;
  assignedShare: number;
}

const WARMUP = 30;

export async function measureRoutingInPipeline(input: { agents: number; teams: number; rules: Rule[]; texts: string[]; messages: number }): Promise<PipelineFigures> {
  const bench = await startBenchParley();
  try {
    const db = bench.parley.db;
    const box = createSecretBox(randomBytes(32));
    const routed = await benchTenant(bench.parley, 'routing-on');
    const plain = await benchTenant(bench.parley, 'routing-off');
    const channelOf = async (workspaceId: string): Promise<InboundChannel> =>
      db.insertInto('channels').values({ workspaceId, type: 'api', name: 'API', settings: '{}' }).returning(['id', 'workspaceId', 'type', 'disabledAt']).executeTakeFirstOrThrow();
    const on = await channelOf(routed.workspaceId);
    const off = await channelOf(plain.workspaceId);

    progress(`Creating ${input.teams} teams, ${input.agents} online agents and ${input.rules.length} stored rules…`);
    const teams = await db.insertInto('teams').values(Array.from({ length: input.teams }, (_, i) => ({ workspaceId: routed.workspaceId, name: `Team ${i}` }))).returning('id').execute();
    const templates = await db.insertInto('cannedResponses').values(Array.from({ length: 10 }, (_, i) => ({ workspaceId: routed.workspaceId, title: `Vorlage ${i}`, body: 'Hallo {{contact.firstName}}, danke für Ihre Nachricht.' }))).returning('id').execute();
    for (let i = 0; i < input.agents; i++) {
      const user = await createUser(db, routed.workspaceId, { email: `agent${i}@bench.example`, name: `Agent ${i}`, role: 'agent' });
      await db.insertInto('agentProfiles').values({ userId: user.id, workspaceId: routed.workspaceId, presence: 'online', tier: 1 + (i % 3), capacity: JSON.stringify({ api: 1_000 }) }).execute();
      await db.insertInto('teamMembers').values({ teamId: teams[i % teams.length]!.id, userId: user.id }).execute();
    }
    const teamId = (ref: string) => teams[Number(ref.replace('team-', '')) % teams.length]!.id;
    for (const [i, rule] of input.rules.entries()) {
      const actions = rule.actions.map((a) => (a.type === 'setTeam' ? { ...a, teamId: teamId(a.teamId) } : a.type === 'autoReply' ? { ...a, templateId: templates[i % templates.length]!.id } : a));
      await createRule(db, box, routed.workspaceId, { name: rule.name, enabled: true, on: ['conversation.created', 'message.received'], when: rule.when, actions });
    }

    const hooks = [automationHook()];
    let roundMs = 0;
    const route: InboundRouter = async (trx, workspaceId) => {
      const started = performance.now();
      const events = await assignRound(trx, workspaceId);
      roundMs = performance.now() - started;
      return events;
    };
    const withRouting: number[] = [];
    const without: number[] = [];
    const storeParts: number[] = [];
    const assignParts: number[] = [];
    let assigned = 0;
    progress(`Storing ${input.messages} messages each way…`);
    for (let i = 0; i < WARMUP + input.messages; i++) {
      const text = input.texts[i % input.texts.length] ?? 'Hallo';
      const msg = { externalId: `m-${i}`, from: { id: `kunde-${i}` }, text };
      // Interleaved, so both sides see the same machine at the same moment.
      let started = performance.now();
      await acceptInbound(db, off, msg, []);
      const plainMs = performance.now() - started;
      started = performance.now();
      const { conversationId } = await acceptInbound(db, on, msg, hooks, undefined, route);
      const routedMs = performance.now() - started;
      if (i < WARMUP) continue;
      storeParts.push(routedMs - roundMs);
      assignParts.push(roundMs);
      without.push(plainMs);
      withRouting.push(routedMs);
      const stored = await db.selectFrom('conversations').select('assigneeId').where('id', '=', conversationId).executeTakeFirstOrThrow();
      if (stored.assigneeId !== null) assigned++;
    }
    withRouting.sort((a, b) => a - b);
    without.sort((a, b) => a - b);
    storeParts.sort((a, b) => a - b);
    assignParts.sort((a, b) => a - b);
    const round = (x: number) => Number(x.toFixed(3));
    return {
      p99AddedMs: round(percentile(withRouting, 99) - percentile(without, 99)),
      routedP99Ms: round(percentile(withRouting, 99)),
      baselineP99Ms: round(percentile(without, 99)),
      routedMedianMs: round(percentile(withRouting, 50)),
      baselineMedianMs: round(percentile(without, 50)),
      storeWithRulesMedianMs: round(percentile(storeParts, 50)),
      assignRoundMedianMs: round(percentile(assignParts, 50)),
      messages: input.messages,
      assignedShare: round(assigned / input.messages),
    };
  } finally {
    await bench.dispose();
  }
}
