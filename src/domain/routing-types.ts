import { z } from 'zod';

// Vocabulary shared by SLA policies, assignment and automation rules.
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const PrioritySchema = z.enum(PRIORITIES);

export const TierSchema = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export type Tier = z.infer<typeof TierSchema>;

export function priorityRank(p: Priority): number {
  return PRIORITIES.indexOf(p);
}
