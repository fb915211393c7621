import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../api/client.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { formatCapacity, parseCapacity, skillList } from './agent-profile-form.js';
import { useSave } from './useSave.js';

interface AgentProfile {
  id: string;
  name: string;
  presence: string;
  tier: number;
  languages: string[];
  channelTypes: string[];
  categories: string[];
  products: string[];
  capacity: Record<string, number>;
}

/** One agent's routing profile: support level, skills and how many conversations per channel type. */
function AgentProfileForm({ agent }: { agent: AgentProfile }) {
  const { t } = useI18n();
  const { run, error } = useSave('agents');
  const [tier, setTier] = useState(String(agent.tier));
  const [languages, setLanguages] = useState(agent.languages.join(', '));
  const [channelTypes, setChannelTypes] = useState(agent.channelTypes.join(', '));
  const [categories, setCategories] = useState(agent.categories.join(', '));
  const [products, setProducts] = useState(agent.products.join(', '));
  const [capacity, setCapacity] = useState(formatCapacity(agent.capacity));
  const [invalid, setInvalid] = useState(false);

  async function save(e: FormEvent) {
    e.preventDefault();
    const parsed = parseCapacity(capacity);
    setInvalid(parsed === null);
    if (!parsed) return;
    await run(() =>
      api.put(`/api/v1/agents/${agent.id}/profile`, { tier: Number(tier), languages: skillList(languages), channelTypes: skillList(channelTypes), categories: skillList(categories), products: skillList(products), capacity: parsed }),
    );
  }

  return (
    <form className="stack-form" onSubmit={save} data-testid="agent-profile">
      <h3>{agent.name} <span className="muted small">{t(`agents.presence.${agent.presence === 'online' ? 'online' : agent.presence === 'away' ? 'away' : 'offline'}`)}</span></h3>
      <label className="field"><span>{t('agents.tier')}</span><select value={tier} onChange={(e) => setTier(e.target.value)}>{['1', '2', '3'].map((x) => <option key={x} value={x}>{x}</option>)}</select></label>
      <label className="field"><span>{t('agents.languages')}</span><input value={languages} onChange={(e) => setLanguages(e.target.value)} /></label>
      <label className="field"><span>{t('agents.channelTypes')}</span><input value={channelTypes} onChange={(e) => setChannelTypes(e.target.value)} /></label>
      <label className="field"><span>{t('agents.categories')}</span><input value={categories} onChange={(e) => setCategories(e.target.value)} /></label>
      <label className="field"><span>{t('agents.products')}</span><input value={products} onChange={(e) => setProducts(e.target.value)} /></label>
      <label className="field"><span>{t('agents.capacity')}</span><input value={capacity} onChange={(e) => setCapacity(e.target.value)} aria-invalid={invalid} /></label>
      {invalid && <p className="error" role="alert">{t('agents.capacityInvalid')}</p>}
      <p className="muted small">{t('agents.anyHint')}</p>
      <button type="submit" className="primary">{t('common.save')}</button>
      {error && <p className="error" role="alert">{error}</p>}
    </form>
  );
}

export function AgentProfilesSettings() {
  const { t } = useI18n();
  const agents = useQuery({ queryKey: ['agents'], queryFn: () => api.get<{ items: AgentProfile[] }>('/api/v1/agents').then((p) => p.items) }).data ?? [];
  return (
    <section aria-labelledby="agents-title">
      <h2 id="agents-title">{t('agents.title')}</h2>
      {agents.map((a) => <AgentProfileForm key={a.id} agent={a} />)}
    </section>
  );
}
