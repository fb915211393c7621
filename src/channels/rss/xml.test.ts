import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../domain/errors.js';
import { child, parseXml, textContent } from './xml.js';

const refused = (xml: string) => {
  try {
    parseXml(xml);
  } catch (err) {
    if (isAppError(err)) return err.code;
    throw err;
  }
  return null;
};

describe('the feed XML reader', () => {
  it('reads elements, attributes, CDATA and the predefined entities', () => {
    const root = parseXml('<?xml version="1.0"?><!-- c --><a x="1 &amp; 2"><b>Fish &amp; Chips &#x263A; &#65;</b><c><![CDATA[<p>raw</p>]]></c><d/></a>');
    expect(root.attrs.x).toBe('1 & 2');
    expect(textContent(child(root, 'b')!)).toBe('Fish & Chips ☺ A');
    expect(textContent(child(root, 'c')!)).toBe('<p>raw</p>');
    expect(child(root, 'd')?.children).toEqual([]);
  });

  it('keeps prefixed names apart from plain ones', () => {
    const root = parseXml('<channel xmlns:atom="http://www.w3.org/2005/Atom"><atom:link href="x"/><link>y</link></channel>');
    expect(textContent(child(root, 'link')!)).toBe('y');
    expect(child(root, 'atom:link')?.attrs.href).toBe('x');
  });

  it('never expands entities it does not know, and refuses declared ones', () => {
    expect(textContent(parseXml('<a>&nbsp;&lol9;</a>'))).toBe('&nbsp;&lol9;');
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('')}]><lolz>&lol9;</lolz>`;
    expect(refused(laughs)).toBe('invalid');
    expect(textContent(parseXml('<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss>ok</rss>'))).toBe('ok');
  });

  it('refuses what is not well-formed with a clear error', () => {
    for (const bad of ['', 'text', '<a>', '<a></b>', '<a><b></a></b>', '<a x=1/>', '<a/><b/>', '<a><![CDATA[x</a>', '<a><!-- x</a>', '<!ELEMENT a><a/>']) {
      expect(refused(bad), bad).toBe('invalid');
    }
  });

  it('refuses documents beyond its bounds', () => {
    expect(refused(`${'<a>'.repeat(100)}${'</a>'.repeat(100)}`)).toBe('too_large');
    expect(refused(`<a>${'x'.repeat(5_000_001)}</a>`)).toBe('too_large');
    expect(refused(`<a>${'<b/>'.repeat(200_001)}</a>`)).toBe('too_large');
  });

  it('refuses huge hostile documents in one pass instead of hanging', () => {
    for (const hostile of [`<a ${'x="1" '.repeat(60)}${'<'.repeat(1_000_000)}`, `<a>${'<!--'.repeat(500_000)}`, `<a ${' '.repeat(2_000_000)}`, `<a>${'<b>'.repeat(63)}${'&lt;'.repeat(1_000_000)}`]) {
      expect(refused(hostile)).not.toBeNull();
    }
  }, 10_000);

  it('never crashes on arbitrary text: it parses or refuses with an AppError', () => {
    const xmlish = fc.stringMatching(/^[<>/a-c="'&;#x!\[\]CDAT?\- ]{0,80}$/);
    fc.assert(
      fc.property(fc.oneof(fc.string(), xmlish), (input) => {
        try {
          parseXml(input);
        } catch (err) {
          if (!isAppError(err)) throw err;
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('reads back any tree it is given', () => {
    const name = fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/);
    type Tree = { name: string; text: string; children: Tree[] };
    const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree }>((tie) => ({
      node: fc.record({ name, text: fc.string({ maxLength: 12 }), children: fc.oneof({ depthSize: 'small' }, fc.constant<Tree[]>([]), fc.array(tie('node'), { maxLength: 3 })) }),
    })).node;
    const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    const render = (t: Tree): string => `<${t.name}>${escape(t.text)}${t.children.map(render).join('')}</${t.name}>`;
    const text = (t: Tree): string => t.text + t.children.map(text).join('');
    fc.assert(
      fc.property(tree, (t) => {
        expect(textContent(parseXml(render(t)))).toBe(text(t));
      }),
    );
  });
});
