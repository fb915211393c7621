import { escapeHtml } from '../security/sanitize.js';
import type { ContactArchive } from './export-contact.js';

export type ExportLanguage = 'de' | 'en';

const TEXT = {
  de: {
    title: 'Auskunft über gespeicherte Daten',
    intro: 'Diese Übersicht zeigt alle Daten, die zu dieser Person gespeichert sind. Das maschinenlesbare Archiv (JSON) enthält dieselben Daten vollständig.',
    exportedAt: 'Erstellt am',
    workspace: 'Verantwortlicher',
    profile: 'Profil',
    name: 'Name',
    email: 'E-Mail',
    phone: 'Telefon',
    notes: 'Notizen',
    tags: 'Schlagwörter',
    attributes: 'Weitere Angaben',
    createdAt: 'Angelegt am',
    merged: 'Zusammengeführte frühere Kontakteinträge',
    identities: 'Bekannte Kennungen',
    kind: 'Art',
    value: 'Wert',
    conversations: 'Gespräche',
    subject: 'Betreff',
    noSubject: '(ohne Betreff)',
    reading: 'Einordnung',
    from: { inbound: 'Kunde', outbound: 'Antwort', note: 'Interne Notiz' },
    attachments: 'Anhänge',
    mentions: 'Öffentliche Beiträge (Social Listening)',
    corrections: 'Korrigierte Einordnungen',
    consents: 'Einwilligungen',
    purpose: 'Zweck',
    status: 'Status',
    source: 'Quelle',
    channel: 'Kanal',
    allChannels: 'alle Kanäle',
    consentStatus: { given: 'erteilt', withdrawn: 'widerrufen' },
    audit: 'Zugriffe und Änderungen',
    when: 'Zeitpunkt',
    who: 'Wer',
    action: 'Vorgang',
    none: 'Keine.',
  },
  en: {
    title: 'Access report: data held',
    intro: 'This summary shows all data held about this person. The machine-readable archive (JSON) holds the same data in full.',
    exportedAt: 'Created',
    workspace: 'Controller',
    profile: 'Profile',
    name: 'Name',
    email: 'E-mail',
    phone: 'Phone',
    notes: 'Notes',
    tags: 'Tags',
    attributes: 'Further details',
    createdAt: 'Created',
    merged: 'Earlier contact records merged into this one',
    identities: 'Known identities',
    kind: 'Kind',
    value: 'Value',
    conversations: 'Conversations',
    subject: 'Subject',
    noSubject: '(no subject)',
    reading: 'Classification',
    from: { inbound: 'Customer', outbound: 'Reply', note: 'Internal note' },
    attachments: 'Attachments',
    mentions: 'Public posts (social listening)',
    corrections: 'Corrected classifications',
    consents: 'Consents',
    purpose: 'Purpose',
    status: 'Status',
    source: 'Source',
    channel: 'Channel',
    allChannels: 'all channels',
    consentStatus: { given: 'given', withdrawn: 'withdrawn' },
    audit: 'Access and changes',
    when: 'When',
    who: 'Who',
    action: 'Action',
    none: 'None.',
  },
} as const;

/** `?lang=` wins; otherwise the first German or English language the browser asks for; German by default. */
export function exportLanguage(lang: string | undefined, acceptLanguage: string | undefined): ExportLanguage {
  if (lang === 'de' || lang === 'en') return lang;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { base: tag.toLowerCase().split('-')[0], q: q ? Number(q.slice(2)) || 0 : 1, i };
    })
    .filter((l) => l.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  const hit = ranked.find((l) => l.base === 'de' || l.base === 'en');
  return hit?.base === 'en' ? 'en' : 'de';
}

function when(iso: string, lang: ExportLanguage): string {
  return new Date(iso).toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB', { timeZone: 'UTC', dateStyle: 'medium', timeStyle: 'short' }) + ' UTC';
}

function table(head: string[], rows: string[][], none: string): string {
  if (rows.length === 0) return `<p>${escapeHtml(none)}</p>`;
  const th = head.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** A readable summary of the archive; every value from the database is escaped. */
export function renderExportHtml(a: ContactArchive, lang: ExportLanguage): string {
  const t = TEXT[lang];
  const e = escapeHtml;
  const c = a.contact;
  const profile = table(
    [t.profile, ''],
    [
      [t.name, c.name ?? ''],
      [t.email, c.email ?? ''],
      [t.phone, c.phone ?? ''],
      [t.notes, c.notes],
      [t.tags, c.tags.join(', ')],
      [t.attributes, Object.keys(c.attributes).length > 0 ? JSON.stringify(c.attributes) : ''],
      [t.createdAt, when(c.createdAt, lang)],
    ],
    t.none,
  );
  const conversations = a.conversations
    .map((conv) => {
      const reading = [conv.language, conv.sentiment, conv.category].filter(Boolean).join(' · ');
      const messages = conv.messages
        .map((m) => {
          const files = m.attachments.length > 0 ? `<p class="meta">${e(t.attachments)}: ${e(m.attachments.map((f) => `${f.filename} (${f.contentType}, ${f.size} B)`).join(', '))}</p>` : '';
          const meta = [when(m.createdAt, lang), t.from[m.direction], m.channelId, [m.language, m.sentiment, m.category].filter(Boolean).join(' · ')].filter(Boolean).join(' — ');
          return `<li><p class="meta">${e(meta)}</p><p class="text">${e(m.text)}</p>${files}</li>`;
        })
        .join('\n');
      return `<section><h3>${e(conv.subject ?? t.noSubject)}</h3><p class="meta">${e(`${conv.channelType} — ${when(conv.createdAt, lang)} — ${conv.status}${reading ? ` — ${t.reading}: ${reading}` : ''}`)}</p><ol>\n${messages}\n</ol></section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(t.title)} — ${e(c.name ?? c.email ?? c.id)}</title>
<style>
body { font: 15px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1f2937; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1.5rem; }
th, td { border: 1px solid #d1d5db; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
.meta { color: #6b7280; font-size: 0.85em; margin: 0; }
.text { white-space: pre-wrap; margin: 0.2rem 0 0.8rem; }
</style>
</head>
<body>
<h1>${e(t.title)}</h1>
<p>${e(t.intro)}</p>
<p class="meta">${e(t.workspace)}: ${e(a.workspace.name)} — ${e(t.exportedAt)}: ${e(when(a.exportedAt, lang))}</p>
<h2>${e(t.profile)}</h2>
${profile}
<h2>${e(t.merged)}</h2>
${table([t.name, t.email, t.phone, t.createdAt], a.mergedContacts.map((m) => [m.name ?? '', m.email ?? '', m.phone ?? '', when(m.createdAt, lang)]), t.none)}
<h2>${e(t.identities)}</h2>
${table([t.kind, t.value, t.createdAt], a.identities.map((i) => [i.kind, i.value, when(i.createdAt, lang)]), t.none)}
<h2>${e(t.consents)}</h2>
${table([t.when, t.purpose, t.channel, t.status, t.source], a.consents.map((x) => [when(x.recordedAt, lang), x.purpose, x.channelId ?? t.allChannels, t.consentStatus[x.status], x.source]), t.none)}
<h2>${e(t.conversations)}</h2>
${conversations || `<p>${e(t.none)}</p>`}
<h2>${e(t.mentions)}</h2>
${table([t.when, t.source, t.value], a.mentions.map((m) => [when(m.postedAt, lang), m.source, m.text]), t.none)}
<h2>${e(t.corrections)}</h2>
${table([t.when, t.kind, t.value], a.labelCorrections.map((x) => [when(x.createdAt, lang), x.field, x.label]), t.none)}
<h2>${e(t.audit)}</h2>
${table([t.when, t.who, t.action], a.auditTrail.map((x) => [when(x.createdAt, lang), `${x.actorType} ${x.actorId ?? ''}`.trim(), x.action]), t.none)}
</body>
</html>
`;
}
