import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build, type Rolldown } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_OPTIONS } from '../support/parley-web.js';

/** Bundles the app's real sanitiser so it runs against a real DOM, as it does for agents. */
async function bundleSanitizer(): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    build: { write: false, minify: false, lib: { entry: path.resolve('web/src/safety/sanitize.ts'), name: 'ParleySanitize', formats: ['iife'] } },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunk = outputs[0]?.output.find((o) => o.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('no sanitizer bundle');
  return chunk.code;
}

describe('message HTML sanitiser in Chromium', () => {
  let browser: Browser;
  let page: Page;
  const dialogs: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    const code = await bundleSanitizer();
    browser = await chromium.launch(CHROMIUM_OPTIONS);
    page = await browser.newPage();
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.route('**/*', (route) => {
      requests.push(route.request().url());
      return route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><div id="out"></div>' });
    });
    await page.goto('http://app.test/');
    requests.length = 0;
    await page.addScriptTag({ content: code });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  const clean = (html: string) =>
    page.evaluate((input) => {
      const out = (window as unknown as { ParleySanitize: { sanitizeHtml(h: string): string } }).ParleySanitize.sanitizeHtml(input);
      const target = document.getElementById('out');
      if (target) target.innerHTML = out;
      return out;
    }, html);

  it('strips <img src=x onerror=…> and every other image', async () => {
    expect(await clean('<p>Hi<img src=x onerror="alert(1)"></p>')).toBe('<p>Hi</p>');
    expect(await clean('<img src="https://tracker.example/pixel.gif" width=1>')).toBe('');
    expect(await clean('<picture><source srcset="https://t.example/a.png"></picture>')).toBe('');
  });

  it('drops javascript: and data: links, however they are written', async () => {
    for (const href of ['javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'jav&#x09;ascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)']) {
      const out = await clean(`<a href="${href}">x</a>`);
      expect(out, href).not.toMatch(/href/);
    }
  });

  it('keeps ordinary links, opening them away from the app', async () => {
    expect(await clean('<a href="https://example.com/x">ok</a>')).toBe('<a href="https://example.com/x" target="_blank" rel="noopener noreferrer nofollow">ok</a>');
  });

  it('removes scripts, styles, frames, forms, SVG and event handlers', async () => {
    const out = await clean(
      '<script>alert(1)</script><style>body{background:url(https://t.example/s)}</style><iframe src="https://t.example"></iframe>' +
        '<form action="https://t.example"><input name=a></form><svg onload=alert(2)><image href="https://t.example/i"/></svg>' +
        '<div onclick="alert(3)" style="background:url(https://t.example/bg)">text</div><math><mi xlink:href="javascript:alert(4)">m</mi></math>',
    );
    expect(out).not.toMatch(/script|style|iframe|form|svg|onclick|onload|t\.example|javascript/i);
    expect(out).toContain('text');
  });

  it('ran nothing and requested nothing while rendering the results', async () => {
    await page.waitForTimeout(200);
    expect(dialogs).toEqual([]);
    expect(requests).toEqual([]);
  });
});
