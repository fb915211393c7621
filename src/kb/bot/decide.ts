import type { BotState, HandoverReason } from '../../db/schema.js';

export interface BotInput {
  /** Where the bot stands in this conversation. */
  state: BotState;
  text: string;
  urgent: boolean;
  negative: boolean;
  /** How many answers the bot has given in this conversation. */
  answers: number;
  best: { articleId: string; confidence: number } | null;
  minConfidence: number;
}

export type BotDecision =
  | { action: 'answer'; articleId: string }
  | { action: 'resolve' }
  | { action: 'handover'; reason: HandoverReason }
  | { action: 'silent' };

// Customers who want a person say so in many ways; these words are enough, anywhere in the message.
const ASKS_FOR_PERSON =
  /\b(?:mitarbeiter\w*|mensch(?:en)?|menschliche[nmrs]?|kundenberater\w*|berater\w*|sachbearbeiter\w*|echte[nmrs]? person|jemande?m? (?:sprechen|reden)|human|agent|person|representative|operator|real person|someone real)\b/iu;
const YES = /^\s*(?:ja|jap|jo|jep|yes|yep|yeah|y|hat geholfen|das hat geholfen|danke|vielen dank|super|perfekt|thanks|thank you|solved|it did)\b/iu;
const NO = /^\s*(?:nein|nee|nö|no|nope|n|leider nicht|leider nein|hat nicht geholfen|nicht wirklich|not really|it did not|didn'?t help)\b/iu;

/** The bot answers a first question and at most one follow-up before a person takes over. */
const MAX_ANSWERS = 2;

/**
 * What the first-level bot does with an inbound message. It never answers when a person is asked
 * for or the message is urgent or angry; it only answers when its best article is confident enough;
 * after a hand-over it stays silent.
 */
export function decideBot(input: BotInput): BotDecision {
  if (input.state === 'handed_over') return { action: 'silent' };
  if (ASKS_FOR_PERSON.test(input.text)) return { action: 'handover', reason: 'asked_for_person' };
  if (input.urgent) return { action: 'handover', reason: 'urgent' };
  if (input.state === 'resolved') return { action: 'handover', reason: 'reopened' };
  if (input.state === 'awaiting_feedback') {
    if (NO.test(input.text)) return { action: 'handover', reason: 'not_helpful' };
    if (YES.test(input.text) && !input.negative) return { action: 'resolve' };
  }
  if (input.negative) return { action: 'handover', reason: 'negative' };
  if (input.answers >= MAX_ANSWERS) return { action: 'handover', reason: 'low_confidence' };
  if (input.best && input.best.confidence >= input.minConfidence) return { action: 'answer', articleId: input.best.articleId };
  return { action: 'handover', reason: 'low_confidence' };
}
