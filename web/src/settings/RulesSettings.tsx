import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { Rule, RuleEventType } from '../../../src/domain/routing-rule-schema.js';
import { api } from '../api/client.js';
import { useCanned, useTeams } from '../api/hooks.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { ACTION_TYPES, type ActionRow, type ConditionForm, type ConditionWords, describeCondition, rowsOf, toAction, toRuleCondition } from './rule-form.js';
import { emptyCondition, RuleConditionsEditor } from './RuleConditionsEditor.js';
import { useSave } from './useSave.js';

const EVENTS: RuleEventType[] = ['message.received', 'conversation.created', 'conversation.updated'];

interface TestResult {
  rules: { ruleId: string; name: string; fired: boolean }[];
  actions: ({ ruleId: string; type: string } & Record<string, unknown>)[];
  changes: Record<string, unknown>;
}

const emptyConditions = (): ConditionForm => ({ join: 'all', items: [emptyCondition()] });
const emptyAction = (): ActionRow => ({ type: 'setPriority', value: 'high' });

/** Automation rules in the order they run: reorder, switch on and off, edit, and try them on a conversation. */
export function RulesSettings() {
  const { t } = useI18n();
  const rules = useQuery({ queryKey: ['rules'], queryFn: () => api.get<{ items: Rule[] }>('/api/v1/rules').then((p) => p.items) }).data ?? [];
  const teams = useTeams().data ?? [];
  const canned = useCanned().data ?? [];
  const { run, error } = useSave('rules');
  const words: ConditionWords = { field: (f) => t(`rules.field.${f}`), op: (op) => t(`rules.op.${op}`), join: (join) => t(`rules.summary.${join}`) };
  const [editing, setEditing] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [events, setEvents] = useState<RuleEventType[]>(['message.received']);
  const [conditions, setConditions] = useState<ConditionForm>(emptyConditions);
  const [actions, setActions] = useState<ActionRow[]>([emptyAction()]);
  const [conversationId, setConversationId] = useState('');
  const [result, setResult] = useState<TestResult | null>(null);
  const [secret, setSecret] = useState<string | null>(null);

  const draft = () => ({ name, on: events, when: toRuleCondition(conditions), actions: actions.map(toAction) });
  const reset = () => {
    setEditing(null);
    setName('');
    setEvents(['message.received']);
    setConditions(emptyConditions());
    setActions([emptyAction()]);
  };
  const edit = (rule: Rule) => {
    const rows = rowsOf(rule);
    if (!rows) return;
    setEditing(rule.id);
    setName(rule.name);
    setEvents(rule.on);
    setConditions(rows.conditions.items.length > 0 ? rows.conditions : { ...rows.conditions, items: [emptyCondition()] });
    setActions(rows.actions);
  };

  async function save(e: FormEvent) {
    e.preventDefault();
    const enabled = rules.find((r) => r.id === editing)?.enabled ?? true;
    const saved = await run(() => (editing ? api.put<{ webhookSecret?: string }>(`/api/v1/rules/${editing}`, { ...draft(), enabled }) : api.post<{ webhookSecret?: string }>('/api/v1/rules', draft())));
    if (saved) {
      setSecret(saved.webhookSecret ?? null);
      reset();
    }
  }

  const move = (index: number, by: number) => {
    const ids = rules.map((r) => r.id);
    const [id] = ids.splice(index, 1);
    if (!id) return;
    ids.splice(index + by, 0, id);
    void run(() => api.post('/api/v1/rules/reorder', { ids }));
  };
  const toggle = (rule: Rule) => void run(() => api.put(`/api/v1/rules/${rule.id}`, { name: rule.name, on: rule.on, when: rule.when, actions: rule.actions, enabled: !rule.enabled }));

  async function test(e: FormEvent) {
    e.preventDefault();
    // The stored rules, with the one in the editor in place of (or after) its saved version.
    const draftRule = name.trim() ? [{ ...draft(), id: editing ?? 'draft', position: editing ? (rules.find((r) => r.id === editing)?.position ?? 0) : rules.length, enabled: true }] : [];
    const set = [...rules.filter((r) => r.id !== editing), ...draftRule];
    setResult(await run(() => api.post<TestResult>('/api/v1/rules/test', { conversationId: conversationId.trim(), rules: set, events })));
  }

  const parameter = (row: ActionRow, i: number) => {
    const set = (value: string) => setActions(actions.map((a, j) => (j === i ? { ...a, value } : a)));
    const label = t('rules.actionValue');
    if (row.type === 'setTeam') {
      return <select aria-label={label} value={row.value} onChange={(e) => set(e.target.value)}><option value="">–</option>{teams.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}</select>;
    }
    if (row.type === 'autoReply') {
      return <select aria-label={label} value={row.value} onChange={(e) => set(e.target.value)}><option value="">–</option>{canned.map((x) => <option key={x.id} value={x.id}>{x.title}</option>)}</select>;
    }
    return <input aria-label={label} value={row.value} onChange={(e) => set(e.target.value)} />;
  };

  return (
    <section aria-labelledby="rules-title">
      <h2 id="rules-title">{t('rules.title')}</h2>
      <p className="muted small">{t('rules.intro')}</p>
      <ol className="plain rules-list" data-testid="rules-list">
        {rules.map((rule, i) => (
          <li key={rule.id} data-testid="rule-row">
            <strong>{rule.name}</strong> <span className="muted small">{rule.on.map((e) => t(`rules.event.${e}`)).join(', ')}</span>
            {' '}<span className="small" data-testid="rule-condition-summary">{describeCondition(rule.when, words)}</span>
            {!rowsOf(rule) && <>{' '}<span className="muted small">{t('rules.nestedReadOnly')}</span></>}{' '}
            <label><input type="checkbox" checked={rule.enabled} onChange={() => toggle(rule)} /> {t('rules.enabled')}</label>
            <button type="button" disabled={i === 0} aria-label={t('rules.up')} onClick={() => move(i, -1)}>↑</button>
            <button type="button" disabled={i === rules.length - 1} aria-label={t('rules.down')} onClick={() => move(i, 1)}>↓</button>
            <button type="button" disabled={!rowsOf(rule)} onClick={() => edit(rule)}>{t('rules.edit')}</button>
            <button type="button" onClick={() => void run(() => api.del(`/api/v1/rules/${rule.id}`))}>{t('common.delete')}</button>
          </li>
        ))}
      </ol>
      {rules.length === 0 && <p className="muted">{t('rules.none')}</p>}

      <form className="stack-form" onSubmit={save} data-testid="rule-editor">
        <h3>{editing ? t('rules.editRule') : t('rules.addRule')}</h3>
        <label className="field"><span>{t('rules.name')}</span><input required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} data-testid="rule-name" /></label>
        <fieldset>
          <legend>{t('rules.events')}</legend>
          {EVENTS.map((ev) => (
            <label key={ev}><input type="checkbox" checked={events.includes(ev)} onChange={(e) => setEvents(e.target.checked ? [...events, ev] : events.filter((x) => x !== ev))} /> {t(`rules.event.${ev}`)}</label>
          ))}
        </fieldset>
        <RuleConditionsEditor value={conditions} onChange={setConditions} />
        <fieldset>
          <legend>{t('rules.actions')}</legend>
          {actions.map((a, i) => (
            <div key={i} className="row">
              <select aria-label={t('rules.actionType')} value={a.type} onChange={(e) => setActions(actions.map((x, j) => (j === i ? { type: e.target.value as ActionRow['type'], value: '' } : x)))} data-testid="rule-action-type">
                {ACTION_TYPES.map((type) => <option key={type} value={type}>{t(`rules.action.${type}`)}</option>)}
              </select>
              {parameter(a, i)}
              <button type="button" disabled={actions.length === 1} onClick={() => setActions(actions.filter((_, j) => j !== i))}>{t('common.delete')}</button>
            </div>
          ))}
          <button type="button" onClick={() => setActions([...actions, emptyAction()])}>{t('rules.addAction')}</button>
        </fieldset>
        <div className="row">
          <button type="submit" className="primary" data-testid="rule-save">{t('common.save')}</button>
          {editing && <button type="button" onClick={reset}>{t('common.cancel')}</button>}
        </div>
      </form>
      {secret && <p className="notice" role="status">{t('rules.webhookSecret', { secret })}</p>}

      <form className="stack-form" onSubmit={test}>
        <h3>{t('rules.test')}</h3>
        <label className="field"><span>{t('rules.testConversation')}</span><input required value={conversationId} onChange={(e) => setConversationId(e.target.value)} data-testid="rule-test-conversation" /></label>
        <button type="submit" data-testid="rule-test">{t('rules.runTest')}</button>
      </form>
      {result && (
        <div data-testid="rule-test-result" role="status">
          <ul className="plain">
            {result.rules.map((r) => <li key={r.ruleId}>{r.fired ? '✓' : '–'} {r.name || t('rules.draft')}: {r.fired ? t('rules.fired') : t('rules.notFired')}</li>)}
          </ul>
          {result.actions.length > 0 ? (
            <ul className="plain">
              {result.actions.map((a, i) => <li key={i}>{t(`rules.action.${a.type as ActionRow['type']}`)} {JSON.stringify(Object.fromEntries(Object.entries(a).filter(([k]) => k !== 'ruleId' && k !== 'type')))}</li>)}
            </ul>
          ) : (
            <p className="muted">{t('rules.nothingWouldHappen')}</p>
          )}
        </div>
      )}
      {error && <p className="error" role="alert">{error}</p>}
    </section>
  );
}
