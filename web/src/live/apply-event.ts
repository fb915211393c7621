import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import type { ConversationDetail, ConversationDto, MessageDto, Page, StreamEvent } from '../api/types.js';
import { matchesFilter, type InboxFilter } from '../inbox/filter.js';
import { applyConversation, applyMessage } from './inbox-reducer.js';

// A new review belongs in the review inbox too; the list there is computed by the server.
const REVIEW_CHANNEL_TYPES = ['trustpilot', 'google_reviews', 'review_import'];

type InboxData = InfiniteData<Page<ConversationDto>, string | null>;

// Team queues are computed by the server (serving order, free room), so these events refetch them.
const QUEUE_EVENTS: ReadonlySet<string> = new Set(['conversation.created', 'conversation.updated', 'message.created', 'agent.updated']);

/** Whether an event can change a team queue: who waits, or who is online with room. */
export function changesQueues(event: StreamEvent): boolean {
  return QUEUE_EVENTS.has(event.type);
}

function updateLists(client: QueryClient, conversation: ConversationDto, meId: string | null): void {
  for (const [key, data] of client.getQueriesData<InboxData>({ queryKey: ['conversations'] })) {
    if (!data) continue;
    const filter = key[1] as InboxFilter;
    const pages = applyConversation(data.pages, conversation, matchesFilter(conversation, filter, meId));
    if (pages !== data.pages) client.setQueryData<InboxData>(key, { ...data, pages });
  }
}

function updateDetail(client: QueryClient, conversationId: string, change: (d: ConversationDetail) => ConversationDetail): void {
  client.setQueryData<ConversationDetail>(['conversation', conversationId], (d) => (d ? change(d) : d));
}

/** Folds one stream event into the cached lists and threads, so nothing needs reloading. */
export function applyStreamEvent(client: QueryClient, event: StreamEvent, meId: string | null): void {
  switch (event.type) {
    case 'message.created': {
      const { conversation, ...message } = event.data as MessageDto & { conversation?: ConversationDto };
      if (conversation) {
        updateLists(client, conversation, meId);
        updateDetail(client, conversation.id, (d) => ({ ...d, ...conversation, messages: d.messages }));
      }
      updateDetail(client, message.conversationId, (d) => ({ ...d, messages: applyMessage(d.messages, message) }));
      break;
    }
    case 'message.updated': {
      const message = event.data as MessageDto;
      updateDetail(client, message.conversationId, (d) => ({ ...d, messages: applyMessage(d.messages, message) }));
      break;
    }
    case 'conversation.created':
    case 'conversation.updated': {
      const conversation = event.data as ConversationDto;
      updateLists(client, conversation, meId);
      if (event.type === 'conversation.created' && REVIEW_CHANNEL_TYPES.includes(conversation.channelType)) void client.invalidateQueries({ queryKey: ['reviews'] });
      updateDetail(client, conversation.id, (d) => (Date.parse(d.updatedAt) > Date.parse(conversation.updatedAt) ? d : { ...d, ...conversation, messages: d.messages }));
      break;
    }
    case 'review.updated':
      void client.invalidateQueries({ queryKey: ['reviews'] });
      break;
    case 'listening.alert':
      void client.invalidateQueries({ queryKey: ['listening-alerts'] });
      break;
    case 'csat.answered':
      void client.invalidateQueries({ queryKey: ['csat', (event.data as { conversationId: string }).conversationId] });
      void client.invalidateQueries({ queryKey: ['csat-report'] });
      break;
    default:
      return;
  }
}
