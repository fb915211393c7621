/**
 * The public address of a published article on the help center (`helpCenterAddress`): its
 * language and slug, as the help center's article pages are addressed. Unpublished articles have none.
 */
export function articleLink(helpCenterUrl: string | null, article: { status: string; language: string; slug: string }): string | null {
  if (!helpCenterUrl || article.status !== 'published') return null;
  return `${helpCenterUrl.replace(/\/+$/, '')}/${article.language}/articles/${encodeURIComponent(article.slug)}`;
}
