import { describe, expect, it } from 'vitest';
import { fillReplyTemplate, pickReplyTemplate, type ReplyTemplateCandidate, type ReviewForReply } from './review-reply-template.js';

const t = (id: string, language: 'de' | 'en', minRating: number, maxRating: number, category: string | null = null): ReplyTemplateCandidate => ({ id, language, minRating, maxRating, category, body: id });
const review = (patch: Partial<ReviewForReply> = {}): ReviewForReply => ({ rating: 5, category: 'praise', language: 'de', author: 'Jana Berg', product: 'Nordlicht Lampe', portal: 'Trustpilot', brand: null, ...patch });

describe('pickReplyTemplate', () => {
  const templates = [t('de-all', 'de', 1, 5), t('de-praise', 'de', 4, 5, 'praise'), t('de-low', 'de', 1, 2), t('de-delivery', 'de', 1, 3, 'delivery'), t('en-praise', 'en', 4, 5, 'praise')];

  it('prefers the review\'s language, then its topic, then the narrowest band', () => {
    expect(pickReplyTemplate(templates, review(), 'de')?.id).toBe('de-praise');
    expect(pickReplyTemplate(templates, review({ language: 'en' }), 'de')?.id).toBe('en-praise');
    expect(pickReplyTemplate(templates, review({ rating: 2, category: 'complaint' }), 'de')?.id).toBe('de-low');
    expect(pickReplyTemplate(templates, review({ rating: 2, category: 'delivery' }), 'de')?.id).toBe('de-delivery');
  });

  it('never offers a template for another rating or topic, and uses the fallback language for others', () => {
    expect(pickReplyTemplate([t('de-praise', 'de', 4, 5, 'praise')], review({ rating: 2 }), 'de')).toBeNull();
    expect(pickReplyTemplate([t('de-delivery', 'de', 1, 5, 'delivery')], review({ category: 'billing' }), 'de')).toBeNull();
    expect(pickReplyTemplate([t('en', 'en', 1, 5), t('de', 'de', 1, 5)], review({ language: 'fr' }), 'en')?.id).toBe('en');
  });
});

describe('fillReplyTemplate', () => {
  it('fills the reviewer, product and portal as text', () => {
    expect(fillReplyTemplate('Liebe {{reviewer.firstName}}, danke für Ihre Worte zu {{product}} auf {{portal}}! 😊 {{agent.name}}', review(), 'Mara')).toBe('Liebe Jana, danke für Ihre Worte zu Nordlicht Lampe auf Trustpilot! 😊 Mara');
  });

  it('leaves no gap where an anonymous reviewer has no name, and never evaluates a name as a template', () => {
    expect(fillReplyTemplate('Hallo {{reviewer.firstName}}, danke!', review({ author: 'Anonymous' }), null)).toBe('Hallo, danke!');
    expect(fillReplyTemplate('Hi {{reviewer.name}}', review({ author: '{{agent.name}}' }), 'Mara')).toBe('Hi {{agent.name}}');
  });
});
