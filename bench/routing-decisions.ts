// Pure routing throughput: automation rules plus capacity-aware assignment for one inbound conversation,
// against 500 agents in 50 teams and 200 rules. The baseline is the same loop without rules, measured
// in the same run, so the figures compare as a ratio on any machine. Then the same in the running
// pipeline on PostgreSQL: what the rules hook and an assignment round add to storing a message.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { chooseAgent } from '../src/domain/assignment.js';
import { compileCalendar, type CompiledCalendar } from '../src/domain/business-hours.js';
import type { Rule } from '../src/domain/routing-rule-schema.js';
import type { Agent, RoutingRequest, RoutingState } from '../src/domain/routing-types.js';
import { seededRandom } from '../src/runtime/seeded-random.js';
import { measureRoutingInPipeline } from './support/routing-pipeline.js';
import { compileRules, runRules, type CompiledRules, type RuleConversation, type RuleEvent } from '../src/domain/rules.js';

const AGENTS = 500;
const TEAMS = 50;
const RULES = 200;
const WARMUP = 2_000;
const DECISIONS = 20_000;
// An assigned conversation is resolved this many decisions later, which keeps agents partly busy as in a live inbox.
const CONVERSATION_LIFETIME = 1_000;
const PIPELINE_MESSAGES = 400;

const channels = ['email', 'chat', 'whatsapp', 'facebook', 'instagram', 'telegram', 'x', 'phone'] as const;
const channelType: Record<string, string> = { email: 'async', x: 'social', facebook: 'social', instagram: 'social', chat: 'realtime', whatsapp: 'realtime', telegram: 'realtime', phone: 'voice' };
const languages = ['de', 'en', 'fr', 'it'] as const;
const categories = ['billing', 'delivery', 'returns', 'technical', 'account', 'praise'] as const;
const products = ['router', 'phone', 'tv', 'fiber'] as const;
const keywords = ['kündigen', 'rechnung', 'defekt', 'anwalt', 'danke', 'lieferung', 'passwort', 'refund', 'broken', 'cancel'];

type Random = () => number;

function pick<T>(random: Random, values: readonly T[]): T {
  return values[Math.floor(random() * values.length)] as T;
}

function some<T>(random: Random, values: readonly T[], p: number): T[] {
  const chosen = values.filter(() => random() < p);
  return chosen.length > 0 ? chosen : [pick(random, values)];
}

function buildAgents(random: Random): Agent[] {
  return Array.from({ length: AGENTS }, (_, i) => ({
    id: `agent-${String(i).padStart(3, '0')}`,
    teamIds: [`team-${i % TEAMS}`, ...(random() < 0.3 ? [`team-${Math.floor(random() * TEAMS)}`] : [])],
    tier: pick(random, [1, 1, 1, 2, 2, 3] as const),
    presence: pick(random, ['online', 'online', 'online', 'away', 'offline'] as const),
    languages: ['de', ...some(random, languages, 0.5).filter((l) => l !== 'de')],
    channels: some(random, channels, 0.8),
    products: some(random, products, 0.7),
    categories: some(random, categories, 0.8),
    capacity: { async: 8, social: 6, realtime: 3, voice: 1 },
  }));
}

function buildRules(random: Random): Rule[] {
  return Array.from({ length: RULES }, (_, i): Rule => {
    const when: Rule['when'] = {
      all: [
        { field: 'text', op: 'contains', value: [pick(random, keywords), pick(random, keywords)] },
        {
          any: [
            { field: 'channel', op: 'in', value: some(random, channels, 0.3) },
            { field: 'contact.lifetimeValue', op: 'gt', value: Math.floor(random() * 5000) },
            { field: 'contact.vip', op: 'eq', value: true },
          ],
        },
        ...(i % 10 === 0 ? [{ field: 'businessHours' as const, op: 'eq' as const, value: 'closed' as const }] : []),
      ],
    };
    const actions: Rule['actions'] = [
      pick(random, [
        { type: 'setTeam', teamId: `team-${i % TEAMS}` },
        { type: 'setPriority', priority: 'high' },
        { type: 'addLabels', labels: [`label-${i % 17}`] },
        { type: 'setTier', tier: 2 },
      ] satisfies Rule['actions']),
      ...(i % 25 === 0 ? [{ type: 'autoReply' as const, templateId: `template-${i}` }] : []),
    ];
    return { id: `rule-${String(i).padStart(3, '0')}`, name: `rule ${i}`, position: i, enabled: true, on: ['conversation.created'], when, actions };
  });
}

function buildConversation(random: Random, i: number): RuleConversation {
  return {
    id: `conv-${i}`,
    channel: pick(random, channels),
    language: pick(random, ['de', 'de', 'de', 'en', 'fr', 'it']),
    sentiment: pick(random, ['positive', 'neutral', 'negative'] as const),
    category: pick(random, categories),
    urgent: random() < 0.1,
    text: `Hallo, ${pick(random, keywords)} bitte – Bestellung ${i} ist ${pick(random, keywords)}.`,
    priority: 'normal',
    tier: 1,
    teamId: `team-${Math.floor(random() * TEAMS)}`,
    labels: [],
    assigneeId: null,
    contact: { firstName: 'Kim', lastName: 'Meyer', vip: random() < 0.05, lifetimeValue: Math.floor(random() * 6000) },
  };
}

function toRequest(c: RuleConversation, at: Date): RoutingRequest {
  return {
    conversationId: c.id,
    teamId: c.teamId ?? 'team-0',
    channel: c.channel,
    channelType: channelType[c.channel] ?? 'async',
    language: c.language,
    tier: c.tier,
    category: c.category,
    product: null,
    priority: c.priority,
    waitingSince: at,
  };
}

function measure(withRules: boolean, agents: Agent[], rules: CompiledRules, conversations: RuleConversation[], calendar: CompiledCalendar): { perSecond: number; p99Ms: number; assigned: number } {
  // Stands in for storage: updated in place between decisions, read-only to the domain code.
  const load = new Map<string, Record<string, number>>();
  const cursors = new Map<string, string>();
  const state: RoutingState = { load, cursors, teams: {} };
  const bump = (agentId: string, type: string, delta: number): void => {
    const counts = load.get(agentId) ?? {};
    counts[type] = (counts[type] ?? 0) + delta;
    load.set(agentId, counts);
  };
  const open: Array<{ decision: number; agentId: string; channelType: string }> = [];
  const durations = new Float64Array(DECISIONS);
  let assigned = 0;
  const at = new Date('2026-11-24T19:30:00Z');
  for (let i = 0; i < WARMUP + DECISIONS; i++) {
    const conversation = conversations[i % conversations.length] as RuleConversation;
    const started = performance.now();
    const event: RuleEvent = { type: 'conversation.created', at, causedBy: 'customer', calendar };
    const routed = withRules ? runRules(rules, event, conversation).conversation : conversation;
    const req = toRequest(routed, at);
    const agentId = chooseAgent(req, agents, state);
    const elapsed = performance.now() - started;
    if (agentId !== null) {
      bump(agentId, req.channelType, 1);
      cursors.set(req.teamId, agentId);
    }
    if (i >= WARMUP) {
      durations[i - WARMUP] = elapsed;
      if (agentId !== null) assigned++;
    }
    if (agentId !== null) open.push({ decision: i, agentId, channelType: req.channelType });
    while (open[0] && open[0].decision <= i - CONVERSATION_LIFETIME) {
      const done = open.shift();
      if (done) bump(done.agentId, done.channelType, -1);
    }
  }
  const total = durations.reduce((s, d) => s + d, 0);
  const sorted = Array.from(durations).sort((a, b) => a - b);
  return { perSecond: DECISIONS / (total / 1000), p99Ms: sorted[Math.floor(DECISIONS * 0.99)] ?? 0, assigned };
}

export async function run(): Promise<Record<string, number>> {
  const random = seededRandom(20261123);
  const agents = buildAgents(random);
  // Compiled once, as the integrator does per workspace when rules change.
  const ruleList = buildRules(random);
  const rules = compileRules(ruleList);
  const conversations = Array.from({ length: 5_000 }, (_, i) => buildConversation(random, i));
  const calendar = compileCalendar({
    timeZone: 'Europe/Berlin',
    slots: (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => ({ day, start: '08:00', end: '18:00' })),
    holidays: [],
  });
  const baseline = measure(false, agents, rules, conversations, calendar);
  const decisions = measure(true, agents, rules, conversations, calendar);
  const pipeline = await measureRoutingInPipeline({ agents: AGENTS, teams: TEAMS, rules: ruleList, texts: conversations.map((c) => c.text), messages: PIPELINE_MESSAGES });
  return {
    agents: AGENTS,
    teams: TEAMS,
    rules: RULES,
    decisionsPerSecond: Math.round(decisions.perSecond),
    decisionP99Ms: Number(decisions.p99Ms.toFixed(4)),
    baselineNoRulesPerSecond: Math.round(baseline.perSecond),
    baselineNoRulesP99Ms: Number(baseline.p99Ms.toFixed(4)),
    rulesCostRatio: Number((baseline.perSecond / decisions.perSecond).toFixed(2)),
    assignedShare: Number((decisions.assigned / DECISIONS).toFixed(3)),
    // Measured inside the pipeline (store + rules hook + the assignment round, up to the commit that
    // holds the assignment, minus store alone), not from an HTTP request, whose transport would
    // dominate the figure.
    p99AddedMs: pipeline.p99AddedMs,
    pipelineRoutedP99Ms: pipeline.routedP99Ms,
    pipelineBaselineP99Ms: pipeline.baselineP99Ms,
    pipelineRoutedMedianMs: pipeline.routedMedianMs,
    pipelineBaselineMedianMs: pipeline.baselineMedianMs,
    pipelineStoreWithRulesMedianMs: pipeline.storeWithRulesMedianMs,
    pipelineAssignRoundMedianMs: pipeline.assignRoundMedianMs,
    pipelineMessages: pipeline.messages,
    pipelineAssignedShare: pipeline.assignedShare,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await run(), null, 2));
}
