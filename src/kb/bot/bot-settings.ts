/** The bot answers only when its best article's confidence reaches this, unless a channel sets its own. */
export const DEFAULT_BOT_CONFIDENCE = 0.85;
