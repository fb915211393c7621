import { capacityOf, hasCapacity, isAvailableOwner, isEligible, loadOf } from './routing-eligibility.js';
import { stickyOwner, type ContactHistory } from './routing-sticky-owner.js';
import { priorityRank, type Agent, type RoutingRequest, type RoutingState, type TeamRouting } from './routing-types.js';

export type RoutingDecision =
  | { type: 'assign'; agentId: string; reason: 'sticky-owner' | 'preferred-agent' | 'balanced'; notifyOwner?: string }
  | { type: 'queue'; reason: 'manual-team' | 'no-capacity'; notifyOwner?: string };

export interface Assignment {
  conversationId: string;
  agentId: string;
}

// Builds a state from plain records, e.g. load counts read from storage.
export function routingState(input: {
  load?: Readonly<Record<string, Readonly<Record<string, number>>>>;
  cursors?: Readonly<Record<string, string>>;
  teams?: Readonly<Record<string, TeamRouting>>;
}): RoutingState {
  return { load: new Map(Object.entries(input.load ?? {})), cursors: new Map(Object.entries(input.cursors ?? {})), teams: input.teams ?? {} };
}

// Picks the eligible agent with room and the lowest utilisation on the conversation's channel type;
// ties rotate through agent ids after the team's cursor. Null means the conversation waits in the queue.
export function chooseAgent(req: RoutingRequest, agents: readonly Agent[], state: RoutingState): string | null {
  const team = state.teams[req.teamId];
  if (team?.mode === 'manual') return null;
  if (req.preferredAgentId !== undefined) {
    const preferred = agents.find((a) => a.id === req.preferredAgentId);
    if (preferred && isAvailableOwner(preferred, req, state)) return preferred.id;
  }
  const byTier = team?.preferLowestTier === true;
  let best: Agent[] = [];
  for (const agent of agents) {
    if (!isEligible(agent, req) || !hasCapacity(agent, state, req.channelType)) continue;
    const first = best[0];
    const order = first ? compareCandidates(agent, first, req, state, byTier) : -1;
    if (order < 0) best = [agent];
    else if (order === 0) best.push(agent);
  }
  return roundRobin(best, state.cursors.get(req.teamId));
}

export function routeConversation(req: RoutingRequest, agents: readonly Agent[], state: RoutingState, history: ContactHistory | null = null): RoutingDecision {
  const sticky = stickyOwner(req, history, agents, state);
  if (sticky && 'agentId' in sticky) return { type: 'assign', agentId: sticky.agentId, reason: 'sticky-owner' };
  const notify = sticky ? { notifyOwner: sticky.notifyOwner } : {};
  const agentId = chooseAgent(req, agents, state);
  if (agentId !== null) return { type: 'assign', agentId, reason: agentId === req.preferredAgentId ? 'preferred-agent' : 'balanced', ...notify };
  return { type: 'queue', reason: state.teams[req.teamId]?.mode === 'manual' ? 'manual-team' : 'no-capacity', ...notify };
}

export function recordAssignment(state: RoutingState, req: RoutingRequest, agentId: string): RoutingState {
  const load = new Map(state.load);
  const cursors = new Map(state.cursors);
  addLoad(load, cursors, req, agentId);
  return { ...state, load, cursors };
}

export function releaseAssignment(state: RoutingState, agentId: string, channelType: string): RoutingState {
  const agentLoad = state.load.get(agentId) ?? {};
  const load = new Map(state.load).set(agentId, { ...agentLoad, [channelType]: Math.max(0, (agentLoad[channelType] ?? 0) - 1) });
  return { ...state, load };
}

// Serves waiting conversations by priority, then by how long they have waited; each one takes the
// best agent left, so nothing stays queued while an eligible agent still has room for it.
export function drainQueue(
  queue: readonly RoutingRequest[],
  agents: readonly Agent[],
  state: RoutingState,
): { assignments: Assignment[]; remaining: RoutingRequest[]; state: RoutingState } {
  const ordered = [...queue].sort(
    (a, b) =>
      priorityRank(b.priority) - priorityRank(a.priority) ||
      a.waitingSince.getTime() - b.waitingSince.getTime() ||
      (a.conversationId < b.conversationId ? -1 : a.conversationId > b.conversationId ? 1 : 0),
  );
  const assignments: Assignment[] = [];
  const remaining: RoutingRequest[] = [];
  // One private copy updated in place keeps draining linear in the queue length; the caller's state is untouched.
  const load = new Map(state.load);
  const cursors = new Map(state.cursors);
  const working: RoutingState = { ...state, load, cursors };
  for (const req of ordered) {
    const agentId = chooseAgent(req, agents, working);
    if (agentId === null) {
      remaining.push(req);
      continue;
    }
    assignments.push({ conversationId: req.conversationId, agentId });
    addLoad(load, cursors, req, agentId);
  }
  return { assignments, remaining, state: working };
}

function addLoad(load: Map<string, Readonly<Record<string, number>>>, cursors: Map<string, string>, req: RoutingRequest, agentId: string): void {
  const agentLoad = load.get(agentId) ?? {};
  load.set(agentId, { ...agentLoad, [req.channelType]: (agentLoad[req.channelType] ?? 0) + 1 });
  cursors.set(req.teamId, agentId);
}

// Negative when `a` should be preferred over `b`.
function compareCandidates(a: Agent, b: Agent, req: RoutingRequest, state: RoutingState, byTier: boolean): number {
  if (byTier && a.tier !== b.tier) return a.tier - b.tier;
  // Utilisation load/capacity, compared by cross-multiplying to stay exact.
  return loadOf(state, a.id, req.channelType) * capacityOf(b, req.channelType) - loadOf(state, b.id, req.channelType) * capacityOf(a, req.channelType);
}

function roundRobin(tied: readonly Agent[], cursor: string | undefined): string | null {
  let first: string | null = null;
  let next: string | null = null;
  for (const { id } of tied) {
    if (first === null || id < first) first = id;
    if (cursor !== undefined && id > cursor && (next === null || id < next)) next = id;
  }
  return next ?? first;
}
