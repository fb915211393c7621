import { z } from 'zod';
import { AppError } from './errors.js';
import { PrioritySchema, TierSchema, type Priority, type Tier } from './routing-types.js';

const positiveMs = z.number().int().positive();

export const SlaPolicySchema = z.object({
  id: z.string().min(1),
  name: z.string().optional(),
  position: z.number().int().optional(),
  match: z.object({
    priority: PrioritySchema.optional(),
    channel: z.string().min(1).optional(),
    tier: TierSchema.optional(),
    customerGroup: z.string().min(1).optional(),
  }),
  targets: z
    .object({ firstResponseMs: positiveMs.optional(), nextResponseMs: positiveMs.optional(), resolutionMs: positiveMs.optional() })
    .refine((t) => t.firstResponseMs !== undefined || t.nextResponseMs !== undefined || t.resolutionMs !== undefined, 'a policy needs at least one target'),
  businessHours: z.boolean(),
  warnAtRatio: z.number().gt(0).lt(1).optional(),
  escalation: z
    .object({
      onWarning: z.object({ notify: z.array(z.string().min(1)) }).optional(),
      onBreach: z.object({ notify: z.array(z.string().min(1)), raiseTier: z.boolean().optional(), teamId: z.string().min(1).optional() }).optional(),
    })
    .optional(),
});
export type SlaPolicy = z.infer<typeof SlaPolicySchema>;

export const DEFAULT_WARN_RATIO = 0.8;

export interface SlaSubject {
  priority: Priority;
  channel: string;
  tier: Tier;
  customerGroups: readonly string[];
}

export function parseSlaPolicies(input: unknown): SlaPolicy[] {
  const parsed = z.array(SlaPolicySchema).safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('invalid', `invalid SLA policy at ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'unknown'}`, { issues: parsed.error.issues });
  }
  const ids = new Set<string>();
  for (const p of parsed.data) {
    if (ids.has(p.id)) throw new AppError('invalid', `duplicate SLA policy id "${p.id}"`, { id: p.id });
    ids.add(p.id);
  }
  return parsed.data;
}

// Precedence when several policies match (see docs/metrics.md): more criteria beat fewer; among equally
// many, the criteria weigh customer group > tier > channel > priority, because a customer contract
// overrides the case's support level, which overrides the medium, which overrides the urgency default;
// then the lower position, then the id, so the choice never depends on input order.
const WEIGHTS = { customerGroup: 8, tier: 4, channel: 2, priority: 1 } as const;

export function matchSlaPolicy(policies: readonly SlaPolicy[], subject: SlaSubject): SlaPolicy | null {
  let best: { policy: SlaPolicy; count: number; weight: number } | null = null;
  for (const policy of policies) {
    const m = policy.match;
    if (m.priority !== undefined && m.priority !== subject.priority) continue;
    if (m.channel !== undefined && m.channel !== subject.channel) continue;
    if (m.tier !== undefined && m.tier !== subject.tier) continue;
    if (m.customerGroup !== undefined && !subject.customerGroups.includes(m.customerGroup)) continue;
    let count = 0;
    let weight = 0;
    for (const key of Object.keys(WEIGHTS) as Array<keyof typeof WEIGHTS>) {
      if (m[key] !== undefined) {
        count++;
        weight += WEIGHTS[key];
      }
    }
    if (!best || beats({ policy, count, weight }, best)) best = { policy, count, weight };
  }
  return best?.policy ?? null;
}

function beats(a: { policy: SlaPolicy; count: number; weight: number }, b: { policy: SlaPolicy; count: number; weight: number }): boolean {
  if (a.count !== b.count) return a.count > b.count;
  if (a.weight !== b.weight) return a.weight > b.weight;
  const pa = a.policy.position ?? 0;
  const pb = b.policy.position ?? 0;
  if (pa !== pb) return pa < pb;
  return a.policy.id < b.policy.id;
}
