import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.js';
import { useI18n } from '../i18n/I18nProvider.js';

interface ArticleSuggestion {
  id: string;
  title: string;
  language: 'de' | 'en';
  status: 'published' | 'internal';
  confidence: number;
  snippet: string;
  insertText: string;
  url: string | null;
}

interface PastAnswerSuggestion {
  messageId: string;
  conversationId: string;
  question: string;
  snippet: string;
  insertText: string;
}

interface Suggestions {
  articles: ArticleSuggestion[];
  pastAnswers: PastAnswerSuggestion[];
}

/** Articles and past answers that fit the customer's open question; one click puts one into the reply box. */
export function SuggestionsPanel({ conversationId, messageCount, onInsert }: { conversationId: string; messageCount: number; onInsert: (text: string, articleId?: string) => void }) {
  const { t } = useI18n();
  // The message count is part of the key so a new customer message brings fresh suggestions.
  const { data } = useQuery({
    queryKey: ['suggestions', conversationId, messageCount],
    queryFn: () => api.get<Suggestions>(`/api/v1/conversations/${conversationId}/suggestions`),
  });
  const articles = data?.articles ?? [];
  const answers = data?.pastAnswers ?? [];
  return (
    <details className="suggestions" open data-testid="suggestions">
      <summary>{t('kb.suggestions', { n: articles.length + answers.length })}</summary>
      {articles.length + answers.length === 0 && <p className="muted">{t('kb.noSuggestions')}</p>}
      <ul>
        {articles.map((a) => (
          <li key={a.id} data-testid="suggestion-article">
            <strong>{a.title}</strong> <span className="pill">{a.status === 'published' ? t('kb.published') : t('kb.internal')}</span>{' '}
            <span className="muted">{t('kb.confidence', { percent: Math.round(a.confidence * 100) })}</span>
            <p className="muted">{a.snippet}</p>
            <button type="button" data-testid="suggestion-insert" onClick={() => onInsert(a.insertText, a.id)}>{t('kb.insert')}</button>
            {a.url && <> <a href={a.url} target="_blank" rel="noreferrer noopener">{t('kb.open')}</a></>}
          </li>
        ))}
        {answers.map((a) => (
          <li key={a.messageId} data-testid="suggestion-answer">
            <strong>{t('kb.pastAnswer')}</strong> <q>{a.question}</q>
            <p className="muted">{a.snippet}</p>
            <button type="button" onClick={() => onInsert(a.insertText)}>{t('kb.insert')}</button>
          </li>
        ))}
      </ul>
    </details>
  );
}
