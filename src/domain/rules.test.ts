import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from './business-hours.js';
import { AppError } from './errors.js';
import { parseRules, type Rule } from './routing-rule-schema.js';
import { compileRules, runRules, type RuleConversation, type RuleEvent } from './rules.js';

const conversation: RuleConversation = {
  id: 'conv-1',
  channel: 'email',
  language: 'de',
  sentiment: 'negative',
  category: 'billing',
  urgent: false,
  text: 'Ich will meinen Vertrag KÜNDIGEN, die Rechnung ist falsch!',
  priority: 'normal',
  tier: 1,
  teamId: 'care',
  labels: ['inbound'],
  assigneeId: null,
  contact: { firstName: 'Jana', lastName: 'Schmidt', vip: true, lifetimeValue: 4200 },
};
const created: RuleEvent = { type: 'conversation.created', at: new Date('2026-11-24T10:00:00Z'), causedBy: 'customer' };
const rule = (id: string, position: number, when: Rule['when'], actions: Rule['actions'], on: Rule['on'] = ['conversation.created']): Rule => ({
  id,
  name: id,
  position,
  enabled: true,
  on,
  when,
  actions,
});

describe('runRules: examples', () => {
  it('runs in position order and later rules see earlier changes', () => {
    const vip = rule('vip', 1, { field: 'contact.vip', op: 'eq', value: true }, [{ type: 'setPriority', priority: 'high' }]);
    const desk = rule('desk', 2, { field: 'priority', op: 'eq', value: 'high' }, [{ type: 'setTeam', teamId: 'priority-desk' }]);
    const r = runRules([desk, vip], created, conversation);
    expect(r.changes).toEqual({ priority: 'high', teamId: 'priority-desk' });
    expect(r.trace).toEqual([
      { ruleId: 'vip', fired: true },
      { ruleId: 'desk', fired: true },
    ]);
    const swapped = runRules([{ ...desk, position: 0 }, vip], created, conversation);
    expect(swapped.changes).toEqual({ priority: 'high' });
  });

  it('fires each rule at most once, even when its own action keeps its condition true', () => {
    const selfFeeding = rule('label', 1, { field: 'labels', op: 'contains', value: 'inbound' }, [{ type: 'addLabels', labels: ['inbound', 'seen'] }, { type: 'notify', to: ['lead'] }]);
    const r = runRules([selfFeeding], created, conversation);
    expect(r.actions.map((a) => a.action.type)).toEqual(['addLabels', 'notify']);
    expect(r.changes).toEqual({ labels: ['inbound', 'seen'] });
  });

  it('runs no rules for updates caused by rules, so rules cannot trigger each other in a loop', () => {
    const onUpdate = rule('escalate', 1, { field: 'priority', op: 'eq', value: 'high' }, [{ type: 'setTier', tier: 2 }], ['conversation.updated']);
    const updated: RuleEvent = { type: 'conversation.updated', at: created.at, causedBy: 'rules' };
    expect(runRules([onUpdate], updated, { ...conversation, priority: 'high' })).toMatchObject({ actions: [], changes: {}, trace: [] });
    expect(runRules([onUpdate], { ...updated, causedBy: 'agent' }, { ...conversation, priority: 'high' }).changes).toEqual({ tier: 2 });
  });

  it('matches keywords regardless of case and combines all/any', () => {
    const cancel = rule(
      'cancel',
      1,
      { all: [{ field: 'text', op: 'contains', value: ['kündigen', 'widerruf'] }, { any: [{ field: 'sentiment', op: 'eq', value: 'negative' }, { field: 'urgent', op: 'eq', value: true }] }] },
      [{ type: 'addLabels', labels: ['churn-risk'] }],
    );
    expect(runRules([cancel], created, conversation).changes.labels).toEqual(['inbound', 'churn-risk']);
    expect(runRules([cancel], created, { ...conversation, sentiment: 'positive' }).actions).toEqual([]);
    expect(runRules([cancel], created, { ...conversation, text: 'Danke!' }).actions).toEqual([]);
  });

  it('compares numbers and lists', () => {
    const valuable = rule('ltv', 1, { all: [{ field: 'contact.lifetimeValue', op: 'gt', value: 1000 }, { field: 'channel', op: 'in', value: ['email', 'chat'] }, { field: 'tier', op: 'lt', value: 3 }] }, [
      { type: 'setTier', tier: 2 },
    ]);
    expect(runRules([valuable], created, conversation).changes).toEqual({ tier: 2 });
    expect(runRules([valuable], created, { ...conversation, contact: { ...conversation.contact, lifetimeValue: 1000 } }).changes).toEqual({});
    expect(runRules([valuable], created, { ...conversation, channel: 'fax' }).changes).toEqual({});
  });

  it('answers outside business hours with one auto-reply only', () => {
    const calendar: BusinessCalendar = { timeZone: 'Europe/Berlin', slots: [{ day: 'tue', start: '08:00', end: '18:00' }], holidays: [] };
    const closedReply = rule('closed', 1, { field: 'businessHours', op: 'eq', value: 'closed' }, [{ type: 'autoReply', templateId: 'after-hours' }]);
    const vipReply = rule('vip', 2, { field: 'contact.vip', op: 'eq', value: true }, [{ type: 'autoReply', templateId: 'vip' }, { type: 'addNote', text: 'VIP' }]);
    const night = { ...created, at: new Date('2026-11-24T20:00:00Z'), calendar };
    expect(runRules([closedReply, vipReply], night, conversation).actions.map((a) => a.action)).toEqual([
      { type: 'autoReply', templateId: 'after-hours' },
      { type: 'addNote', text: 'VIP' },
    ]);
    const day = { ...night, at: new Date('2026-11-24T10:00:00Z') };
    expect(runRules([closedReply, vipReply], day, conversation).actions.map((a) => a.ruleId)).toEqual(['vip', 'vip']);
  });

  it('skips disabled rules and rules for other events, and leaves the input untouched', () => {
    const frozen = structuredClone(conversation);
    const rules = [
      { ...rule('off', 1, { all: [] }, [{ type: 'setPriority', priority: 'urgent' }]), enabled: false },
      rule('other', 2, { all: [] }, [{ type: 'setPriority', priority: 'low' }], ['message.received']),
      rule('assign', 3, { field: 'language', op: 'eq', value: 'de' }, [{ type: 'assign', agentId: 'agent-7' }]),
    ];
    const r = runRules(rules, created, conversation);
    expect(r.changes).toEqual({ assigneeId: 'agent-7' });
    expect(r.trace.map((t) => t.ruleId)).toEqual(['assign']);
    expect(conversation).toEqual(frozen);
  });
});

describe('parseRules', () => {
  const valid = { id: 'r1', name: 'VIP', position: 1, enabled: true, on: ['conversation.created'], when: { field: 'contact.vip', op: 'eq', value: true }, actions: [{ type: 'setPriority', priority: 'high' }] };

  it('accepts a valid rule set', () => {
    expect(parseRules([valid])).toEqual([valid]);
  });

  it.each([
    ['gt on a text field', { ...valid, when: { field: 'channel', op: 'gt', value: 3 } }],
    ['an unknown field', { ...valid, when: { field: 'contact.iban', op: 'eq', value: 'x' } }],
    ['a misspelt key', { ...valid, when: { all: [], anyy: [] } }],
    ['no actions', { ...valid, actions: [] }],
    ['an unknown action', { ...valid, actions: [{ type: 'deleteConversation' }] }],
    ['a plain-http webhook', { ...valid, actions: [{ type: 'webhook', url: 'http://example.com/hook' }] }],
    ['tier 4', { ...valid, actions: [{ type: 'setTier', tier: 4 }] }],
    ['no events', { ...valid, on: [] }],
    ['a fractional position', { ...valid, position: 1.5 }],
  ])('rejects %s with AppError invalid', (_name, bad) => {
    expect(() => parseRules([bad])).toThrow(AppError);
  });

  it('rejects duplicate ids', () => {
    expect(() => parseRules([valid, valid])).toThrow(/duplicate/);
  });
});

const leafArb = fc.oneof(
  fc.record({ field: fc.constant('channel' as const), op: fc.constant('eq' as const), value: fc.constantFrom('email', 'chat') }),
  fc.record({ field: fc.constant('priority' as const), op: fc.constantFrom('eq' as const, 'neq' as const), value: fc.constantFrom('normal', 'high', 'urgent') }),
  fc.record({ field: fc.constant('labels' as const), op: fc.constant('contains' as const), value: fc.constantFrom('a', 'b', 'inbound') }),
  fc.record({ field: fc.constant('tier' as const), op: fc.constantFrom('gt' as const, 'lt' as const), value: fc.constantFrom(1, 2, 3) }),
);
const actionArb = fc.oneof(
  fc.record({ type: fc.constant('setPriority' as const), priority: fc.constantFrom('normal' as const, 'high' as const, 'urgent' as const) }),
  fc.record({ type: fc.constant('setTier' as const), tier: fc.constantFrom(1 as const, 2 as const, 3 as const) }),
  fc.record({ type: fc.constant('addLabels' as const), labels: fc.subarray(['a', 'b'], { minLength: 1 }) }),
  fc.record({ type: fc.constant('autoReply' as const), templateId: fc.constantFrom('t1', 't2') }),
);
const rulesArb = fc.uniqueArray(
  fc.record({ id: fc.string({ minLength: 1, maxLength: 4 }), position: fc.integer({ min: 0, max: 5 }), when: fc.array(leafArb, { maxLength: 2 }), actions: fc.array(actionArb, { minLength: 1, maxLength: 3 }) }),
  { selector: (r) => r.id, maxLength: 12 },
).map((rs) => rs.map((r) => rule(r.id, r.position, { all: r.when }, r.actions)));

describe('runRules: properties', () => {
  it('is deterministic whatever order the rules are stored in', () => {
    fc.assert(
      fc.property(rulesArb, fc.func(fc.integer()), (rules, key) => {
        const shuffled = [...rules].sort((a, b) => key(a.id) - key(b.id));
        expect(runRules(shuffled, created, conversation)).toEqual(runRules(rules, created, conversation));
      }),
    );
  });

  it('gives the same result from a compiled rule set', () => {
    fc.assert(
      fc.property(rulesArb, (rules) => {
        expect(runRules(compileRules(rules), created, conversation)).toEqual(runRules(rules, created, conversation));
      }),
    );
  });

  it('evaluates each rule once, keeps at most one auto-reply, and runs nothing for rule-caused events', () => {
    fc.assert(
      fc.property(rulesArb, (rules) => {
        const r = runRules(rules, created, conversation);
        expect(new Set(r.trace.map((t) => t.ruleId)).size).toBe(rules.length);
        expect(r.trace).toHaveLength(rules.length);
        expect(r.actions.filter((a) => a.action.type === 'autoReply').length).toBeLessThanOrEqual(1);
        const fired = new Set(r.trace.filter((t) => t.fired).map((t) => t.ruleId));
        expect(r.actions.every((a) => fired.has(a.ruleId))).toBe(true);
        expect(runRules(rules, { ...created, causedBy: 'rules' }, r.conversation).actions).toEqual([]);
      }),
    );
  });
});
