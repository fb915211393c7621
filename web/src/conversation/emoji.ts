/** A small built-in set: enough for the friendly replies praise deserves, no picker library. */
export const EMOJI = ['😊', '🙂', '😀', '😉', '🙏', '👍', '👋', '🎉', '❤️', '💙', '✨', '⭐', '✅', '📦', '🚚', '💡', '🤝', '😅', '😢', '🙌'] as const;
