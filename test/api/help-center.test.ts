import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemoWorkspace } from '../../src/demo/seed.js';
import { DEMO_KB_CATEGORIES, DEMO_TOPICS } from '../../src/demo/articles.js';
import { backends } from '../support/backends.js';
import { api, createTenant, startTestParley, type Tenant, type TestParley } from '../support/parley.js';

const backend = backends()[0];

interface Article {
  id: string;
  slug: string;
}

async function page(p: TestParley, path: string, init: RequestInit = {}): Promise<{ status: number; text: string; headers: Headers }> {
  const res = await fetch(p.url + path, { redirect: 'manual', ...init });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

/** fetch() will not send another Host header; a help center's own host needs one. */
function onHost(p: TestParley, host: string, path: string): Promise<{ status: number; text: string }> {
  const url = new URL(p.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, headers: { host } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('public help center over HTTP', () => {
  let p: TestParley;
  let t: Tenant;
  let other: Tenant;
  const a: Record<string, Article> = {};

  async function article(token: string, body: Record<string, unknown>, publish = true): Promise<Article> {
    const created = await api<Article>(p, 'POST', '/api/v1/articles', token, body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    if (publish) expect((await api(p, 'POST', `/api/v1/articles/${created.body.id}/publish`, token)).status).toBe(200);
    return created.body;
  }

  beforeAll(async () => {
    if (!backend) throw new Error('no backend');
    p = await startTestParley(backend);
    t = await createTenant(p);
    other = await createTenant(p);
    const returns = await api<{ id: string }>(p, 'POST', '/api/v1/kb-categories', t.token, { slug: 'returns', nameDe: 'Rücksendungen', nameEn: 'Returns' });
    a.returnDe = await article(t.token, { language: 'de', title: 'Rücksendung und Umtausch', bodyMd: 'Sie können Ware **30 Tage** lang zurücksenden.', categoryId: returns.body.id, tags: ['retoure'] });
    a.returnEn = await article(t.token, { language: 'en', title: 'How do I get a refund?', bodyMd: 'Refunds reach your account within 5 working days.', categoryId: returns.body.id, translationOf: a.returnDe.id });
    a.paymentDe = await article(t.token, { language: 'de', title: 'Zahlung per Rechnung', bodyMd: 'Sie zahlen innerhalb von 14 Tagen.' });
    a.draft = await article(t.token, { language: 'de', title: 'Entwurf zur Rücksendung', bodyMd: 'Noch nicht fertig.' }, false);
    a.internal = await article(t.token, { language: 'de', title: 'Interne Rücksendung Kulanz', bodyMd: 'Nur für Agenten.', status: 'internal' }, false);
    a.foreign = await article(other.token, { language: 'de', title: 'Fremde Rücksendung', bodyMd: 'Anderer Shop.' });
  });
  afterAll(async () => p.drop());

  it('shows published articles with SEO metadata and strict security headers, and nothing else', async () => {
    const home = await page(p, `/help/${t.slug}/de`);
    expect(home.status).toBe(200);
    expect(home.text).toContain('Rücksendung und Umtausch');
    expect(home.text).toContain('Zahlung per Rechnung');
    expect(home.text).toContain('Rücksendungen');
    for (const hidden of ['Entwurf zur Rücksendung', 'Interne Rücksendung', 'Fremde Rücksendung', '<script']) expect(home.text).not.toContain(hidden);

    const res = await page(p, `/help/${t.slug}/de/articles/${a.returnDe!.slug}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('<strong>30 Tage</strong>');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('script-src');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.text).toContain(`<link rel="canonical" href="${p.url}/help/${t.slug}/de/articles/${a.returnDe!.slug}">`);
    expect(res.text).toContain(`<link rel="alternate" hreflang="en" href="${p.url}/help/${t.slug}/en/articles/${a.returnEn!.slug}">`);
    expect(res.text).toContain('<meta property="og:title" content="Rücksendung und Umtausch">');
    expect(res.text).toMatch(/<meta name="description" content="Sie können Ware 30 Tage lang zurücksenden\.">/);
    // The language switch leads to the translation.
    expect(res.text).toContain(`href="/help/${t.slug}/en/articles/${a.returnEn!.slug}" hreflang="en"`);

    const en = await page(p, `/help/${t.slug}/en`);
    expect(en.text).toContain('How do I get a refund?');
    expect(en.text).toContain('Help center');
    expect(en.text).not.toContain('Zahlung per Rechnung');

    expect((await page(p, `/help/${t.slug}/de/articles/${a.draft!.slug}`)).status).toBe(404);
    expect((await page(p, `/help/${t.slug}/de/articles/${a.internal!.slug}`)).status).toBe(404);
    expect((await page(p, `/help/${t.slug}/de/articles/${a.foreign!.slug}`)).status).toBe(404);
    const foreign = await page(p, `/help/${other.slug}/de/articles/${a.returnDe!.slug}`);
    expect(foreign.status).toBe(404);
    expect(foreign.text).not.toContain('30 Tage');
    expect((await page(p, '/help/no-such-workspace/de')).status).toBe(404);
    expect((await page(p, `/help/${t.slug}/fr`)).status).toBe(404);
    expect((await page(p, `/help/${t.slug}`, { headers: { 'accept-language': 'en-GB,en;q=0.9' } })).headers.get('location')).toBe(`/help/${t.slug}/en`);
  });

  it('finds articles with stemming and with typos, in German and in English', async () => {
    const stemmed = await page(p, `/help/${t.slug}/de/search?q=${encodeURIComponent('Rücksendungen')}`);
    expect(stemmed.text).toContain('Rücksendung und Umtausch');
    const typoDe = await page(p, `/help/${t.slug}/de/search?q=${encodeURIComponent('Rücksendng')}`);
    expect(typoDe.status).toBe(200);
    expect(typoDe.text).toContain(`/help/${t.slug}/de/articles/${a.returnDe!.slug}`);
    for (const hidden of ['Entwurf zur', 'Interne Rücksendung', 'Fremde Rücksendung']) expect(typoDe.text).not.toContain(hidden);
    const typoEn = await page(p, `/help/${t.slug}/en/search?q=refnud`);
    expect(typoEn.text).toContain(`/help/${t.slug}/en/articles/${a.returnEn!.slug}`);
    const body = await page(p, `/help/${t.slug}/de/search?q=Rechnung`);
    expect(body.text).toContain('Zahlung per Rechnung');
    expect(body.text).not.toContain('Rücksendung und Umtausch');
    const none = await page(p, `/help/${t.slug}/de/search?q=Raumschiff`);
    expect(none.text).toContain('Keine passenden Artikel');
  });

  it('counts "was this helpful?" once per visitor', async () => {
    const url = `/help/${t.slug}/de/articles/${a.paymentDe!.slug}/feedback`;
    const form = (helpful: string, agent = 'Browser A') => page(p, url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': agent }, body: `helpful=${helpful}` });
    const first = await form('yes');
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe(`/help/${t.slug}/de/articles/${a.paymentDe!.slug}?feedback=thanks`);
    await form('yes');
    await form('no');
    await form('no', 'Browser B');
    const counts = await api<{ helpfulYes: number; helpfulNo: number }>(p, 'GET', `/api/v1/articles/${a.paymentDe!.id}`, t.token);
    expect(counts.body).toMatchObject({ helpfulYes: 1, helpfulNo: 1 });
    expect((await form('maybe', 'Browser C')).status).toBe(400);
    expect((await page(p, `/help/${t.slug}/de/articles/${a.draft!.slug}/feedback`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'helpful=yes' })).status).toBe(404);
    const thanks = await page(p, `/help/${t.slug}/de/articles/${a.paymentDe!.slug}?feedback=thanks`);
    expect(thanks.text).toContain('Danke für Ihre Rückmeldung!');
  });

  it('lists published pages with their translations in the sitemap, and points robots to it', async () => {
    const sitemap = await page(p, `/help/${t.slug}/sitemap.xml`);
    expect(sitemap.headers.get('content-type')).toContain('application/xml');
    const de = `${p.url}/help/${t.slug}/de/articles/${a.returnDe!.slug}`;
    const en = `${p.url}/help/${t.slug}/en/articles/${a.returnEn!.slug}`;
    expect(sitemap.text).toContain(`<loc>${de}</loc>`);
    expect(sitemap.text).toContain(`<xhtml:link rel="alternate" hreflang="en" href="${en}"/>`);
    expect(sitemap.text).toContain(`<loc>${p.url}/help/${t.slug}/de/articles/${a.paymentDe!.slug}</loc>`);
    for (const hidden of [a.draft!.slug, a.internal!.slug, a.foreign!.slug]) expect(sitemap.text).not.toContain(hidden);
    const robots = await page(p, `/help/${t.slug}/robots.txt`);
    expect(robots.text).toContain(`Sitemap: ${p.url}/help/${t.slug}/sitemap.xml`);
  });

  it('renders hostile titles, bodies, tags and themes inert', async () => {
    await p.db.updateTable('workspaces').set({ name: 'Shop</title><script>alert("name")</script>' }).where('id', '=', t.workspaceId).execute();
    const x = await article(t.token, {
      language: 'de',
      title: '<script>alert("title")</script> Hilfe',
      bodyMd: '<script>alert("body")</script>\n\n<img src="https://cdn.example/a.png" onerror="alert(1)">\n\n[klick](javascript:alert(2))\n\n<a href="https://ok.example" onclick="alert(3)">ok</a>',
      tags: ['"><script>alert("tag")</script>'],
    });
    const theme = await api(p, 'PUT', '/api/v1/workspace/help-center', t.token, { logoUrl: 'https://cdn.example/logo.png?"><script>alert("logo")</script>', primaryColor: '#112233', customHost: null });
    expect(theme.status).toBe(200);
    await new Promise((r) => setTimeout(r, 5_100)); // the site (name, theme) is cached for five seconds
    const res = await page(p, `/help/${t.slug}/de/articles/${x.slug}`);
    expect(res.status).toBe(200);
    expect(res.text).not.toMatch(/<script|onerror=|onclick=|javascript:/i);
    expect(res.text).toContain('&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt; Hilfe');
    expect(res.text).toContain('&quot;&gt;&lt;script&gt;alert(&quot;tag&quot;)&lt;/script&gt;');
    expect(res.text).toContain('Shop&lt;/title&gt;&lt;script&gt;');
    const css = await page(p, `/help/${t.slug}/theme.css`);
    expect(css.text).toContain('--primary:#112233');
    const search = await page(p, `/help/${t.slug}/de/search?q=${encodeURIComponent('<script>alert("q")</script>')}`);
    expect(search.text).not.toMatch(/<script/i);
  }, 30_000);

  it('shows uploaded images of published articles and no other file', async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
    const upload = async (name: string, type: string, body: Uint8Array | string) => {
      const res = await fetch(`${p.url}/api/v1/attachments?filename=${name}`, { method: 'POST', headers: { authorization: `Bearer ${t.token}`, 'content-type': type }, body: typeof body === 'string' ? body : new Uint8Array(body) });
      return ((await res.json()) as { id: string }).id;
    };
    const image = await upload('paket.png', 'image/png', png);
    const draftImage = await upload('entwurf.png', 'image/png', png);
    const svg = await upload('bild.svg', 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const shown = await article(t.token, { language: 'de', title: 'So verpacken Sie Ihr Paket', bodyMd: `![Paket](/api/v1/attachments/${image})\n\n![Vektor](/api/v1/attachments/${svg})` });
    await article(t.token, { language: 'de', title: 'Bildentwurf', bodyMd: `![Entwurf](/api/v1/attachments/${draftImage})` }, false);

    const res = await page(p, `/help/${t.slug}/de/articles/${shown.slug}`);
    expect(res.text).toContain(`<img src="/help/${t.slug}/files/${image}" alt="Paket" />`);
    const file = await fetch(`${p.url}/help/${t.slug}/files/${image}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await file.arrayBuffer()).equals(png)).toBe(true);
    expect((await page(p, `/help/${t.slug}/files/${svg}`)).status).toBe(404);
    expect((await page(p, `/help/${t.slug}/files/${draftImage}`)).status).toBe(404);
    expect((await page(p, `/help/${other.slug}/files/${image}`)).status).toBe(404);
    expect((await page(p, `/help/${t.slug}/files/not-an-id`)).status).toBe(404);
  });

  it('serves the help center on its own host name', async () => {
    expect((await api(p, 'PUT', '/api/v1/workspace/help-center', t.token, { logoUrl: null, primaryColor: null, customHost: 'hilfe.shop.example' })).status).toBe(200);
    const home = await onHost(p, 'hilfe.shop.example', '/de');
    expect(home.status).toBe(200);
    expect(home.text).toContain('Rücksendung und Umtausch');
    expect(home.text).toContain(`href="/de/articles/${a.returnDe!.slug}"`);
    expect(home.text).toContain('<link rel="canonical" href="http://hilfe.shop.example/de">');
    const sitemap = await onHost(p, 'hilfe.shop.example', '/sitemap.xml');
    expect(sitemap.text).toContain(`<loc>http://hilfe.shop.example/de/articles/${a.returnDe!.slug}</loc>`);
    // The API is not reachable through a help center's host.
    expect((await onHost(p, 'hilfe.shop.example', '/api/v1/articles')).status).toBe(404);
  });

  it('shows the demo shop\'s articles in both languages at /help/demo', async () => {
    await ensureDemoWorkspace(p.db, 'demo password 123');
    const de = await page(p, '/help/demo/de');
    const en = await page(p, '/help/demo/en');
    for (const topic of DEMO_TOPICS) {
      expect(de.text).toContain(topic.de.title.replace('&', '&amp;'));
      expect(en.text).toContain(topic.en.title);
    }
    for (const c of DEMO_KB_CATEGORIES) expect(de.text).toContain(c.nameDe.replace('&', '&amp;'));
    const sitemap = await page(p, '/help/demo/sitemap.xml');
    expect(sitemap.text.match(/<xhtml:link rel="alternate" hreflang="en"/g)?.length).toBe(DEMO_TOPICS.length * 2);
  }, 60_000);
});

