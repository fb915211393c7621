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

/** How the conditions of a list combine: every one must hold, or at least one. */
export type Joiner = 'all' | 'any';

/** A group of conditions inside the rule's list, with its own joiner. */
export interface ConditionGroup {
  join: Joiner;
  rows: ConditionRow[];
}

export type ConditionItem = ConditionRow | ConditionGroup;

/** The editor's conditions: one list of conditions and groups, the groups one level deep. */
export interface ConditionForm {
  join: Joiner;
  items: ConditionItem[];
}

export const isGroup = (item: ConditionItem): item is ConditionGroup => 'rows' in item;

const joined = (join: Joiner, conditions: Condition[]): Condition => (join === 'all' ? { all: conditions } : { any: conditions });
const filled = (rows: ConditionRow[]) => rows.filter((r) => r.value.trim() !== '');

/** The rule's condition; rows left empty are skipped, and so are groups with nothing in them. */
export function toRuleCondition(form: ConditionForm): Condition {
  const conditions = form.items.flatMap((item): Condition[] => {
    if (!isGroup(item)) return filled([item]).map(toCondition);
    const rows = filled(item.rows);
    return rows.length === 0 ? [] : [joined(item.join, rows.map(toCondition))];
  });
  return joined(form.join, conditions);
}

const rowOf = (c: LeafCondition): ConditionRow => ({ field: c.field, op: c.op, value: Array.isArray(c.value) ? c.value.join(', ') : String(c.value) });
const isLeaf = (c: Condition): c is LeafCondition => 'field' in c;
const splitGroup = (c: Exclude<Condition, LeafCondition>): { join: Joiner; members: Condition[] } => ('all' in c ? { join: 'all', members: c.all } : { join: 'any', members: c.any });

/**
 * The editor's form for a stored condition, or null when the editor cannot show it faithfully:
 * groups within groups, or an empty group (which the editor never writes).
 */
export function conditionFormOf(when: Condition): ConditionForm | null {
  const top = isLeaf(when) ? { join: 'all' as const, members: [when] } : splitGroup(when);
  const items: ConditionItem[] = [];
  for (const member of top.members) {
    if (isLeaf(member)) {
      items.push(rowOf(member));
      continue;
    }
    const group = splitGroup(member);
    const leaves = group.members.filter(isLeaf);
    if (leaves.length === 0 || leaves.length < group.members.length) return null;
    items.push({ join: group.join, rows: leaves.map(rowOf) });
  }
  return { join: top.join, items };
}

/** The editor's form for a stored rule; null when its condition nests deeper than the editor goes. */
export function rowsOf(rule: Rule): { conditions: ConditionForm; actions: ActionRow[] } | null {
  const conditions = conditionFormOf(rule.when);
  if (!conditions) return null;
  const actions = rule.actions.map((a): ActionRow => {
    const { type, ...rest } = a;
    const value = Object.values(rest)[0];
    return { type, value: Array.isArray(value) ? value.join(', ') : String(value ?? '') };
  });
  return { conditions, actions };
}

export interface ConditionWords {
  field(field: ConditionField): string;
  op(op: Operator): string;
  join(join: Joiner): string;
}

/** A stored condition in words, at any depth, for the list of rules: "Message text contains refund; any of (…)". */
export function describeCondition(when: Condition, words: ConditionWords): string {
  if (isLeaf(when)) return `${words.field(when.field)} ${words.op(when.op)} ${Array.isArray(when.value) ? when.value.join(', ') : String(when.value)}`;
  const group = splitGroup(when);
  return `${words.join(group.join)} (${group.members.map((m) => describeCondition(m, words)).join('; ')})`;
}
