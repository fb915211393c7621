import type { ReactElement } from 'react';
import { navigate } from '../app/router.js';
import { useReadySession } from '../auth/SessionProvider.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { MessageKey } from '../i18n/en.js';
import { CannedSettings } from './CannedSettings.js';
import { ChannelsSettings } from './ChannelsSettings.js';
import { AgentProfilesSettings } from './AgentProfilesSettings.js';
import { HelpCenterSettings } from './HelpCenterSettings.js';
import { LabelsSettings } from './LabelsSettings.js';
import { QueuesSettings } from './QueuesSettings.js';
import { ReviewSettings } from './ReviewSettings.js';
import { RulesSettings } from './RulesSettings.js';
import { ServiceLevelsSettings } from './ServiceLevelsSettings.js';
import { TeamsSettings } from './TeamsSettings.js';
import { TokensSettings } from './TokensSettings.js';
import { UsersSettings } from './UsersSettings.js';
import { BotSettings } from '../knowledge/BotSettings.js';

const SECTIONS: { id: string; key: MessageKey; adminOnly: boolean; render: () => ReactElement }[] = [
  { id: 'users', key: 'settings.users', adminOnly: true, render: () => <UsersSettings /> },
  { id: 'teams', key: 'settings.teams', adminOnly: true, render: () => <TeamsSettings /> },
  { id: 'channels', key: 'settings.channels', adminOnly: true, render: () => <ChannelsSettings /> },
  { id: 'canned', key: 'settings.canned', adminOnly: false, render: () => <CannedSettings /> },
  { id: 'labels', key: 'settings.labels', adminOnly: true, render: () => <LabelsSettings /> },
  { id: 'service-levels', key: 'settings.serviceLevels', adminOnly: true, render: () => <ServiceLevelsSettings /> },
  { id: 'reviews', key: 'reviews.settingsSection', adminOnly: false, render: () => <ReviewSettings /> },
  { id: 'rules', key: 'rules.settings', adminOnly: true, render: () => <RulesSettings /> },
  { id: 'agents', key: 'agents.title', adminOnly: true, render: () => <AgentProfilesSettings /> },
  { id: 'queues', key: 'queues.title', adminOnly: false, render: () => <QueuesSettings /> },
  { id: 'tokens', key: 'settings.tokens', adminOnly: true, render: () => <TokensSettings /> },
  { id: 'bot', key: 'settings.bot', adminOnly: true, render: () => <BotSettings /> },
  { id: 'help-center', key: 'kb.settings', adminOnly: true, render: () => <HelpCenterSettings /> },
];

export default function SettingsPage({ section }: { section: string }) {
  const { t } = useI18n();
  const { role } = useReadySession();
  const admin = role === 'admin';
  const visible = SECTIONS.filter((s) => admin || !s.adminOnly);
  const current = visible.find((s) => s.id === section) ?? visible[0];
  return (
    <div className="settings-layout">
      <nav className="views" aria-label={t('settings.title')}>
        <h2 className="section-title">{t('settings.title')}</h2>
        <ul>
          {visible.map((s) => (
            <li key={s.id}>
              <a href={`/settings/${s.id}`} className={s.id === current?.id ? 'view active' : 'view'} aria-current={s.id === current?.id ? 'page' : undefined} onClick={(e) => {
                e.preventDefault();
                navigate(`/settings/${s.id}`);
              }}>{t(s.key)}</a>
            </li>
          ))}
        </ul>
        {!admin && <p className="hint">{t('settings.adminOnly')}</p>}
      </nav>
      <main id="main" className="page settings">{current?.render()}</main>
    </div>
  );
}
