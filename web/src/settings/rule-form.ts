import type { Condition, LeafCondition, Rule, RuleAction } from '../../../src/domain/routing-rule-schema.js';

export type ConditionField = LeafCondition['field'];
export type ActionType = RuleAction['type'];
export type Operator = 'eq' | 'neq' | 'in' | 'gt' | 'lt' | 'contains';

/** One line of the rule editor: a condition as the admin typed it. */
export interface ConditionRow {
  field: ConditionField;
  op: string;
  value: string;
}

export interface ActionRow {
  type: ActionType;
  value: string;
}

export const CONDITION_FIELDS: ConditionField[] = ['text', 'category', 'sentiment', 'language', 'urgent', 'contact.vip', 'contact.lifetimeValue', 'channel', 'priority', 'tier', 'team', 'labels', 'businessHours'];
export const ACTION_TYPES: ActionType[] = ['setPriority', 'setTier', 'setTeam', 'addLabels', 'assign', 'autoReply', 'addNote', 'notify', 'webhook'];

/** The operators a field allows, the first being the one the editor suggests. */
export function operatorsOf(field: ConditionField): Operator[] {
  if (field === 'text' || field === 'labels') return ['contains'];
  if (field === 'businessHours') return ['eq'];
  if (field === 'urgent' || field === 'contact.vip') return ['eq', 'neq'];
  if (field === 'tier' || field === 'contact.lifetimeValue') return ['gt', 'lt', 'eq', 'neq'];
  return ['eq', 'neq', 'in'];
}

const list = (value: string) => value.split(',').map((v) => v.trim()).filter(Boolean);

/** A row as the engine reads it; the server validates the result again. */
export function toCondition(row: ConditionRow): LeafCondition {
  const v = row.value.trim();
  switch (row.field) {
    case 'text': {
      const words = list(v);
      return { field: 'text', op: 'contains', value: words.length === 1 ? (words[0] ?? '') : words };
    }
    case 'labels':
      return { field: 'labels', op: 'contains', value: v };
    case 'businessHours':
      return { field: 'businessHours', op: 'eq', value: v === 'closed' ? 'closed' : 'open' };
    case 'urgent':
    case 'contact.vip':
      return { field: row.field, op: row.op === 'neq' ? 'neq' : 'eq', value: v !== 'false' };
    case 'tier':
    case 'contact.lifetimeValue':
      return { field: row.field, op: row.op === 'lt' || row.op === 'eq' || row.op === 'neq' ? row.op : 'gt', value: Number(v) };
    default:
      return row.op === 'in' ? { field: row.field, op: 'in', value: list(v) } : { field: row.field, op: row.op === 'neq' ? 'neq' : 'eq', value: v };
  }
}

export function toAction(row: ActionRow): RuleAction {
  const v = row.value.trim();
  switch (row.type) {
    case 'setPriority':
      return { type: 'setPriority', priority: (['low', 'normal', 'high', 'urgent'] as const).find((p) => p === v) ?? 'normal' };
    case 'setTier':
      return { type: 'setTier', tier: v === '3' ? 3 : v === '2' ? 2 : 1 };
    case 'setTeam':
      return { type: 'setTeam', teamId: v };
    case 'addLabels':
      return { type: 'addLabels', labels: list(v) };
    case 'assign':
      return { type: 'assign', agentId: v };
    case 'autoReply':
      return { type: 'autoReply', templateId: v };
    case 'addNote':
      return { type: 'addNote', text: v };
    case 'notify':
      return { type: 'notify', to: list(v) };
    case 'webhook':
      return { type: 'webhook', url: v };
  }
}

export function toRuleCondition(rows: ConditionRow[]): Condition {
  return { all: rows.map(toCondition) };
}

/** The editor's rows for a stored rule whose condition is a flat list (what the editor writes). */
export function rowsOf(rule: Rule): { conditions: ConditionRow[]; actions: ActionRow[] } | null {
  const leaves = 'all' in rule.when ? rule.when.all : [rule.when];
  if (leaves.some((c) => 'all' in c || 'any' in c)) return null;
  const conditions = (leaves as LeafCondition[]).map((c) => ({ field: c.field, op: c.op, value: Array.isArray(c.value) ? c.value.join(', ') : String(c.value) }));
  const actions = rule.actions.map((a): ActionRow => {
    const { type, ...rest } = a;
    const value = Object.values(rest)[0];
    return { type, value: Array.isArray(value) ? value.join(', ') : String(value ?? '') };
  });
  return { conditions, actions };
}
