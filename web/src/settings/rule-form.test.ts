import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRules, type Condition, type LeafCondition } from '../../../src/domain/routing-rule-schema.js';
import { conditionFormOf, describeCondition, rowsOf, toAction, toRuleCondition, type ConditionForm } from './rule-form.js';

const ruleWith = (when: Condition) => parseRules([{ id: 'r', name: 'n', position: 0, enabled: true, on: ['message.received'], when, actions: [{ type: 'addNote', text: 'x' }] }])[0];

describe('the rule editor', () => {
  it('turns the rows an admin typed into a rule the server accepts, and back', () => {
    const when = toRuleCondition({
      join: 'all',
      items: [
        { field: 'text', op: 'contains', value: 'kündigen, Vertrag' },
        { field: 'contact.vip', op: 'eq', value: 'true' },
        { field: 'contact.lifetimeValue', op: 'gt', value: '500' },
        { field: 'category', op: 'in', value: 'billing, cancellation' },
      ],
    });
    const actions = [toAction({ type: 'setTier', value: '2' }), toAction({ type: 'addLabels', value: 'vip, kündigung' })];
    const [rule] = parseRules([{ id: 'r', name: 'VIP', position: 0, enabled: true, on: ['message.received'], when, actions }]);
    expect(rule?.when).toEqual({ all: [{ field: 'text', op: 'contains', value: ['kündigen', 'Vertrag'] }, { field: 'contact.vip', op: 'eq', value: true }, { field: 'contact.lifetimeValue', op: 'gt', value: 500 }, { field: 'category', op: 'in', value: ['billing', 'cancellation'] }] });
    expect(rule && rowsOf(rule)?.actions).toEqual([{ type: 'setTier', value: '2' }, { type: 'addLabels', value: 'vip, kündigung' }]);
  });

  it('writes "any of" and "all of" groups, skipping empty rows and groups left empty', () => {
    const form: ConditionForm = {
      join: 'any',
      items: [
        { field: 'contact.vip', op: 'eq', value: 'true' },
        { join: 'all', rows: [{ field: 'category', op: 'eq', value: 'billing' }, { field: 'text', op: 'contains', value: '' }, { field: 'tier', op: 'gt', value: '1' }] },
        { join: 'any', rows: [{ field: 'language', op: 'eq', value: ' ' }] },
        { field: 'text', op: 'contains', value: '' },
      ],
    };
    const when = toRuleCondition(form);
    expect(when).toEqual({ any: [{ field: 'contact.vip', op: 'eq', value: true }, { all: [{ field: 'category', op: 'eq', value: 'billing' }, { field: 'tier', op: 'gt', value: 1 }] }] });
    const rule = ruleWith(when);
    expect(rule && rowsOf(rule)?.conditions).toEqual({
      join: 'any',
      items: [{ field: 'contact.vip', op: 'eq', value: 'true' }, { join: 'all', rows: [{ field: 'category', op: 'eq', value: 'billing' }, { field: 'tier', op: 'gt', value: '1' }] }],
    });
  });

  it('edits a single stored condition as a list of one, and leaves deeper nesting and empty groups to the API', () => {
    expect(conditionFormOf({ field: 'urgent', op: 'eq', value: true })).toEqual({ join: 'all', items: [{ field: 'urgent', op: 'eq', value: 'true' }] });
    const deep = ruleWith({ any: [{ all: [{ any: [{ field: 'urgent', op: 'eq', value: true }] }] }] });
    expect(deep && rowsOf(deep)).toBeNull();
    const empty = ruleWith({ any: [{ all: [] }] });
    expect(empty && rowsOf(empty)).toBeNull();
  });

  it('describes a condition at any depth in words', () => {
    const words = { field: (f: string) => f, op: (op: string) => ({ eq: '=', gt: '>' })[op] ?? op, join: (j: string) => (j === 'all' ? 'ALL' : 'ANY') };
    const when: Condition = { any: [{ field: 'tier', op: 'gt', value: 1 }, { all: [{ field: 'text', op: 'contains', value: ['a', 'b'] }, { any: [{ field: 'urgent', op: 'eq', value: true }] }] }] };
    expect(describeCondition(when, words)).toBe('ANY (tier > 1; ALL (text contains a, b; ANY (urgent = true)))');
  });

  it('round-trips every condition one level deep exactly as the API stores it', () => {
    const leaves: LeafCondition[] = [
      { field: 'text', op: 'contains', value: 'rechnung' },
      { field: 'text', op: 'contains', value: ['kündigen', 'vertrag'] },
      { field: 'category', op: 'in', value: ['billing', 'shipping'] },
      { field: 'priority', op: 'neq', value: 'low' },
      { field: 'tier', op: 'lt', value: 3 },
      { field: 'contact.lifetimeValue', op: 'gt', value: 250.5 },
      { field: 'contact.vip', op: 'neq', value: false },
      { field: 'labels', op: 'contains', value: 'vip' },
      { field: 'businessHours', op: 'eq', value: 'closed' },
    ];
    const leaf = fc.constantFrom(...leaves);
    const join = fc.constantFrom('all' as const, 'any' as const);
    const group = fc.tuple(join, fc.array(leaf, { minLength: 1, maxLength: 4 })).map(([j, members]): Condition => (j === 'all' ? { all: members } : { any: members }));
    const when = fc.tuple(join, fc.array(fc.oneof(leaf, group), { maxLength: 6 })).map(([j, members]): Condition => (j === 'all' ? { all: members } : { any: members }));
    fc.assert(
      fc.property(when, (c) => {
        const rule = ruleWith(c);
        const rows = rule && rowsOf(rule);
        expect(rows).not.toBeNull();
        if (rows) expect(toRuleCondition(rows.conditions)).toEqual(c);
      }),
    );
  });
});
