import { isAvailableOwner } from './routing-eligibility.js';
import type { Agent, RoutingRequest, RoutingState, Tier } from './routing-types.js';

// What routing knows about the contact's previous conversation.
export interface ContactHistory {
  ownerId: string;
  previousTier: Tier;
  vip: boolean;
  openHardCase: boolean;
}

export type StickyDecision = { agentId: string } | { queue: true; notifyOwner: string };

// Hard cases get a fixed contact person: a returning customer whose last conversation needed tier 2
// or 3, a VIP, or one with an open hard case goes back to the same agent when available; otherwise
// the conversation joins the queue and the owner is told. Null: the rule does not apply.
export function stickyOwner(req: RoutingRequest, history: ContactHistory | null, agents: readonly Agent[], state: RoutingState): StickyDecision | null {
  if (!history || !(history.previousTier >= 2 || history.vip || history.openHardCase)) return null;
  const owner = agents.find((a) => a.id === history.ownerId);
  if (owner && isAvailableOwner(owner, req, state)) return { agentId: owner.id };
  return { queue: true, notifyOwner: history.ownerId };
}
