/**
 * The public address of a published article: the workspace's help center address (set in the bot
 * settings) followed by the article's language and slug. Unpublished articles have none.
 */
export function articleLink(helpCenterUrl: string | null, article: { status: string; language: string; slug: string }): string | null {
  if (!helpCenterUrl || article.status !== 'published') return null;
  return `${helpCenterUrl.replace(/\/+$/, '')}/${article.language}/${encodeURIComponent(article.slug)}`;
}
