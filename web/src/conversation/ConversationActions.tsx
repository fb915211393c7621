import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useLabels, useTeams, useUsers } from '../api/hooks.js';
import { api, ApiError } from '../api/client.js';
import { navigate } from '../app/router.js';
import type { ConversationDetail, ConversationStatus, Priority } from '../api/types.js';
import { useReadySession } from '../auth/SessionProvider.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { HandoverDialog } from './HandoverDialog.js';
import { patchConversation, setLabel, type ConversationPatch } from './patch.js';

const STATUSES: ConversationStatus[] = ['open', 'pending', 'snoozed', 'resolved', 'closed'];
const PRIORITIES: Priority[] = ['low', 'normal', 'high', 'urgent'];

function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

export function ConversationActions({ conversation: c }: { conversation: ConversationDetail }) {
  const { t } = useI18n();
  const session = useReadySession();
  const client = useQueryClient();
  const users = useUsers().data ?? [];
  const teams = useTeams().data ?? [];
  const labels = useLabels().data ?? [];
  const [handover, setHandover] = useState<ConversationPatch | null>(null);
  const [snooze, setSnooze] = useState(toLocalInput(c.snoozedUntil));
  const [error, setError] = useState<string | null>(null);
  const readOnly = session.role === 'viewer';

  async function save(patch: ConversationPatch) {
    setError(null);
    try {
      await patchConversation(client, c.id, patch, session.user.id);
    } catch (err) {
      setError(t('common.error', { message: err instanceof ApiError ? err.message : String(err) }));
    }
  }

  async function toggleLabel(labelId: string, on: boolean) {
    setError(null);
    try {
      await setLabel(client, c.id, labelId, on, session.user.id);
    } catch (err) {
      setError(t('common.error', { message: err instanceof ApiError ? err.message : String(err) }));
    }
  }

  // The draft opens in the knowledge base for a reviewer; asking again opens the same draft.
  async function turnIntoFaq() {
    setError(null);
    try {
      const draft = await api.post<{ id: string }>(`/api/v1/conversations/${c.id}/article-draft`);
      navigate(`/knowledge/${draft.id}`);
    } catch (err) {
      setError(t('common.error', { message: err instanceof ApiError ? err.message : String(err) }));
    }
  }

  const unusedLabels = labels.filter((l) => !c.labels.includes(l.name));
  return (
    <section className="actions" aria-label={t('conv.actions')}>
      <div className="action-grid">
        <label className="field compact">
          <span>{t('conv.assignTo')}</span>
          <select data-testid="assignee-select" disabled={readOnly} value={c.assigneeId ?? ''} onChange={(e) => void save({ assigneeId: e.target.value || null })}>
            <option value="">{t('inbox.unassigned')}</option>
            {users.filter((u) => !u.disabled).map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
          </select>
        </label>
        <button type="button" data-testid="assign-me" disabled={readOnly || c.assigneeId === session.user.id} onClick={() => void save({ assigneeId: session.user.id })}>{t('conv.assignMe')}</button>
        <label className="field compact">
          <span>{t('conv.status')}</span>
          <select data-testid="status-select" disabled={readOnly} value={c.status} onChange={(e) => void save({ status: e.target.value as ConversationStatus })}>
            {STATUSES.map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}
          </select>
        </label>
        <label className="field compact">
          <span>{t('conv.priority')}</span>
          <select disabled={readOnly} value={c.priority} onChange={(e) => void save({ priority: e.target.value as Priority })}>
            {PRIORITIES.map((p) => <option key={p} value={p}>{t(`priority.${p}`)}</option>)}
          </select>
        </label>
        <label className="field compact">
          <span>{t('conv.tier')}</span>
          <select data-testid="tier-select" disabled={readOnly} value={c.tier} onChange={(e) => setHandover({ tier: Number(e.target.value) as 1 | 2 | 3 })}>
            {[1, 2, 3].map((n) => <option key={n} value={n}>{t('tier.label', { tier: n })}</option>)}
          </select>
        </label>
        <label className="field compact">
          <span>{t('conv.team')}</span>
          <select data-testid="team-select" disabled={readOnly} value={c.teamId ?? ''} onChange={(e) => setHandover({ teamId: e.target.value || null })}>
            <option value="">{t('common.none')}</option>
            {teams.map((tm) => <option key={tm.id} value={tm.id}>{tm.name}</option>)}
          </select>
        </label>
        <div className="field compact snooze">
          <label htmlFor={`snooze-${c.id}`}>{t('conv.snooze')}</label>
          <span className="inline">
            <input id={`snooze-${c.id}`} type="datetime-local" disabled={readOnly} value={snooze} onChange={(e) => setSnooze(e.target.value)} />
            <button type="button" disabled={readOnly || !snooze} onClick={() => void save({ status: 'snoozed', snoozedUntil: new Date(snooze).toISOString() })}>{t('conv.snoozeSet')}</button>
          </span>
        </div>
        <button type="button" data-testid="resolve" className="primary" disabled={readOnly || c.status === 'resolved'} onClick={() => void save({ status: 'resolved' })}>{t('conv.resolve')}</button>
        {!readOnly && (c.status === 'resolved' || c.status === 'closed') && <button type="button" data-testid="turn-into-faq" onClick={() => void turnIntoFaq()}>{t('kb.turnIntoFaq')}</button>}
      </div>
      <div className="labels-row" aria-label={t('conv.labels')}>
        {c.labels.map((name) => {
          const label = labels.find((l) => l.name === name);
          return (
            <span key={name} className="chip" style={label ? { borderColor: label.color } : undefined}>
              <span className="dot" style={{ background: label?.color ?? '#64748b' }} aria-hidden="true" />
              {name}
              {label && !readOnly && <button type="button" className="chip-x" aria-label={t('conv.removeLabel', { name })} onClick={() => void toggleLabel(label.id, false)}>×</button>}
            </span>
          );
        })}
        {!readOnly && unusedLabels.length > 0 && (
          <select aria-label={t('conv.addLabel')} data-testid="add-label" value="" onChange={(e) => e.target.value && void toggleLabel(e.target.value, true)}>
            <option value="">+ {t('conv.addLabel')}</option>
            {unusedLabels.map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
          </select>
        )}
      </div>
      {error && <p className="error" role="alert">{error}</p>}
      {handover && (
        <HandoverDialog
          onCancel={() => setHandover(null)}
          onConfirm={(note) => {
            const patch = { ...handover, handoverNote: note };
            setHandover(null);
            void save(patch);
          }}
        />
      )}
    </section>
  );
}
