import { createHash } from 'node:crypto';
import type { CsatScale } from '../db/schema.js';
import { escapeHtml } from '../security/sanitize.js';
import { EMOJI, PAGE_TEXT, type SurveyLanguage } from './texts.js';

const STYLE = `body{font-family:system-ui,sans-serif;max-width:34rem;margin:2rem auto;padding:0 1rem;color:#1d2330}
h1{font-size:1.4rem}fieldset{border:0;padding:0;margin:1rem 0;display:flex;gap:.5rem;flex-wrap:wrap}
label.r{display:flex;flex-direction:column;align-items:center;border:1px solid #b8c0cc;border-radius:.5rem;padding:.5rem .7rem;cursor:pointer;min-width:4.5rem;text-align:center}
label.r span.v{font-size:1.6rem}label.r small{font-size:.75rem}
textarea{width:100%;min-height:6rem;box-sizing:border-box}button{margin-top:1rem;padding:.6rem 1.2rem;font-size:1rem}
p.err{color:#a01818}p.ok{color:#1b6b2a}`;

/** Only this exact style block may apply: a strict policy with no script at all. */
export const PAGE_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`;

function shell(language: SurveyLanguage, body: string): string {
  return `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(PAGE_TEXT[language].title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

export interface SurveyForm {
  language: SurveyLanguage;
  scale: CsatScale;
  action: string;
  rating: number | null;
  comment: string;
  error?: 'pick' | 'tooLong';
  /** Shown above the form after an answer that may still be changed. */
  saved?: boolean;
}

/** The scale and a comment box; a plain form, so it works without JavaScript. */
export function surveyPage(f: SurveyForm): string {
  const t = PAGE_TEXT[f.language];
  const options = [1, 2, 3, 4, 5]
    .map((value) => {
      const face = f.scale === 'emoji' ? EMOJI[value - 1] : String(value);
      const checked = f.rating === value ? ' checked' : '';
      return `<label class="r"><input type="radio" name="rating" value="${value}" required${checked}><span class="v" aria-hidden="true">${face}</span><small>${escapeHtml(t.ratings[value - 1] ?? '')}</small></label>`;
    })
    .join('');
  const notice = f.saved ? `<p class="ok" role="status">${escapeHtml(t.thanks)} ${escapeHtml(t.change)}</p>` : '';
  const error = f.error ? `<p class="err" role="alert">${escapeHtml(t[f.error])}</p>` : '';
  return shell(
    f.language,
    `<h1>${escapeHtml(t.question)}</h1>${notice}${error}<form method="post" action="${escapeHtml(f.action)}"><fieldset><legend>${escapeHtml(t.question)}</legend>${options}</fieldset><label for="comment">${escapeHtml(t.comment)}</label><textarea id="comment" name="comment" maxlength="2000">${escapeHtml(f.comment)}</textarea><button type="submit">${escapeHtml(t.submit)}</button></form>`,
  );
}

/** A page that only says something: thanks, expired, used, unknown. */
export function noticePage(language: SurveyLanguage, key: 'thanks' | 'expired' | 'used' | 'unknown'): string {
  const t = PAGE_TEXT[language];
  return shell(language, `<h1>${escapeHtml(t.title)}</h1><p role="status">${escapeHtml(t[key])}</p>`);
}
