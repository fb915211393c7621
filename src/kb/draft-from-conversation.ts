import { findArticle, toArticleDto, type ArticleDto } from '../db/articles.js';
import { type Actor, recordHistory } from '../db/history.js';
import type { Kysely } from 'kysely';
import type { ArticleLanguage, Database } from '../db/schema.js';
import { AppError } from '../domain/errors.js';
import { redactPii } from '../nlp/index.js';
import { type Editor, insertArticle } from './articles.js';

const HEADINGS: Record<ArticleLanguage, { question: string; answer: string }> = {
  de: { question: 'Frage', answer: 'Antwort' },
  en: { question: 'Question', answer: 'Answer' },
};

/** Personal data out: detected e-mail addresses, phone numbers, IBANs … and the customer's own name. */
function scrub(text: string, names: string[]): string {
  let out = redactPii(text);
  for (const name of names) out = out.replace(new RegExp(`(?<![\\p{L}])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'giu'), '[name]');
  return out.trim();
}

function titleFrom(subject: string | null, question: string): string {
  const first = (subject?.trim() || question.split(/(?<=[?.!])\s|\n/)[0] || question).replace(/\s+/g, ' ').trim();
  return first.length > 120 ? `${first.slice(0, 119)}…` : first || 'FAQ';
}

/**
 * "Turn into FAQ": a draft article from a resolved conversation, the customer's question (what
 * they wrote before the first reply) and the agent's last answer, with personal data removed, for
 * a reviewer to edit and publish. Asking again opens the same draft.
 */
export async function draftArticleFromConversation(db: Kysely<Database>, workspaceId: string, conversationId: string, editor: Editor & { actor: Actor }): Promise<{ article: ArticleDto; created: boolean }> {
  const conversation = await db
    .selectFrom('conversations')
    .innerJoin('contacts', 'contacts.id', 'conversations.contactId')
    .select(['conversations.id', 'conversations.status', 'conversations.subject', 'conversations.language', 'contacts.name'])
    .where('conversations.workspaceId', '=', workspaceId)
    .where('conversations.id', '=', conversationId)
    .executeTakeFirst();
  if (!conversation) throw new AppError('not_found', 'Conversation not found.');
  if (conversation.status !== 'resolved' && conversation.status !== 'closed') {
    throw new AppError('conflict', 'Only a resolved conversation can become an FAQ article: its answer should have worked.');
  }
  const existing = await db
    .selectFrom('articleConversations')
    .select('articleId')
    .where('workspaceId', '=', workspaceId)
    .where('conversationId', '=', conversationId)
    .where('via', '=', 'draft')
    .executeTakeFirst();
  if (existing) return { article: await toArticleDto(db, await findArticle(db, workspaceId, existing.articleId)), created: false };

  const messages = await db
    .selectFrom('messages')
    .select(['direction', 'text'])
    .where('workspaceId', '=', workspaceId)
    .where('conversationId', '=', conversationId)
    .where('direction', '<>', 'note')
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
  const firstReply = messages.findIndex((m) => m.direction === 'outbound');
  const asked = messages.slice(0, firstReply < 0 ? messages.length : firstReply).filter((m) => m.direction === 'inbound');
  const answer = messages.filter((m) => m.direction === 'outbound').at(-1);
  if (asked.length === 0 || !answer) throw new AppError('conflict', 'This conversation has no customer question with an agent\'s answer to draft from.');

  const language: ArticleLanguage = conversation.language === 'en' ? 'en' : 'de';
  const names = (conversation.name ?? '').split(/\s+/).filter((n) => n.length >= 3);
  const question = scrub(asked.map((m) => m.text).join('\n\n'), names);
  const reply = scrub(answer.text, names);
  const h = HEADINGS[language];
  const quoted = question.split('\n').map((line) => `> ${line}`.trimEnd()).join('\n');
  const input = { language, title: scrub(titleFrom(conversation.subject, question), names), bodyMd: `## ${h.question}\n\n${quoted}\n\n## ${h.answer}\n\n${reply}\n`, status: 'draft' as const };
  const article = await db.transaction().execute(async (trx) => {
    const created = await insertArticle(trx, workspaceId, editor, input, conversationId);
    await trx.insertInto('articleConversations').values({ workspaceId, articleId: created.id, conversationId, via: 'draft' }).execute();
    await recordHistory(trx, workspaceId, conversationId, editor.actor, 'article.drafted', { articleId: created.id });
    return created;
  });
  return { article, created: true };
}
