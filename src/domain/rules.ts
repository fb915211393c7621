import { isOpen, type Calendar } from './business-hours.js';
import { RULE_EVENTS, type Condition, type LeafCondition, type Rule, type RuleAction, type RuleEventType } from './routing-rule-schema.js';
import type { Priority, Tier } from './routing-types.js';

export interface RuleContact {
  firstName: string | null;
  lastName: string | null;
  vip: boolean;
  lifetimeValue: number;
}

export interface RuleConversation {
  id: string;
  channel: string;
  language: string | null;
  sentiment: 'positive' | 'neutral' | 'negative' | null;
  category: string | null;
  urgent: boolean;
  // The message that triggered the event (or the latest one), matched by keyword conditions.
  text: string;
  priority: Priority;
  tier: Tier;
  teamId: string | null;
  labels: readonly string[];
  assigneeId: string | null;
  contact: RuleContact;
}

export interface RuleEvent {
  type: RuleEventType;
  at: Date;
  // Updates written because of rule actions carry 'rules' and never run rules again.
  causedBy: 'customer' | 'agent' | 'system' | 'rules';
  // The team's calendar for businessHours conditions; without one the business counts as always open.
  calendar?: Calendar;
}

export type ConversationChanges = Partial<Pick<RuleConversation, 'priority' | 'tier' | 'teamId' | 'labels' | 'assigneeId'>>;

export interface FiredAction {
  ruleId: string;
  action: RuleAction;
}

export interface RulesResult {
  // Every action of every fired rule, in firing order; the integrator performs the side effects
  // (autoReply, addNote, notify, webhook) and stores `changes`.
  actions: FiredAction[];
  changes: ConversationChanges;
  conversation: RuleConversation;
  // One entry per enabled rule listening to the event, for testing rules against a sample conversation.
  trace: Array<{ ruleId: string; fired: boolean }>;
}

// Sorting, filtering by event and folding keywords happen once here instead of on every event.
export interface CompiledRules {
  readonly compiled: true;
  readonly byEvent: ReadonlyMap<RuleEventType, readonly Rule[]>;
}

export function compileRules(rules: readonly Rule[] | CompiledRules): CompiledRules {
  if ('compiled' in rules) return rules;
  const ordered = rules.filter((r) => r.enabled).sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const prepared = ordered.map((r) => ({ ...r, when: foldKeywords(r.when) }));
  return { compiled: true, byEvent: new Map(RULE_EVENTS.map((type) => [type, prepared.filter((r) => r.on.includes(type))])) };
}

// Rules run once each, ordered by position then id, against a working copy, so a later rule sees what
// earlier ones changed. Nothing re-runs within an event, and an event caused by rules runs no rules,
// so rules cannot loop (docs/routing.md). Only the first autoReply of an event is kept: a customer
// should never receive two automatic answers to one message.
export function runRules(rules: readonly Rule[] | CompiledRules, event: RuleEvent, conversation: RuleConversation): RulesResult {
  if (event.causedBy === 'rules') return { actions: [], changes: {}, conversation, trace: [] };
  let open: boolean | undefined;
  const context: EvalContext = {
    businessOpen: () => (open ??= event.calendar ? isOpen(event.calendar, event.at) : true),
    // Rule actions never change the text, so it is folded once per event rather than once per condition.
    foldedText: fold(conversation.text),
  };
  // A private copy, changed in place: the caller's conversation is never touched.
  const current: Working = { ...conversation, labels: [...conversation.labels], contact: { ...conversation.contact } };
  const actions: FiredAction[] = [];
  const trace: RulesResult['trace'] = [];
  let replied = false;
  for (const rule of compileRules(rules).byEvent.get(event.type) ?? []) {
    const fired = matches(rule.when, current, context);
    trace.push({ ruleId: rule.id, fired });
    if (!fired) continue;
    for (const action of rule.actions) {
      if (action.type === 'autoReply') {
        if (replied) continue;
        replied = true;
      }
      apply(current, action);
      actions.push({ ruleId: rule.id, action });
    }
  }
  return { actions, changes: diff(conversation, current), conversation: current, trace };
}

type Working = Omit<RuleConversation, 'labels'> & { labels: string[] };

interface EvalContext {
  businessOpen(): boolean;
  foldedText: string;
}

function matches(condition: Condition, c: RuleConversation, context: EvalContext): boolean {
  if ('all' in condition) return condition.all.every((x) => matches(x, c, context));
  if ('any' in condition) return condition.any.some((x) => matches(x, c, context));
  return matchesLeaf(condition, c, context);
}

function matchesLeaf(leaf: LeafCondition, c: RuleConversation, context: EvalContext): boolean {
  switch (leaf.field) {
    case 'text': {
      return (Array.isArray(leaf.value) ? leaf.value : [leaf.value]).some((k) => context.foldedText.includes(k));
    }
    case 'labels':
      return c.labels.includes(leaf.value);
    case 'businessHours':
      return context.businessOpen() === (leaf.value === 'open');
    case 'urgent':
    case 'contact.vip': {
      const actual = leaf.field === 'urgent' ? c.urgent : c.contact.vip;
      return leaf.op === 'eq' ? actual === leaf.value : actual !== leaf.value;
    }
    case 'tier':
    case 'contact.lifetimeValue': {
      const actual = leaf.field === 'tier' ? c.tier : c.contact.lifetimeValue;
      if (leaf.op === 'gt') return actual > leaf.value;
      if (leaf.op === 'lt') return actual < leaf.value;
      return leaf.op === 'eq' ? actual === leaf.value : actual !== leaf.value;
    }
    default: {
      const actual = stringField(c, leaf.field);
      if (leaf.op === 'in') return actual !== null && leaf.value.includes(actual);
      return leaf.op === 'eq' ? actual === leaf.value : actual !== leaf.value;
    }
  }
}

function stringField(c: RuleConversation, field: 'channel' | 'language' | 'sentiment' | 'category' | 'team' | 'priority'): string | null {
  if (field === 'team') return c.teamId;
  return c[field];
}

// Case- and width-insensitive, so "KÜNDIGEN" matches the keyword "kündigen". German has no
// locale-specific case rules, and the locale-aware variant is thirty times slower.
function fold(s: string): string {
  return s.normalize('NFKC').toLowerCase();
}

function apply(c: Working, action: RuleAction): void {
  switch (action.type) {
    case 'setPriority':
      c.priority = action.priority;
      break;
    case 'setTier':
      c.tier = action.tier;
      break;
    case 'setTeam':
      c.teamId = action.teamId;
      break;
    case 'addLabels':
      for (const label of action.labels) if (!c.labels.includes(label)) c.labels.push(label);
      break;
    case 'assign':
      c.assigneeId = action.agentId;
      break;
    default:
      break;
  }
}

function foldKeywords(condition: Condition): Condition {
  if ('all' in condition) return { all: condition.all.map(foldKeywords) };
  if ('any' in condition) return { any: condition.any.map(foldKeywords) };
  if (condition.field !== 'text') return condition;
  return { ...condition, value: (Array.isArray(condition.value) ? condition.value : [condition.value]).map(fold) };
}

function diff(before: RuleConversation, after: RuleConversation): ConversationChanges {
  const changes: ConversationChanges = {};
  if (after.priority !== before.priority) changes.priority = after.priority;
  if (after.tier !== before.tier) changes.tier = after.tier;
  if (after.teamId !== before.teamId) changes.teamId = after.teamId;
  if (after.assigneeId !== before.assigneeId) changes.assigneeId = after.assigneeId;
  if (after.labels.length !== before.labels.length || after.labels.some((l, i) => l !== before.labels[i])) changes.labels = after.labels;
  return changes;
}
