import { z } from 'zod';

// Vocabulary shared by SLA policies, assignment and automation rules.
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const PrioritySchema = z.enum(PRIORITIES);

export const TierSchema = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export type Tier = z.infer<typeof TierSchema>;

/** A stored support level as a tier: 3 and above is 3, below 2 is 1. */
export function tierOf(n: number): Tier {
  return n >= 3 ? 3 : n === 2 ? 2 : 1;
}

export function priorityRank(p: Priority): number {
  return PRIORITIES.indexOf(p);
}

export type Presence = 'online' | 'away' | 'offline';

export interface Agent {
  id: string;
  teamIds: readonly string[];
  tier: Tier;
  presence: Presence;
  languages: readonly string[];
  channels: readonly string[];
  products: readonly string[];
  categories: readonly string[];
  // Concurrent conversations per channel type (e.g. chat: 3, email: 10); a missing type means none.
  capacity: Readonly<Record<string, number>>;
}

// What routing needs to know about a conversation; the integrator derives it from the stored conversation.
export interface RoutingRequest {
  conversationId: string;
  teamId: string;
  channel: string;
  channelType: string;
  language: string | null;
  tier: Tier;
  category: string | null;
  product: string | null;
  priority: Priority;
  waitingSince: Date;
  // The fixed contact person, who gets the conversation whenever available (see stickyOwner).
  preferredAgentId?: string;
}

export interface TeamRouting {
  mode: 'auto' | 'manual';
  // Give a conversation to the lowest eligible tier with room before using experts ("don't waste experts on first contact").
  preferLowestTier?: boolean;
}

export interface RoutingState {
  // agent id → channel type → open conversations assigned to that agent. A Map because copying a
  // 500-key object literal costs ten times more than copying a Map of the same size.
  load: ReadonlyMap<string, Readonly<Record<string, number>>>;
  // team id → the agent who last won a tie, so ties rotate round robin.
  cursors: ReadonlyMap<string, string>;
  // Teams not listed route automatically.
  teams: Readonly<Record<string, TeamRouting>>;
}
