import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { StreamEvent } from '../api/types.js';
import { applyStreamEvent, changesQueues } from './apply-event.js';
import { reconnectDelay } from './backoff.js';

export type LiveState = 'connecting' | 'live' | 'offline';

const SUMMARY_THROTTLE_MS = 5000;
const QUEUE_THROTTLE_MS = 1000;

/**
 * Keeps one WebSocket to the stream (the session cookie authenticates it), applies events to the
 * cache, and reconnects with backoff. Counts and dashboard figures are refetched, throttled; team
 * queues at once, then at most once a second while events keep coming.
 */
export function useLiveStream(meId: string | null): LiveState {
  const client = useQueryClient();
  const [state, setState] = useState<LiveState>('connecting');
  const meRef = useRef(meId);
  meRef.current = meId;

  useEffect(() => {
    let socket: WebSocket | null = null;
    let attempt = 0;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let summaryTimer: ReturnType<typeof setTimeout> | undefined;
    let queueTimer: ReturnType<typeof setTimeout> | undefined;
    let queueStale = false;
    let closed = false;

    const refreshSummaries = () => {
      if (summaryTimer) return;
      summaryTimer = setTimeout(() => {
        summaryTimer = undefined;
        void client.invalidateQueries({ queryKey: ['view-count'] });
        void client.invalidateQueries({ queryKey: ['dashboard'] });
        void client.invalidateQueries({ queryKey: ['contact'] });
      }, SUMMARY_THROTTLE_MS);
    };

    const refreshQueues = () => {
      if (queueTimer) {
        queueStale = true;
        return;
      }
      void client.invalidateQueries({ queryKey: ['queue'] });
      queueTimer = setTimeout(() => {
        queueTimer = undefined;
        if (!queueStale) return;
        queueStale = false;
        refreshQueues();
      }, QUEUE_THROTTLE_MS);
    };

    const connect = () => {
      const proto = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
      socket = new WebSocket(`${proto}//${window.location.host}/api/v1/stream`);
      socket.onmessage = (msg) => {
        const event = JSON.parse(String(msg.data)) as StreamEvent;
        if (event.type === 'stream.ready') {
          // Anything missed while disconnected is fetched again rather than guessed.
          if (attempt > 0) void client.invalidateQueries();
          attempt = 0;
          setState('live');
          return;
        }
        applyStreamEvent(client, event, meRef.current);
        if (changesQueues(event)) refreshQueues();
        refreshSummaries();
      };
      socket.onclose = () => {
        if (closed) return;
        setState('offline');
        retry = setTimeout(connect, reconnectDelay(attempt++));
      };
    };
    connect();
    return () => {
      closed = true;
      clearTimeout(retry);
      clearTimeout(summaryTimer);
      clearTimeout(queueTimer);
      socket?.close();
    };
  }, [client]);

  return state;
}
