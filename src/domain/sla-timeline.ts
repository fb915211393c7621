// Replays a conversation's events into SLA clocks: which spans of time each clock was running.
// The rules are spelled out in docs/metrics.md; sla.ts and sla-metrics.ts both read these clocks,
// so SLA states and reported metrics can never disagree about when a clock ran.
export type ConversationStatus = 'open' | 'pending' | 'waiting_on_customer' | 'resolved';

export type SlaEvent =
  | { type: 'created'; at: Date }
  | { type: 'inbound'; at: Date }
  | { type: 'outbound'; at: Date }
  | { type: 'status'; at: Date; status: ConversationStatus };

export type ClockKind = 'firstResponse' | 'nextResponse' | 'resolution';

export interface Span {
  start: number;
  end: number;
}

export interface Clock {
  kind: ClockKind;
  startedAt: number;
  // Spans the clock ran; the last one ends at `now` when the clock is still running.
  active: Span[];
  running: boolean;
  paused: boolean;
  pausedMs: number;
  stoppedAt: number | null;
  stoppedBy: 'reply' | 'resolution' | null;
}

export interface Timeline {
  now: number;
  status: ConversationStatus;
  firstResponse: Clock | null;
  nextResponses: Clock[];
  resolution: Clock | null;
  reopenCount: number;
}

interface LiveClock extends Clock {
  runningSince: number | null;
  pausedSince: number | null;
}

const PAUSING: ReadonlySet<ConversationStatus> = new Set(['pending', 'waiting_on_customer']);

export function buildTimeline(events: readonly SlaEvent[], now: Date): Timeline {
  const nowMs = now.getTime();
  const ordered = events
    .map((event, index) => ({ event, index, at: event.at.getTime() }))
    .filter((e) => e.at <= nowMs)
    .sort((a, b) => a.at - b.at || a.index - b.index);

  let status: ConversationStatus = 'open';
  let reopenCount = 0;
  let resolution: LiveClock | null = null;
  let firstResponse: LiveClock | null = null;
  const nextResponses: LiveClock[] = [];
  const all = (): LiveClock[] => [resolution, firstResponse, ...nextResponses].filter((c): c is LiveClock => c !== null);
  const openResponse = (): LiveClock | null => {
    const last = nextResponses[nextResponses.length - 1] ?? firstResponse;
    return last && last.stoppedAt === null ? last : null;
  };
  const reopen = (): void => {
    status = 'open';
    reopenCount++;
    if (resolution) {
      resolution.stoppedAt = null;
      resolution.stoppedBy = null;
    }
  };

  for (const { event, at } of ordered) {
    resolution ??= startClock('resolution', at);
    switch (event.type) {
      case 'created':
        break;
      case 'inbound': {
        // A customer message ends waiting on the customer and reopens a resolved conversation.
        if (status === 'resolved') reopen();
        else if (PAUSING.has(status)) status = 'open';
        if (openResponse()) break;
        if (!firstResponse) firstResponse = startClock('firstResponse', at);
        else nextResponses.push(startClock('nextResponse', at));
        break;
      }
      case 'outbound': {
        const clock = openResponse();
        if (clock) stopClock(clock, at, 'reply');
        break;
      }
      case 'status': {
        if (event.status === status) break;
        if (status === 'resolved') reopen();
        status = event.status;
        if (status === 'resolved') {
          const clock = openResponse();
          if (clock) stopClock(clock, at, 'resolution');
          stopClock(resolution, at, 'resolution');
        }
        break;
      }
    }
    for (const clock of all()) sync(clock, at, PAUSING.has(status));
  }
  for (const clock of all()) finish(clock, nowMs);
  return { now: nowMs, status, firstResponse, nextResponses, resolution, reopenCount };
}

function startClock(kind: ClockKind, at: number): LiveClock {
  return { kind, startedAt: at, active: [], running: false, paused: false, pausedMs: 0, stoppedAt: null, stoppedBy: null, runningSince: null, pausedSince: null };
}

function stopClock(clock: LiveClock, at: number, by: 'reply' | 'resolution'): void {
  closeSpans(clock, at);
  clock.stoppedAt = at;
  clock.stoppedBy = by;
}

function sync(clock: LiveClock, at: number, paused: boolean): void {
  if (clock.stoppedAt !== null) return;
  if (paused && clock.pausedSince === null) {
    closeSpans(clock, at);
    clock.pausedSince = at;
  } else if (!paused && clock.runningSince === null) {
    closeSpans(clock, at);
    clock.runningSince = at;
  }
}

function closeSpans(clock: LiveClock, at: number): void {
  if (clock.runningSince !== null) {
    if (at > clock.runningSince) clock.active.push({ start: clock.runningSince, end: at });
    clock.runningSince = null;
  }
  if (clock.pausedSince !== null) {
    clock.pausedMs += at - clock.pausedSince;
    clock.pausedSince = null;
  }
}

function finish(clock: LiveClock, now: number): void {
  clock.running = clock.runningSince !== null;
  clock.paused = clock.pausedSince !== null;
  if (clock.running && clock.runningSince !== null) clock.active.push({ start: clock.runningSince, end: now });
  if (clock.pausedSince !== null) clock.pausedMs += now - clock.pausedSince;
}
