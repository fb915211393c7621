export interface BusEvent {
  /** The outbox id: the same event delivered twice carries the same id. */
  id: string;
  type: string;
  workspaceId: string | null;
  data: Record<string, unknown>;
  createdAt: string;
}

export type EventHandler = (event: BusEvent) => Promise<void> | void;

export interface SubscribeOptions {
  /**
   * `broadcast`: every subscriber in every process sees every event (live screens).
   * `work`: one subscriber of the group handles each event, redelivered until it succeeds.
   */
  mode: 'broadcast' | 'work';
  /** The group name for `work` subscriptions, stable across restarts. */
  group?: string;
}

/** Carries outbox events to subscribers, in one process or between processes. At least once. */
export interface EventBus {
  readonly name: string;
  publish(events: BusEvent[]): Promise<void>;
  subscribe(handler: EventHandler, options: SubscribeOptions): Promise<() => Promise<void>>;
  healthy(): Promise<boolean>;
  close(): Promise<void>;
}
