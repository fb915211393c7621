// Telegram allows about one message per second into a chat and twenty per minute into a group;
// replies to the same chat are spaced so the bot never runs into the limit in the first place.
const PRIVATE_GAP_MS = 1_000;
const GROUP_GAP_MS = 3_000;

const nextFree = new Map<string, number>();

export async function paceChat(chatKey: string, group: boolean): Promise<void> {
  const now = Date.now();
  const at = Math.max(now, nextFree.get(chatKey) ?? 0);
  nextFree.set(chatKey, at + (group ? GROUP_GAP_MS : PRIVATE_GAP_MS));
  if (nextFree.size > 10_000) for (const [key, t] of nextFree) if (t < now) nextFree.delete(key);
  if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
}
