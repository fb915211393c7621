import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, query } from '../api/client.js';
import type { ConversationDto, Page } from '../api/types.js';
import { filterParams, type InboxFilter } from './filter.js';

const PAGE = 100;

export function useInbox(filter: InboxFilter) {
  return useInfiniteQuery({
    // The filter object sits in the key so live events can judge which lists a change belongs to.
    queryKey: ['conversations', filter],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => api.get<Page<ConversationDto>>(`/api/v1/conversations${query({ ...filterParams(filter), limit: PAGE, cursor: pageParam })}`),
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useViewCount(filter: InboxFilter) {
  return useQuery({
    queryKey: ['view-count', filter],
    queryFn: async () => {
      return api.get<{ count: number; more: boolean }>(`/api/v1/conversations/count${query(filterParams({ ...filter, q: undefined }))}`);
    },
    staleTime: 10_000,
  });
}
