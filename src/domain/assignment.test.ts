import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseAgent, drainQueue, recordAssignment, releaseAssignment, routeConversation, routingState } from './assignment.js';
import { stickyOwner } from './routing-sticky-owner.js';
import type { Agent, RoutingRequest, RoutingState } from './routing-types.js';

const emptyState: RoutingState = routingState({});
const agent = (id: string, overrides: Partial<Agent> = {}): Agent => ({
  id,
  teamIds: ['care'],
  tier: 1,
  presence: 'online',
  languages: ['de', 'en'],
  channels: ['email', 'chat'],
  products: ['router'],
  categories: ['billing', 'tech'],
  capacity: { async: 5, realtime: 2 },
  ...overrides,
});
const request = (id: string, overrides: Partial<RoutingRequest> = {}): RoutingRequest => ({
  conversationId: id,
  teamId: 'care',
  channel: 'chat',
  channelType: 'realtime',
  language: 'de',
  tier: 1,
  category: null,
  product: null,
  priority: 'normal',
  waitingSince: new Date('2026-11-23T08:00:00Z'),
  ...overrides,
});

describe('chooseAgent: examples', () => {
  it('picks the least-loaded agent on the channel type', () => {
    const state = routingState({ load: { a: { realtime: 1 }, b: { realtime: 0, async: 4 } } });
    expect(chooseAgent(request('c1'), [agent('a'), agent('b')], state)).toBe('b');
  });

  it('compares utilisation, not raw counts', () => {
    const state = routingState({ load: { small: { realtime: 1 }, big: { realtime: 2 } } });
    const agents = [agent('small', { capacity: { realtime: 2 } }), agent('big', { capacity: { realtime: 6 } })];
    expect(chooseAgent(request('c1'), agents, state)).toBe('big');
  });

  it('rotates round robin through tied agents', () => {
    const agents = [agent('c'), agent('a'), agent('b')];
    let state = emptyState;
    const picks: string[] = [];
    for (let i = 0; i < 6; i++) {
      const id = chooseAgent(request(`x${i}`), agents, state);
      expect(id).not.toBeNull();
      if (!id) return;
      picks.push(id);
      state = releaseAssignment(recordAssignment(state, request(`x${i}`), id), id, 'realtime');
    }
    expect(picks).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
  });

  it.each([
    ['away', { presence: 'away' as const }],
    ['offline', { presence: 'offline' as const }],
    ['below the tier', { tier: 1 as const }],
    ['in another team', { teamIds: ['sales'] }],
    ['without the language', { languages: ['en'] }],
    ['without the channel', { channels: ['email'] }],
    ['without the category skill', { categories: ['tech'] }],
    ['without the product skill', { products: ['phone'] }],
    ['without capacity for the channel type', { capacity: { async: 5 } }],
  ])('never picks an agent who is %s', (_why, overrides) => {
    const req = request('c1', { tier: 2, category: 'billing', product: 'router' });
    expect(chooseAgent(req, [agent('x', { tier: 2, ...overrides })], emptyState)).toBeNull();
    expect(chooseAgent(req, [agent('x', { tier: 3 })], emptyState)).toBe('x');
  });

  it('keeps experts free when the team prefers the lowest tier', () => {
    const agents = [agent('expert', { tier: 3 }), agent('first', { tier: 1 })];
    const busyFirst = routingState({ load: { first: { realtime: 1 } }, teams: { care: { mode: 'auto', preferLowestTier: true } } });
    expect(chooseAgent(request('c1'), agents, busyFirst)).toBe('first');
    expect(chooseAgent(request('c1'), agents, { ...busyFirst, teams: {} })).toBe('expert');
    expect(chooseAgent(request('c1', { tier: 3 }), agents, busyFirst)).toBe('expert');
  });

  it('queues everything for a manual team', () => {
    const state = { ...emptyState, teams: { care: { mode: 'manual' as const } } };
    expect(chooseAgent(request('c1'), [agent('a')], state)).toBeNull();
    expect(routeConversation(request('c1'), [agent('a')], state)).toEqual({ type: 'queue', reason: 'manual-team' });
  });
});

describe('sticky owner', () => {
  const history = { ownerId: 'owner', previousTier: 2 as const, vip: false, openHardCase: false };
  const agents = [agent('owner', { tier: 2, teamIds: ['experts'] }), agent('other')];

  it('sends a returning tier-2 customer back to the owner, even across teams', () => {
    expect(stickyOwner(request('c1'), history, agents, emptyState)).toEqual({ agentId: 'owner' });
    expect(routeConversation(request('c1'), agents, emptyState, history)).toEqual({ type: 'assign', agentId: 'owner', reason: 'sticky-owner' });
  });

  it('applies to VIPs and open hard cases, not to ordinary tier-1 returns', () => {
    const tier1 = { ...history, previousTier: 1 as const };
    expect(stickyOwner(request('c1'), tier1, agents, emptyState)).toBeNull();
    expect(stickyOwner(request('c1'), { ...tier1, vip: true }, agents, emptyState)).toEqual({ agentId: 'owner' });
    expect(stickyOwner(request('c1'), { ...tier1, openHardCase: true }, agents, emptyState)).toEqual({ agentId: 'owner' });
    expect(stickyOwner(request('c1'), null, agents, emptyState)).toBeNull();
  });

  it('queues and notifies the owner when the owner is away or full', () => {
    const away = [agent('owner', { presence: 'away' }), agent('other')];
    expect(stickyOwner(request('c1'), history, away, emptyState)).toEqual({ queue: true, notifyOwner: 'owner' });
    const full = routingState({ load: { owner: { realtime: 2 } } });
    expect(stickyOwner(request('c1'), history, agents, full)).toEqual({ queue: true, notifyOwner: 'owner' });
    expect(routeConversation(request('c1'), away, emptyState, history)).toEqual({ type: 'assign', agentId: 'other', reason: 'balanced', notifyOwner: 'owner' });
    expect(routeConversation(request('c1'), [agent('owner', { presence: 'away' })], emptyState, history)).toEqual({ type: 'queue', reason: 'no-capacity', notifyOwner: 'owner' });
  });

  it('lets a queued conversation wait for its owner first when the owner frees up', () => {
    const state = routingState({ load: { owner: { realtime: 1 } } });
    const req = request('c1', { preferredAgentId: 'owner' });
    expect(chooseAgent(req, agents, state)).toBe('owner');
  });
});

describe('drainQueue: examples', () => {
  it('serves urgent first, then the longest waiting', () => {
    const queue = [
      request('old-normal', { waitingSince: new Date('2026-11-23T07:00:00Z') }),
      request('new-urgent', { priority: 'urgent', waitingSince: new Date('2026-11-23T09:00:00Z') }),
      request('new-normal', { waitingSince: new Date('2026-11-23T09:00:00Z') }),
    ];
    const result = drainQueue(queue, [agent('a', { capacity: { realtime: 2 } })], emptyState);
    expect(result.assignments.map((a) => a.conversationId)).toEqual(['new-urgent', 'old-normal']);
    expect(result.remaining.map((r) => r.conversationId)).toEqual(['new-normal']);
    expect(result.state.load.get('a')?.realtime).toBe(2);
  });

  it('leaves the caller\'s state untouched', () => {
    const state = routingState({ load: { a: { realtime: 1 } }, cursors: { care: 'z' } });
    drainQueue([request('c1')], [agent('a')], state);
    recordAssignment(state, request('c2'), 'a');
    expect(state).toEqual(routingState({ load: { a: { realtime: 1 } }, cursors: { care: 'z' } }));
  });

  it('assigns a waiting conversation the moment capacity frees up', () => {
    const agents = [agent('a', { capacity: { realtime: 1 } })];
    const full = routingState({ load: { a: { realtime: 1 } } });
    expect(drainQueue([request('c1')], agents, full).assignments).toEqual([]);
    expect(drainQueue([request('c1')], agents, releaseAssignment(full, 'a', 'realtime')).assignments).toEqual([{ conversationId: 'c1', agentId: 'a' }]);
  });
});

const channelTypes = { email: 'async', chat: 'realtime', whatsapp: 'realtime' } as const;
const pick = <T>(values: readonly T[]) => fc.subarray([...values]);
const agentArb = (id: string): fc.Arbitrary<Agent> =>
  fc.record({
    id: fc.constant(id),
    teamIds: pick(['t1', 't2']),
    tier: fc.constantFrom(1 as const, 2 as const, 3 as const),
    presence: fc.constantFrom('online' as const, 'online' as const, 'away' as const, 'offline' as const),
    languages: pick(['de', 'en', 'fr']),
    channels: pick(['email', 'chat', 'whatsapp']),
    products: pick(['router', 'phone']),
    categories: pick(['billing', 'tech']),
    capacity: fc.record({ async: fc.integer({ min: 0, max: 4 }), realtime: fc.integer({ min: 0, max: 3 }) }),
  });
const requestArb = (id: string): fc.Arbitrary<RoutingRequest> =>
  fc
    .record({
      teamId: fc.constantFrom('t1', 't2'),
      channel: fc.constantFrom('email', 'chat', 'whatsapp'),
      language: fc.constantFrom('de', 'en', 'fr', null),
      tier: fc.constantFrom(1 as const, 2 as const, 3 as const),
      category: fc.constantFrom('billing', 'tech', null),
      product: fc.constantFrom('router', 'phone', null),
      priority: fc.constantFrom('low' as const, 'normal' as const, 'high' as const, 'urgent' as const),
      waitingSince: fc.integer({ min: 0, max: 1000 }).map((m) => new Date(Date.UTC(2026, 10, 23) + m * 60_000)),
    })
    .map((r) => ({ ...r, conversationId: id, channelType: channelTypes[r.channel as keyof typeof channelTypes] }));
const worldArb = fc
  .tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 30 }), fc.boolean())
  .chain(([agentCount, queueLength, preferLowestTier]) =>
    fc.record({
      agents: fc.tuple(...Array.from({ length: agentCount }, (_, i) => agentArb(`agent-${i}`))),
      queue: fc.tuple(...Array.from({ length: queueLength }, (_, i) => requestArb(`conv-${i}`))),
      busy: fc.array(fc.tuple(fc.nat(), fc.constantFrom('async', 'realtime'), fc.nat()), { maxLength: 10 }),
      preferLowestTier: fc.constant(preferLowestTier),
    }),
  )
  .map(({ agents, queue, busy, preferLowestTier }) => {
    // Start from a valid load: never more than capacity.
    const load: Record<string, Record<string, number>> = {};
    for (const [i, type, n] of busy) {
      const a = agents[i % agents.length];
      if (!a) continue;
      load[a.id] = { ...load[a.id], [type]: n % ((a.capacity[type] ?? 0) + 1) };
    }
    const state = routingState({ load, teams: { t1: { mode: 'auto', preferLowestTier }, t2: { mode: 'auto' } } });
    return { agents: agents as Agent[], queue: queue as RoutingRequest[], state };
  });

// Written out independently of routing-eligibility.ts so the property checks the rule, not the code.
function mayTake(a: Agent, r: RoutingRequest, state: RoutingState): boolean {
  const skills =
    a.presence === 'online' &&
    a.tier >= r.tier &&
    a.teamIds.includes(r.teamId) &&
    a.channels.includes(r.channel) &&
    (r.language === null || a.languages.includes(r.language)) &&
    (r.category === null || a.categories.includes(r.category)) &&
    (r.product === null || a.products.includes(r.product));
  return skills && (state.load.get(a.id)?.[r.channelType] ?? 0) < (a.capacity[r.channelType] ?? 0);
}

describe('assignment: properties', () => {
  it('chooseAgent picks an eligible agent with room and the lowest utilisation, or null only if there is none', () => {
    fc.assert(
      fc.property(worldArb, ({ agents, queue, state }) => {
        for (const req of queue) {
          const chosen = chooseAgent(req, agents, { ...state, teams: {} });
          const candidates = agents.filter((a) => mayTake(a, req, state));
          if (chosen === null) {
            expect(candidates).toEqual([]);
            continue;
          }
          const winner = candidates.find((a) => a.id === chosen);
          expect(winner).toBeDefined();
          const util = (a: Agent): number => (state.load.get(a.id)?.[req.channelType] ?? 0) / (a.capacity[req.channelType] ?? 0);
          if (winner) for (const other of candidates) expect(util(winner)).toBeLessThanOrEqual(util(other));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('drainQueue never exceeds capacity, never uses an ineligible agent and leaves nothing waiting that someone could take', () => {
    fc.assert(
      fc.property(worldArb, ({ agents, queue, state }) => {
        const result = drainQueue(queue, agents, state);
        const ids = [...result.assignments.map((a) => a.conversationId), ...result.remaining.map((r) => r.conversationId)];
        expect(ids.sort()).toEqual(queue.map((r) => r.conversationId).sort());

        let replay = state;
        for (const { conversationId, agentId } of result.assignments) {
          const req = queue.find((r) => r.conversationId === conversationId);
          const a = agents.find((x) => x.id === agentId);
          expect(req && a && mayTake(a, req, replay)).toBe(true);
          if (req) replay = recordAssignment(replay, req, agentId);
        }
        for (const a of agents) {
          for (const type of ['async', 'realtime']) {
            expect(result.state.load.get(a.id)?.[type] ?? 0).toBeLessThanOrEqual(a.capacity[type] ?? 0);
          }
        }
        for (const req of result.remaining) {
          expect(agents.filter((a) => mayTake(a, req, result.state))).toEqual([]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('round robin spreads equal work evenly over identical agents', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 60 }), (n, rounds) => {
        const agents = Array.from({ length: n }, (_, i) => agent(`a${i}`));
        let state = emptyState;
        const counts = new Map<string, number>();
        for (let i = 0; i < rounds; i++) {
          const req = request(`c${i}`);
          const id = chooseAgent(req, agents, state);
          expect(id).not.toBeNull();
          if (!id) return;
          counts.set(id, (counts.get(id) ?? 0) + 1);
          state = releaseAssignment(recordAssignment(state, req, id), id, req.channelType);
        }
        const values = agents.map((a) => counts.get(a.id) ?? 0);
        expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(1);
      }),
    );
  });
});
