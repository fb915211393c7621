import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../domain/errors.js';
import { readFeed } from './feed.js';
import { messageFromEntry } from './message.js';

const BASE = 'https://forum.example.de/feed.xml';

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>Kundenforum</title>
    <link>https://forum.example.de/</link>
    <atom:link href="https://forum.example.de/feed.xml" rel="self"/>
    <item>
      <title>Lieferung seit zwei Wochen unterwegs</title>
      <link>https://forum.example.de/t/lieferung/42#post-3</link>
      <guid isPermaLink="false">forum-post-3</guid>
      <dc:creator>Jonas K.</dc:creator>
      <pubDate>Tue, 03 Mar 2026 09:15:00 +0100</pubDate>
      <description>&lt;p&gt;Meine Bestellung &lt;b&gt;4711&lt;/b&gt; ist &amp;amp; bleibt verschwunden.&lt;/p&gt;</description>
    </item>
    <item>
      <title>Ohne guid</title>
      <link>/t/ohne-guid/7</link>
      <author>eva@example.org (Eva Roth)</author>
    </item>
    <item><title>Weder guid noch link</title></item>
  </channel>
</rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="text">Produktblog</title>
  <link href="https://blog.example.de/"/>
  <author><name>Redaktion</name></author>
  <entry>
    <title type="html">Neue Preise &amp;amp; Tarife</title>
    <link rel="alternate" href="https://blog.example.de/preise"/>
    <link rel="replies" href="https://blog.example.de/preise#comments"/>
    <id>tag:blog.example.de,2026:preise</id>
    <updated>2026-03-01T10:00:00Z</updated>
    <summary type="html">&lt;p&gt;Ab April gelten neue Tarife.&lt;/p&gt;</summary>
  </entry>
  <entry>
    <title>Kommentar</title>
    <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
    <author><name>Mia</name><email>mia@example.org</email></author>
    <published>2026-03-02T08:00:00+01:00</published>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Zu <b>teuer</b> &lt;3</div></content>
  </entry>
</feed>`;

describe('reading feeds', () => {
  it('reads RSS 2.0 items, with guid or link as id, resolving relative links', () => {
    const feed = readFeed(RSS, BASE);
    expect(feed.title).toBe('Kundenforum');
    expect(feed.entries).toHaveLength(2);
    expect(feed.entries[0]).toMatchObject({ id: 'forum-post-3', link: 'https://forum.example.de/t/lieferung/42#post-3', author: { name: 'Jonas K.' }, title: 'Lieferung seit zwei Wochen unterwegs' });
    expect(feed.entries[0]?.html).toBe('<p>Meine Bestellung <b>4711</b> ist &amp; bleibt verschwunden.</p>');
    expect(feed.entries[0]?.published?.toISOString()).toBe('2026-03-03T08:15:00.000Z');
    expect(feed.entries[1]).toMatchObject({ id: 'https://forum.example.de/t/ohne-guid/7', author: { email: 'eva@example.org', name: 'Eva Roth' }, published: null });
  });

  it('reads Atom entries with the alternate link, the feed author as fallback and each text type', () => {
    const feed = readFeed(ATOM, 'https://blog.example.de/atom');
    expect(feed.entries[0]).toMatchObject({ id: 'tag:blog.example.de,2026:preise', link: 'https://blog.example.de/preise', author: { name: 'Redaktion' }, title: 'Neue Preise & Tarife', html: '<p>Ab April gelten neue Tarife.</p>' });
    expect(feed.entries[1]).toMatchObject({ link: null, author: { name: 'Mia', email: 'mia@example.org' }, text: 'Zu teuer <3', html: null });
    expect(feed.entries[1]?.published?.toISOString()).toBe('2026-03-02T07:00:00.000Z');
  });

  it('reads RSS 1.0 (RDF) items beside the channel', () => {
    const rdf = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel rdf:about="x"><title>Alt</title></channel><item rdf:about="https://a.example/1"><title>Eins</title><link>https://a.example/1</link></item></rdf:RDF>`;
    expect(readFeed(rdf, BASE).entries).toMatchObject([{ id: 'https://a.example/1', title: 'Eins' }]);
  });

  it('says so when the XML is not a feed', () => {
    expect(() => readFeed('<html><body/></html>', BASE)).toThrow(/not an RSS or Atom feed/);
  });

  it('turns an entry into a public message that keeps the link to answer at', () => {
    const feed = readFeed(RSS, BASE);
    const msg = messageFromEntry(feed.entries[0]!, feed, BASE);
    expect(msg).toMatchObject({
      externalId: 'forum-post-3',
      from: { id: 'Jonas K. (Kundenforum)', name: 'Jonas K.' },
      subject: 'Lieferung seit zwei Wochen unterwegs',
      text: 'Meine Bestellung 4711 ist & bleibt verschwunden.\n\nhttps://forum.example.de/t/lieferung/42#post-3',
      threadKey: 'https://forum.example.de/t/lieferung/42',
      visibility: 'public',
    });
    expect(msg.html).toContain('<a href="https://forum.example.de/t/lieferung/42#post-3">');
    const second = messageFromEntry(feed.entries[1]!, feed, BASE);
    expect(second.from).toEqual({ id: 'eva@example.org', name: 'Eva Roth', email: 'eva@example.org' });
  });

  it('reads arbitrary item contents without crashing', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.constantFrom('title', 'link', 'guid', 'description', 'pubDate', 'author'), (content, field) => {
        try {
          const feed = readFeed(`<rss><channel><item><guid>g</guid><${field}>${content}</${field}></item></channel></rss>`, BASE);
          for (const e of feed.entries) messageFromEntry(e, feed, BASE);
        } catch (err) {
          if (!isAppError(err)) throw err;
        }
      }),
    );
  });
});
