import type { Agent, RoutingRequest, RoutingState } from './routing-types.js';

// An agent may take a conversation when online, in its team, at or above its tier, speaking its
// language and working its channel, and skilled in its category and product when those are known.
export function isEligible(agent: Agent, req: RoutingRequest): boolean {
  return (
    agent.presence === 'online' &&
    agent.tier >= req.tier &&
    agent.teamIds.includes(req.teamId) &&
    agent.channels.includes(req.channel) &&
    (req.language === null || agent.languages.includes(req.language)) &&
    (req.category === null || agent.categories.includes(req.category)) &&
    (req.product === null || agent.products.includes(req.product))
  );
}

export function loadOf(state: RoutingState, agentId: string, channelType: string): number {
  return state.load.get(agentId)?.[channelType] ?? 0;
}

export function capacityOf(agent: Agent, channelType: string): number {
  return agent.capacity[channelType] ?? 0;
}

export function hasCapacity(agent: Agent, state: RoutingState, channelType: string): boolean {
  return loadOf(state, agent.id, channelType) < capacityOf(agent, channelType);
}

// The fixed contact person needs to be online, work the channel and have room; team, tier and skills
// are waived because knowing the customer is the point.
export function isAvailableOwner(agent: Agent, req: RoutingRequest, state: RoutingState): boolean {
  return agent.presence === 'online' && agent.channels.includes(req.channel) && hasCapacity(agent, state, req.channelType);
}
