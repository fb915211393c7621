import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/I18nProvider.js';

interface Props {
  onConfirm(note: string): void;
  onCancel(): void;
}

/** Changing level or team hands the case over; the server requires a note and so do we, up front. */
export function HandoverDialog({ onConfirm, onCancel }: Props) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState(false);

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!note.trim()) {
      setError(true);
      return;
    }
    onConfirm(note.trim());
  }

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="handover-title" onCancel={onCancel} data-testid="handover-dialog">
      <form onSubmit={submit}>
        <h2 id="handover-title">{t('handover.title')}</h2>
        <p>{t('handover.explain')}</p>
        <label className="field">
          <span>{t('handover.note')}</span>
          <textarea data-testid="handover-note" rows={4} value={note} onChange={(e) => setNote(e.target.value)} aria-invalid={error} autoFocus />
        </label>
        {error && <p className="error" role="alert">{t('handover.required')}</p>}
        <div className="dialog-actions">
          <button type="button" onClick={onCancel}>{t('common.cancel')}</button>
          <button type="submit" className="primary" data-testid="handover-confirm">{t('handover.confirm')}</button>
        </div>
      </form>
    </dialog>
  );
}
