import { getConversation } from '../../db/conversations.js';
import type { Db } from '../../db/schema.js';
import { articleLink } from '../article-link.js';
import { helpCenterAddress } from '../bot/bot-settings.js';
import { snippetOf } from './article-text.js';
import type { KnowledgeIndexes } from './knowledge-indexes.js';
import { asLanguage } from './knowledge-source.js';

export interface ArticleSuggestion {
  id: string;
  title: string;
  language: 'de' | 'en';
  status: 'published' | 'internal';
  score: number;
  confidence: number;
  snippet: string;
  /** The text an agent inserts into the reply: the answer, and the link when the article is public. */
  insertText: string;
  url: string | null;
}

export interface PastAnswerSuggestion {
  messageId: string;
  conversationId: string;
  question: string;
  snippet: string;
  insertText: string;
  score: number;
}

/** Only what the customer wrote since the team last answered is the open question. */
const RECENT_INBOUND = 3;
const LIMIT = 5;

/** The articles and past answers that fit the latest customer messages of a conversation. */
export async function suggestForConversation(db: Db, indexes: KnowledgeIndexes, workspaceId: string, conversationId: string, publicUrl: string) {
  const conversation = await getConversation(db, workspaceId, conversationId);
  const recent = await db
    .selectFrom('messages')
    .select(['direction', 'text'])
    .where('workspaceId', '=', workspaceId)
    .where('conversationId', '=', conversation.id)
    .where('direction', 'in', ['inbound', 'outbound'])
    .orderBy('createdAt', 'desc')
    .limit(20)
    .execute();
  const lastAnswer = recent.findIndex((m) => m.direction === 'outbound');
  const open = (lastAnswer === -1 ? recent : recent.slice(0, lastAnswer)).filter((m) => m.direction === 'inbound');
  const asked = (open.length > 0 ? open : recent.filter((m) => m.direction === 'inbound')).slice(0, RECENT_INBOUND);
  const query = asked.map((m) => m.text).reverse().join('\n');
  if (!query.trim()) return { query: '', articles: [], pastAnswers: [] };

  const language = asLanguage(conversation.language);
  const [articles, answers, helpCenterUrl] = await Promise.all([
    indexes.articlesOf(db, workspaceId),
    indexes.pastAnswersOf(db, workspaceId),
    helpCenterAddress(db, workspaceId, publicUrl),
  ]);
  const articleSuggestions: ArticleSuggestion[] = articles.search(query, { language, limit: LIMIT }).map(({ doc, score, confidence }) => {
    const url = articleLink(helpCenterUrl, doc);
    return {
      id: doc.id,
      title: doc.title,
      language: doc.language,
      status: doc.status === 'published' ? 'published' : 'internal',
      score: round(score),
      confidence: round(confidence),
      snippet: snippetOf(doc.answer),
      insertText: url ? `${doc.answer}\n\n${url}` : doc.answer,
      url,
    };
  });
  const pastAnswers: PastAnswerSuggestion[] = answers
    .search(query, { language, limit: LIMIT })
    .filter(({ doc }) => doc.conversationId !== conversation.id)
    .map(({ doc, score }) => ({
      messageId: doc.id,
      conversationId: doc.conversationId,
      question: snippetOf(doc.questions[0] ?? '', 160),
      snippet: snippetOf(doc.answer),
      insertText: doc.answer,
      score: round(score),
    }));
  return { query, articles: articleSuggestions, pastAnswers };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
