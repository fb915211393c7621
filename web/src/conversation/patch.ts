import type { QueryClient } from '@tanstack/react-query';
import { api } from '../api/client.js';
import type { ConversationPatch } from '../../../src/inbox/update-conversation.js';
import type { ConversationDto } from '../api/types.js';
import { applyStreamEvent } from '../live/apply-event.js';

export type { ConversationPatch } from '../../../src/inbox/update-conversation.js';

/** Saves a change and folds the answer into the cache the same way a live event would. */
export async function patchConversation(client: QueryClient, id: string, patch: ConversationPatch, meId: string): Promise<void> {
  const dto = await api.patch<ConversationDto>(`/api/v1/conversations/${id}`, patch);
  applyStreamEvent(client, { type: 'conversation.updated', data: dto }, meId);
  void client.invalidateQueries({ queryKey: ['history', id] });
}

export async function setLabel(client: QueryClient, id: string, labelId: string, on: boolean, meId: string): Promise<void> {
  const url = `/api/v1/conversations/${id}/labels/${labelId}`;
  const dto = on ? await api.put<ConversationDto>(url) : await api.del<ConversationDto>(url);
  applyStreamEvent(client, { type: 'conversation.updated', data: dto }, meId);
}

