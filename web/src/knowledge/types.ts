export type ArticleStatus = 'draft' | 'internal' | 'published';
export type ArticleLanguage = 'de' | 'en';

export interface ArticleSummary {
  id: string;
  translationGroup: string;
  language: ArticleLanguage;
  slug: string;
  title: string;
  categoryId: string | null;
  tags: string[];
  status: ArticleStatus;
  version: number;
  updatedAt: string;
}

export interface Article extends ArticleSummary {
  bodyMd: string;
  reviewedAt: string | null;
  helpfulYes: number;
  helpfulNo: number;
  relatedIds: string[];
  translations: { id: string; language: ArticleLanguage; title: string; status: ArticleStatus }[];
}

export interface KbCategory {
  id: string;
  slug: string;
  nameDe: string;
  nameEn: string;
}

export interface ArticleVersion {
  version: number;
  title: string;
  createdAt: string;
}

export interface ArticleVersionDetail extends ArticleVersion {
  diff: { kind: 'same' | 'added' | 'removed'; text: string }[];
}
