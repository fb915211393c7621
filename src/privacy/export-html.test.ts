import { describe, expect, it } from 'vitest';
import type { ContactArchive } from './export-contact.js';
import { escapeHtml } from '../security/sanitize.js';
import { exportLanguage, renderExportHtml } from './export-html.js';

const archive: ContactArchive = {
  format: 'parley.contact-export',
  version: 1,
  exportedAt: '2026-03-01T10:00:00.000Z',
  workspace: { id: 'w', name: 'Shop & Co' },
  contact: { id: 'c', name: '<script>alert(1)</script>', email: 'x@example.org', phone: null, notes: '', tags: [], attributes: {}, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' },
  mergedContacts: [],
  identities: [{ id: 'i', contactId: 'c', kind: 'email', value: '"><img src=x onerror=alert(2)>', channelId: null, createdAt: '2026-01-01T00:00:00.000Z' }],
  conversations: [],
  mentions: [],
  labelCorrections: [],
  consents: [{ id: 'k', contactId: 'c', channelId: null, purpose: 'newsletter', status: 'withdrawn', source: 'web form', recordedBy: null, recordedAt: '2026-02-01T00:00:00.000Z' }],
  orders: [],
  goodwillGrants: [],
  satisfactionSurveys: [],
  auditTrail: [],
};

describe('export summary', () => {
  it('escapes every value from the database', () => {
    const html = renderExportHtml(archive, 'en');
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Shop &amp; Co');
    expect(escapeHtml(`'"`)).toBe('&#39;&quot;');
  });

  it('speaks German or English', () => {
    expect(renderExportHtml(archive, 'de')).toContain('Einwilligungen');
    expect(renderExportHtml(archive, 'de')).toContain('widerrufen');
    expect(renderExportHtml(archive, 'en')).toContain('withdrawn');
    expect(renderExportHtml(archive, 'en')).toContain('<html lang="en">');
  });

  it('picks the language from ?lang=, then Accept-Language, else German', () => {
    expect(exportLanguage('en', 'de-DE')).toBe('en');
    expect(exportLanguage(undefined, 'fr-FR, en-US;q=0.8, de;q=0.5')).toBe('en');
    expect(exportLanguage(undefined, 'en;q=0.3, de-AT;q=0.9')).toBe('de');
    expect(exportLanguage(undefined, 'en;q=0')).toBe('de');
    expect(exportLanguage(undefined, undefined)).toBe('de');
  });
});
