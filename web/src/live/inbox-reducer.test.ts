import { describe, expect, it } from 'vitest';
import type { ConversationDto, MessageDto, Page } from '../api/types.js';
import { matchesFilter } from '../inbox/filter.js';
import { applyConversation, applyMessage } from './inbox-reducer.js';

function conv(id: string, minute: number, patch: Partial<ConversationDto> = {}): ConversationDto {
  const at = new Date(Date.UTC(2026, 0, 1, 12, minute)).toISOString();
  return {
    id, channelId: 'ch', channelType: 'email', contactId: 'ct', contactName: 'A', subject: null, status: 'open', priority: 'normal', tier: 1,
    teamId: null, assigneeId: null, visibility: 'private', labels: [], preview: '', messageCount: 1, snoozedUntil: null, lastMessageAt: at,
    lastInboundAt: at, firstResponseAt: null, resolvedAt: null, createdAt: at, updatedAt: at, language: null, sentiment: null, category: null, urgent: false, sla: null, ...patch,
  };
}

const ids = (pages: Page<ConversationDto>[]) => pages.map((p) => p.items.map((c) => c.id));

describe('live inbox reducer', () => {
  const pages: Page<ConversationDto>[] = [
    { items: [conv('c', 30), conv('b', 20)], nextCursor: 'x' },
    { items: [conv('a', 10)], nextCursor: null },
  ];

  it('moves a conversation with a new message to the top', () => {
    const moved = conv('a', 40, { updatedAt: new Date(Date.UTC(2026, 0, 1, 12, 40)).toISOString() });
    expect(ids(applyConversation(pages, moved, true))).toEqual([['a', 'c', 'b'], []]);
  });

  it('inserts a new conversation in order', () => {
    expect(ids(applyConversation(pages, conv('n', 25), true))).toEqual([['c', 'n', 'b'], ['a']]);
  });

  it('does not append one older than a partially loaded list', () => {
    const partial = [{ items: [conv('c', 30)], nextCursor: 'x' }];
    expect(ids(applyConversation(partial, conv('old', 1), true))).toEqual([['c']]);
  });

  it('removes a conversation that leaves the filter', () => {
    const resolved = conv('b', 20, { status: 'resolved', updatedAt: new Date(Date.UTC(2026, 0, 1, 13)).toISOString() });
    const belongs = matchesFilter(resolved, { status: ['open', 'pending'] }, null);
    expect(ids(applyConversation(pages, resolved, belongs))).toEqual([['c'], ['a']]);
  });

  it('ignores an update older than the copy it has', () => {
    const newer = applyConversation(pages, conv('b', 50, { updatedAt: new Date(Date.UTC(2026, 0, 1, 14)).toISOString(), preview: 'new' }), true);
    const stale = applyConversation(newer, conv('b', 20, { preview: 'old' }), true);
    expect(stale[0]?.items[0]?.preview).toBe('new');
  });

  it('only updates in place when it cannot judge a search', () => {
    expect(ids(applyConversation(pages, conv('z', 59), null))).toEqual(ids(pages));
  });

  it('matches assignee filters against the logged-in user', () => {
    expect(matchesFilter(conv('a', 1, { assigneeId: 'u1' }), { assignee: 'me' }, 'u1')).toBe(true);
    expect(matchesFilter(conv('a', 1, { assigneeId: 'u1' }), { assignee: 'none' }, 'u1')).toBe(false);
  });
});

describe('live thread reducer', () => {
  const msg = (id: string, minute: number, deliveryStatus: MessageDto['deliveryStatus'] = null): MessageDto => ({
    id, conversationId: 'c', channelId: 'ch', direction: 'outbound', externalId: null, authorUserId: null, contactId: null, text: id, html: null,
    attachments: [], visibility: 'private', deliveryStatus, deliveryError: null, sentAt: null, createdAt: new Date(Date.UTC(2026, 0, 1, 12, minute)).toISOString(), language: null, sentiment: null, sentimentScore: null, category: null, urgent: false, urgentReasons: [], pii: [], rating: null, meta: {},
  });

  it('keeps messages oldest first and deduplicates', () => {
    const thread = applyMessage(applyMessage([msg('b', 2)], msg('a', 1)), msg('a', 1));
    expect(thread.map((m) => m.id)).toEqual(['a', 'b']);
  });

  it('never moves a delivery status backwards', () => {
    const sent = applyMessage([msg('a', 1, 'queued')], msg('a', 1, 'sent'));
    expect(applyMessage(sent, msg('a', 1, 'queued'))[0]?.deliveryStatus).toBe('sent');
  });
});
