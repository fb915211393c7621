import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api/client.js';
import { useReadySession } from '../auth/SessionProvider.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { MessageKey } from '../i18n/en.js';
import { CATEGORIES, type OwnershipRuleDto, type ReplyTemplateDto } from '../reviews/types.js';
import { useSave } from './useSave.js';
import '../reviews/reviews.css';

const RATINGS = [1, 2, 3, 4, 5];
const categoryKey = (c: string) => `category.${c}` as MessageKey;

function band(min: number, max: number): string {
  return min === max ? '★'.repeat(min) : `${'★'.repeat(min)}–${'★'.repeat(max)}`;
}

function OwnershipRules() {
  const { t } = useI18n();
  const admin = useReadySession().role === 'admin';
  const rules = useQuery({ queryKey: ['review-rules'], queryFn: () => api.get<{ items: OwnershipRuleDto[] }>('/api/v1/review-ownership-rules').then((p) => p.items) });
  const { run, error } = useSave('review-rules');
  const empty = { minRating: 1, maxRating: 5, product: '', category: '', department: '', approvalDepartment: '' };
  const [form, setForm] = useState(empty);
  const set = (key: keyof typeof empty) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });

  async function add(e: FormEvent) {
    e.preventDefault();
    const body = { minRating: Number(form.minRating), maxRating: Number(form.maxRating), product: form.product || null, category: form.category || null, department: form.department, approvalDepartment: form.approvalDepartment || null };
    if (await run(() => api.post('/api/v1/review-ownership-rules', body))) setForm(empty);
  }

  // Order decides which rule wins, so the matrix is saved whole in its new order.
  async function moveUp(index: number) {
    const list = (rules.data ?? []).map(({ minRating, maxRating, product, category, brandId, department, approvalDepartment }) => ({ minRating, maxRating, product, category, brandId, department, approvalDepartment }));
    const [moved] = list.splice(index, 1);
    if (!moved) return;
    list.splice(index - 1, 0, moved);
    await run(() => api.put('/api/v1/review-ownership-rules', { rules: list }));
  }

  return (
    <section aria-labelledby="review-rules-title">
      <h3 id="review-rules-title">{t('reviews.settings.rules')}</h3>
      <p className="muted small">{t('reviews.settings.rulesHint')}</p>
      <ol className="plain review-rules" data-testid="review-rules">
        {(rules.data ?? []).map((r, i) => (
          <li key={r.id}>
            <span>{band(r.minRating, r.maxRating)}</span>
            {r.category && <span className="pill">{t(categoryKey(r.category))}</span>}
            {r.product && <span className="pill">{r.product}</span>}
            <span>→ {r.department}</span>
            {r.approvalDepartment && <span className="pill">{t('reviews.settings.approvedBy', { department: r.approvalDepartment })}</span>}
            {admin && i > 0 && <button type="button" data-testid="review-rule-up" aria-label={t('reviews.settings.moveUp')} onClick={() => void moveUp(i)}>↑</button>}
            {admin && <button type="button" onClick={() => void run(() => api.del(`/api/v1/review-ownership-rules/${r.id}`))}>{t('common.delete')}</button>}
          </li>
        ))}
      </ol>
      {admin && (
        <form className="stack-form" onSubmit={add} data-testid="review-rule-form">
          <div className="inline-form">
            <label className="field"><span>{t('reviews.settings.from')}</span><select value={form.minRating} onChange={set('minRating')}>{RATINGS.map((n) => <option key={n} value={n}>{'★'.repeat(n)}</option>)}</select></label>
            <label className="field"><span>{t('reviews.settings.to')}</span><select value={form.maxRating} onChange={set('maxRating')}>{RATINGS.map((n) => <option key={n} value={n}>{'★'.repeat(n)}</option>)}</select></label>
            <label className="field"><span>{t('reviews.topic')}</span><select value={form.category} onChange={set('category')}><option value="">{t('reviews.settings.any')}</option>{CATEGORIES.map((c) => <option key={c} value={c}>{t(categoryKey(c))}</option>)}</select></label>
            <label className="field"><span>{t('reviews.product')}</span><input maxLength={200} value={form.product} onChange={set('product')} /></label>
          </div>
          <div className="inline-form">
            <label className="field"><span>{t('reviews.owner')}</span><input required maxLength={40} placeholder="service" value={form.department} onChange={set('department')} /></label>
            <label className="field"><span>{t('reviews.approvalBy')}</span><input maxLength={40} placeholder="marketing" value={form.approvalDepartment} onChange={set('approvalDepartment')} /></label>
            <button type="submit" className="primary">{t('common.create')}</button>
          </div>
          <p className="muted small">{t('reviews.settings.departmentHint')}</p>
        </form>
      )}
      {error && <p className="error" role="alert">{error}</p>}
    </section>
  );
}

function ResponseTargets() {
  const { t } = useI18n();
  const admin = useReadySession().role === 'admin';
  const targets = useQuery({ queryKey: ['review-targets'], queryFn: () => api.get<{ hoursByRating: number[] }>('/api/v1/workspace/review-response-targets') });
  const { run, error } = useSave('review-targets');
  const [hours, setHours] = useState<number[]>([]);
  useEffect(() => setHours(targets.data?.hoursByRating ?? []), [targets.data]);

  async function save(e: FormEvent) {
    e.preventDefault();
    await run(() => api.put('/api/v1/workspace/review-response-targets', { hoursByRating: hours }));
  }

  return (
    <section aria-labelledby="review-targets-title">
      <h3 id="review-targets-title">{t('reviews.settings.targets')}</h3>
      <form className="inline-form" onSubmit={save}>
        {hours.map((h, i) => (
          <label key={i} className="field">
            <span>{'★'.repeat(i + 1)}</span>
            <input type="number" min={1} max={2160} required disabled={!admin} value={h} onChange={(e) => setHours(hours.map((v, j) => (j === i ? Number(e.target.value) : v)))} aria-label={t('reviews.settings.hoursFor', { n: i + 1 })} />
          </label>
        ))}
        <span className="muted">{t('reviews.settings.hours')}</span>
        {admin && <button type="submit" className="primary">{t('common.save')}</button>}
      </form>
      {error && <p className="error" role="alert">{error}</p>}
    </section>
  );
}

function ReplyTemplates() {
  const { t } = useI18n();
  const templates = useQuery({ queryKey: ['review-templates'], queryFn: () => api.get<{ items: ReplyTemplateDto[] }>('/api/v1/review-templates').then((p) => p.items) });
  const { run, error } = useSave('review-templates');
  const empty = { name: '', language: 'de', minRating: 4, maxRating: 5, category: '', body: '' };
  const [form, setForm] = useState(empty);
  // The template being changed; its fields fill the form and saving replaces them.
  const [editing, setEditing] = useState<string | null>(null);
  const set = (key: keyof typeof empty) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });

  function edit(tpl: ReplyTemplateDto) {
    setEditing(tpl.id);
    setForm({ name: tpl.name, language: tpl.language, minRating: tpl.minRating, maxRating: tpl.maxRating, category: tpl.category ?? '', body: tpl.body });
  }

  function reset() {
    setEditing(null);
    setForm(empty);
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    const body = { name: form.name, language: form.language, minRating: Number(form.minRating), maxRating: Number(form.maxRating), category: form.category || null, body: form.body };
    const saved = await run(() => (editing ? api.patch(`/api/v1/review-templates/${editing}`, body) : api.post('/api/v1/review-templates', body)));
    if (saved) reset();
  }

  return (
    <section aria-labelledby="review-templates-title">
      <h3 id="review-templates-title">{t('reviews.settings.templates')}</h3>
      <ul className="plain review-templates" data-testid="review-templates">
        {(templates.data ?? []).map((tpl) => (
          <li key={tpl.id}>
            <strong>{tpl.name}</strong>
            <span className="pill">{tpl.language}</span>
            <span>{band(tpl.minRating, tpl.maxRating)}</span>
            {tpl.category && <span className="pill">{t(categoryKey(tpl.category))}</span>}
            <button type="button" data-testid="review-template-edit" onClick={() => edit(tpl)}>{t('reviews.settings.edit')}</button>
            <button type="button" onClick={() => void run(() => api.del(`/api/v1/review-templates/${tpl.id}`))}>{t('common.delete')}</button>
            <pre>{tpl.body}</pre>
          </li>
        ))}
      </ul>
      <form className="stack-form" onSubmit={save}>
        <div className="inline-form">
          <label className="field"><span>{t('common.name')}</span><input required maxLength={200} value={form.name} onChange={set('name')} /></label>
          <label className="field"><span>{t('reviews.language')}</span><select value={form.language} onChange={set('language')}><option value="de">Deutsch</option><option value="en">English</option></select></label>
          <label className="field"><span>{t('reviews.settings.from')}</span><select value={form.minRating} onChange={set('minRating')}>{RATINGS.map((n) => <option key={n} value={n}>{'★'.repeat(n)}</option>)}</select></label>
          <label className="field"><span>{t('reviews.settings.to')}</span><select value={form.maxRating} onChange={set('maxRating')}>{RATINGS.map((n) => <option key={n} value={n}>{'★'.repeat(n)}</option>)}</select></label>
          <label className="field"><span>{t('reviews.topic')}</span><select value={form.category} onChange={set('category')}><option value="">{t('reviews.settings.any')}</option>{CATEGORIES.map((c) => <option key={c} value={c}>{t(categoryKey(c))}</option>)}</select></label>
        </div>
        <label className="field"><span>{t('reviews.settings.body')}</span><textarea data-testid="review-template-body" required rows={4} value={form.body} onChange={set('body')} /></label>
        <p className="muted small">{t('reviews.settings.variables')}</p>
        <div className="inline-form">
          <button type="submit" className="primary" data-testid="review-template-save">{t(editing ? 'common.save' : 'common.create')}</button>
          {editing && <button type="button" onClick={reset}>{t('common.cancel')}</button>}
        </div>
      </form>
      {error && <p className="error" role="alert">{error}</p>}
    </section>
  );
}

/** The review inbox's settings: who owns which reviews, how fast they are answered, and reply templates. */
export function ReviewSettings() {
  const { t } = useI18n();
  return (
    <section aria-labelledby="review-settings-title">
      <h2 id="review-settings-title">{t('reviews.settingsSection')}</h2>
      <OwnershipRules />
      <ResponseTargets />
      <ReplyTemplates />
    </section>
  );
}
