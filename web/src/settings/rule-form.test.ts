import { describe, expect, it } from 'vitest';
import { parseRules } from '../../../src/domain/routing-rule-schema.js';
import { rowsOf, toAction, toRuleCondition } from './rule-form.js';

describe('the rule editor', () => {
  it('turns the rows an admin typed into a rule the server accepts, and back', () => {
    const when = toRuleCondition([
      { field: 'text', op: 'contains', value: 'kündigen, Vertrag' },
      { field: 'contact.vip', op: 'eq', value: 'true' },
      { field: 'contact.lifetimeValue', op: 'gt', value: '500' },
      { field: 'category', op: 'in', value: 'billing, cancellation' },
    ]);
    const actions = [toAction({ type: 'setTier', value: '2' }), toAction({ type: 'addLabels', value: 'vip, kündigung' })];
    const [rule] = parseRules([{ id: 'r', name: 'VIP', position: 0, enabled: true, on: ['message.received'], when, actions }]);
    expect(rule?.when).toEqual({ all: [{ field: 'text', op: 'contains', value: ['kündigen', 'Vertrag'] }, { field: 'contact.vip', op: 'eq', value: true }, { field: 'contact.lifetimeValue', op: 'gt', value: 500 }, { field: 'category', op: 'in', value: ['billing', 'cancellation'] }] });
    expect(rule && rowsOf(rule)?.actions).toEqual([{ type: 'setTier', value: '2' }, { type: 'addLabels', value: 'vip, kündigung' }]);
  });

  it('leaves nested conditions to the API instead of flattening them', () => {
    const [rule] = parseRules([{ id: 'r', name: 'n', position: 0, enabled: true, on: ['message.received'], when: { any: [{ all: [] }] }, actions: [{ type: 'addNote', text: 'x' }] }]);
    expect(rule && rowsOf(rule)).toBeNull();
  });
});
