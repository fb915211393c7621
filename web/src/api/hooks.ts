import { useQuery } from '@tanstack/react-query';
import { api } from './client.js';
import type { CannedResponseDto, ChannelDto, LabelDto, Page, TeamDto, UserDto } from './types.js';

const directory = { staleTime: 60_000 };

export const useUsers = () => useQuery({ queryKey: ['users'], queryFn: () => api.get<Page<UserDto>>('/api/v1/users').then((p) => p.items), ...directory });
export const useTeams = () => useQuery({ queryKey: ['teams'], queryFn: () => api.get<Page<TeamDto>>('/api/v1/teams').then((p) => p.items), ...directory });
export const useLabels = () => useQuery({ queryKey: ['labels'], queryFn: () => api.get<Page<LabelDto>>('/api/v1/labels').then((p) => p.items), ...directory });
export const useCanned = () =>
  useQuery({ queryKey: ['canned'], queryFn: () => api.get<Page<CannedResponseDto>>('/api/v1/canned-responses').then((p) => p.items), ...directory });
export const useChannels = () => useQuery({ queryKey: ['channels'], queryFn: () => api.get<Page<ChannelDto>>('/api/v1/channels').then((p) => p.items), ...directory });
