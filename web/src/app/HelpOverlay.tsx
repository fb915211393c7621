import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n/I18nProvider.js';
import type { MessageKey } from '../i18n/en.js';

const rows: [string, MessageKey][] = [
  ['j', 'help.next'],
  ['k', 'help.prev'],
  ['r', 'help.reply'],
  ['a', 'help.assign'],
  ['e', 'help.resolve'],
  ['/', 'help.search'],
  ['?', 'help.help'],
  ['Esc', 'help.escape'],
];

export function HelpOverlay({ onClose }: { onClose(): void }) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="help-title" onCancel={onClose} onClose={onClose} data-testid="help-overlay">
      <h2 id="help-title">{t('help.title')}</h2>
      <table className="shortcuts">
        <tbody>
          {rows.map(([key, label]) => (
            <tr key={key}>
              <td><kbd>{key}</kbd></td>
              <td>{t(label)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={onClose} autoFocus>{t('common.close')}</button>
      </div>
    </dialog>
  );
}
