import { describe, expect, it } from 'vitest';
import type { ConversationDto } from '../api/types.js';
import { slaView } from './sla-state.js';

const now = Date.parse('2026-11-23T10:00:00Z');
const base = { status: 'open', firstResponseAt: null, sla: { policyId: 'p', firstResponseDueAt: '2026-11-23T11:00:00Z', resolutionDueAt: '2026-11-25T10:00:00Z', warnedAt: null, breachedAt: null, nextResponse: null } } as const;
const conv = (patch: Partial<ConversationDto>) => ({ ...base, ...patch }) as unknown as ConversationDto;

describe('SLA state in the inbox', () => {
  it('counts down to the first response, then to the resolution', () => {
    expect(slaView(conv({}), now)).toEqual({ state: 'running', dueAt: '2026-11-23T11:00:00Z' });
    expect(slaView(conv({ firstResponseAt: '2026-11-23T09:30:00Z' }), now)).toEqual({ state: 'running', dueAt: '2026-11-25T10:00:00Z' });
  });

  it('shows a warning and a breach, even before the server has escalated', () => {
    expect(slaView(conv({ sla: { ...base.sla, warnedAt: '2026-11-23T09:50:00Z' } }), now)?.state).toBe('warning');
    expect(slaView(conv({}), Date.parse('2026-11-23T11:00:01Z'))?.state).toBe('breached');
  });

  it('counts down to the next response while the customer waits for one, and not while it is paused', () => {
    const answered = { firstResponseAt: '2026-11-23T09:30:00Z' };
    const next = { dueAt: '2026-11-23T10:30:00Z', paused: false, warnedAt: null, breachedAt: null };
    expect(slaView(conv({ ...answered, sla: { ...base.sla, nextResponse: next } }), now)).toEqual({ state: 'running', dueAt: '2026-11-23T10:30:00Z' });
    expect(slaView(conv({ ...answered, sla: { ...base.sla, nextResponse: { ...next, warnedAt: '2026-11-23T10:20:00Z' } } }), now)?.state).toBe('warning');
    expect(slaView(conv({ ...answered, sla: { ...base.sla, nextResponse: { ...next, paused: true } } }), now)).toEqual({ state: 'running', dueAt: '2026-11-25T10:00:00Z' });
  });

  it('shows nothing without a policy or once resolved', () => {
    expect(slaView(conv({ sla: null }), now)).toBeNull();
    expect(slaView(conv({ status: 'resolved' }), now)).toBeNull();
  });
});
