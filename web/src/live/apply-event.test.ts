import { QueryClient, type InfiniteData } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { ConversationDetail, ConversationDto, MessageDto, Page } from '../api/types.js';
import type { InboxFilter } from '../inbox/filter.js';
import { applyStreamEvent } from './apply-event.js';

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 12, minute)).toISOString();
function conv(id: string, minute: number, patch: Partial<ConversationDto> = {}): ConversationDto {
  return {
    id, channelId: 'ch', channelType: 'email', contactId: 'ct', contactName: id, subject: null, status: 'open', priority: 'normal', tier: 1, teamId: null,
    assigneeId: null, visibility: 'private', labels: [], preview: '', messageCount: 1, snoozedUntil: null, lastMessageAt: at(minute), lastInboundAt: at(minute),
    firstResponseAt: null, resolvedAt: null, createdAt: at(0), updatedAt: at(minute), language: null, sentiment: null, category: null, urgent: false, sla: null, ...patch,
  };
}
function message(id: string, conversationId: string, minute: number, patch: Partial<MessageDto> = {}): MessageDto {
  return {
    id, conversationId, channelId: 'ch', direction: 'inbound', externalId: null, authorUserId: null, contactId: 'ct', text: id, html: null, attachments: [],
    visibility: 'private', deliveryStatus: null, deliveryError: null, sentAt: null, createdAt: at(minute), language: null, sentiment: null, sentimentScore: null, category: null, urgent: false, urgentReasons: [], pii: [], rating: null, meta: {}, ...patch,
  };
}

type Inbox = InfiniteData<Page<ConversationDto>, string | null>;
const listIds = (client: QueryClient, filter: InboxFilter) => client.getQueryData<Inbox>(['conversations', filter])?.pages.flatMap((p) => p.items.map((c) => c.id));

describe('stream events in the query cache', () => {
  it('moves a conversation with a new message to the top of every list it belongs to, and updates its thread', () => {
    const client = new QueryClient();
    const open: InboxFilter = { status: ['open', 'pending'] };
    const mine: InboxFilter = { assignee: 'me' };
    const pages = [{ items: [conv('b', 20), conv('a', 10)], nextCursor: null }];
    client.setQueryData<Inbox>(['conversations', open], { pages, pageParams: [null] });
    client.setQueryData<Inbox>(['conversations', mine], { pages: [{ items: [], nextCursor: null }], pageParams: [null] });
    client.setQueryData<ConversationDetail>(['conversation', 'a'], { ...conv('a', 10), messages: [message('m1', 'a', 10)], contact: { id: 'ct', name: 'A', email: null, phone: null, notes: '', tags: [], attributes: {}, createdAt: at(0) } });

    applyStreamEvent(client, { type: 'message.created', data: { ...message('m2', 'a', 30), conversation: conv('a', 30, { preview: 'neu' }) } }, 'me-id');

    expect(listIds(client, open)).toEqual(['a', 'b']);
    expect(listIds(client, mine)).toEqual([]);
    const detail = client.getQueryData<ConversationDetail>(['conversation', 'a']);
    expect(detail?.messages.map((m) => m.id)).toEqual(['m1', 'm2']);
    expect(detail?.preview).toBe('neu');
  });

  it('applies delivery updates to the open thread', () => {
    const client = new QueryClient();
    const reply = message('r1', 'a', 5, { direction: 'outbound', deliveryStatus: 'queued' });
    client.setQueryData<ConversationDetail>(['conversation', 'a'], { ...conv('a', 5), messages: [reply], contact: { id: 'ct', name: null, email: null, phone: null, notes: '', tags: [], attributes: {}, createdAt: at(0) } });
    applyStreamEvent(client, { type: 'message.updated', data: { ...reply, deliveryStatus: 'failed', deliveryError: 'HTTP 500' } }, null);
    expect(client.getQueryData<ConversationDetail>(['conversation', 'a'])?.messages[0]).toMatchObject({ deliveryStatus: 'failed', deliveryError: 'HTTP 500' });
  });
});
