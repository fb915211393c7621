/** Reconnect delays: 0.5 s doubling to 30 s, with jitter so a restarted server is not stormed. */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(500 * 2 ** attempt, 30_000);
  return Math.round(base * (0.75 + 0.5 * random()));
}
