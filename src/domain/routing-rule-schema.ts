import { z } from 'zod';
import { AppError } from './errors.js';
import { PrioritySchema, TierSchema } from './routing-types.js';

export const RULE_EVENTS = ['conversation.created', 'conversation.updated', 'message.received'] as const;
export type RuleEventType = (typeof RULE_EVENTS)[number];

const text = z.string().min(1);
const stringField = z.enum(['channel', 'language', 'sentiment', 'category', 'team', 'priority']);
const numberField = z.enum(['tier', 'contact.lifetimeValue']);
const booleanField = z.enum(['urgent', 'contact.vip']);

const LeafSchema = z.union([
  z.strictObject({ field: stringField, op: z.enum(['eq', 'neq']), value: text }),
  z.strictObject({ field: stringField, op: z.literal('in'), value: z.array(text).min(1) }),
  z.strictObject({ field: numberField, op: z.enum(['eq', 'neq', 'gt', 'lt']), value: z.number().finite() }),
  z.strictObject({ field: booleanField, op: z.enum(['eq', 'neq']), value: z.boolean() }),
  // Keywords: true when the message text contains any of them, ignoring case.
  z.strictObject({ field: z.literal('text'), op: z.literal('contains'), value: z.union([text, z.array(text).min(1)]) }),
  z.strictObject({ field: z.literal('labels'), op: z.literal('contains'), value: text }),
  z.strictObject({ field: z.literal('businessHours'), op: z.literal('eq'), value: z.enum(['open', 'closed']) }),
]);
export type LeafCondition = z.infer<typeof LeafSchema>;
export type Condition = LeafCondition | { all: Condition[] } | { any: Condition[] };

// Named, so the API document can describe the nesting as one shared schema that refers to itself.
export const ConditionSchema: z.ZodType<Condition> = z
  .lazy(() => z.union([LeafSchema, z.strictObject({ all: z.array(ConditionSchema) }), z.strictObject({ any: z.array(ConditionSchema) })]))
  .meta({ id: 'RuleCondition' });

export const ActionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('setPriority'), priority: PrioritySchema }),
  z.strictObject({ type: z.literal('setTier'), tier: TierSchema }),
  z.strictObject({ type: z.literal('setTeam'), teamId: text }),
  z.strictObject({ type: z.literal('addLabels'), labels: z.array(text).min(1) }),
  z.strictObject({ type: z.literal('assign'), agentId: text }),
  z.strictObject({ type: z.literal('autoReply'), templateId: text }),
  z.strictObject({ type: z.literal('addNote'), text }),
  z.strictObject({ type: z.literal('notify'), to: z.array(text).min(1), message: z.string().optional() }),
  z.strictObject({ type: z.literal('webhook'), url: z.url({ protocol: /^https$/ }) }),
]);
export type RuleAction = z.infer<typeof ActionSchema>;

export const RuleSchema = z.strictObject({
  id: text,
  name: text,
  position: z.number().int(),
  enabled: z.boolean(),
  on: z.array(z.enum(RULE_EVENTS)).min(1),
  when: ConditionSchema,
  actions: z.array(ActionSchema).min(1),
});
export type Rule = z.infer<typeof RuleSchema>;

export function parseRules(input: unknown): Rule[] {
  const parsed = z.array(RuleSchema).safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('invalid', `invalid rule at ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'unknown'}`, { issues: parsed.error.issues });
  }
  const ids = new Set<string>();
  for (const rule of parsed.data) {
    if (ids.has(rule.id)) throw new AppError('invalid', `duplicate rule id "${rule.id}"`, { id: rule.id });
    ids.add(rule.id);
  }
  return parsed.data;
}
