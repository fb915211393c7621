import { describe, expect, it } from 'vitest';
import { decideBot, type BotInput } from './decide.js';

const base: BotInput = { state: 'new', text: 'Wie schicke ich etwas zurück?', urgent: false, negative: false, answers: 0, best: { articleId: 'a', confidence: 0.9 }, minConfidence: 0.85 };

describe('bot decision', () => {
  it('answers a confident match and hands over a weak one', () => {
    expect(decideBot(base)).toEqual({ action: 'answer', articleId: 'a' });
    expect(decideBot({ ...base, best: { articleId: 'a', confidence: 0.5 } })).toEqual({ action: 'handover', reason: 'low_confidence' });
    expect(decideBot({ ...base, best: null })).toEqual({ action: 'handover', reason: 'low_confidence' });
  });

  it('hands over when a person is asked for, in German or English, before anything else', () => {
    for (const text of ['Ich möchte mit einem Mitarbeiter sprechen', 'Kann ich bitte einen Menschen haben?', 'I want to talk to a human', 'agent please', 'Gibt es eine echte Person?']) {
      expect(decideBot({ ...base, text }), text).toEqual({ action: 'handover', reason: 'asked_for_person' });
    }
    expect(decideBot({ ...base, text: 'Ja, aber ich will einen Mitarbeiter', state: 'awaiting_feedback' })).toEqual({ action: 'handover', reason: 'asked_for_person' });
  });

  it('hands over urgent and angry messages even with a confident match', () => {
    expect(decideBot({ ...base, urgent: true })).toEqual({ action: 'handover', reason: 'urgent' });
    expect(decideBot({ ...base, negative: true })).toEqual({ action: 'handover', reason: 'negative' });
  });

  it('reads the feedback: yes resolves, no hands over, a new question gets one more answer', () => {
    const waiting = { ...base, state: 'awaiting_feedback' as const, answers: 1 };
    expect(decideBot({ ...waiting, text: 'Ja, danke!' })).toEqual({ action: 'resolve' });
    expect(decideBot({ ...waiting, text: 'yes' })).toEqual({ action: 'resolve' });
    expect(decideBot({ ...waiting, text: 'Nein, leider nicht' })).toEqual({ action: 'handover', reason: 'not_helpful' });
    expect(decideBot({ ...waiting, text: 'No' })).toEqual({ action: 'handover', reason: 'not_helpful' });
    expect(decideBot({ ...waiting, text: 'Und was kostet der Versand?' })).toEqual({ action: 'answer', articleId: 'a' });
    expect(decideBot({ ...waiting, answers: 2, text: 'Und was kostet der Versand?' })).toEqual({ action: 'handover', reason: 'low_confidence' });
  });

  it('stays silent after a hand-over and hands over a customer who comes back after a resolution', () => {
    expect(decideBot({ ...base, state: 'handed_over' })).toEqual({ action: 'silent' });
    expect(decideBot({ ...base, state: 'handed_over', text: 'Mitarbeiter!' })).toEqual({ action: 'silent' });
    expect(decideBot({ ...base, state: 'resolved' })).toEqual({ action: 'handover', reason: 'reopened' });
  });
});
