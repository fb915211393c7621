import { describe, expect, it } from 'vitest';
import type { ConversationDto } from '../api/types.js';
import { countBy, firstResponse, quantile, volumeByChannel } from './metrics.js';

const now = Date.parse('2026-01-02T12:30:00Z');
function conv(channelType: string, hoursAgo: number, frtMin: number | null = null): ConversationDto {
  const created = new Date(now - hoursAgo * 3_600_000);
  return {
    id: String(Math.random()), channelId: 'c', channelType, contactId: 'x', contactName: null, subject: null, status: 'open', priority: 'normal', tier: 1,
    teamId: null, assigneeId: null, visibility: 'private', labels: [], preview: '', messageCount: 1, snoozedUntil: null, lastMessageAt: created.toISOString(),
    lastInboundAt: null, firstResponseAt: frtMin === null ? null : new Date(created.getTime() + frtMin * 60_000).toISOString(), resolvedAt: null,
    createdAt: created.toISOString(), updatedAt: created.toISOString(), language: null, sentiment: null, category: null, urgent: false, sla: null,
  };
}

describe('dashboard metrics', () => {
  it('buckets inbound volume per hour and channel', () => {
    const v = volumeByChannel([conv('email', 0.2), conv('email', 0.4), conv('x', 2.6)], now);
    expect(v.hours.length).toBe(4);
    expect(v.byChannel.email?.at(-1)).toBe(2);
    expect(v.byChannel.x?.reduce((a, b) => a + b, 0)).toBe(1);
  });

  it('computes first-response quantiles and buckets', () => {
    const f = firstResponse([conv('email', 5, 10), conv('email', 5, 30), conv('x', 5, 120), conv('x', 5, null)]);
    expect(f.median).toBe(30 * 60_000);
    expect(f.buckets).toEqual([1, 1, 1, 0, 0]);
    expect(quantile([], 0.5)).toBeNull();
  });

  it('counts by a key', () => {
    expect(countBy([conv('a', 1), conv('a', 1), conv('b', 1)], (c) => c.channelType).get('a')).toBe(2);
  });
});
