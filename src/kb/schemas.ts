import { z } from 'zod';

// Request shapes of the knowledge base and the help center settings, shared by validation and the
// OpenAPI document.

export const ArticleLanguageSchema = z.enum(['de', 'en']);
const Title = z.string().trim().min(1).max(200);
const Body = z.string().max(100_000);
const Tags = z.array(z.string().trim().min(1).max(40)).max(20);
const Slug = z.string().max(80).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
const EditableStatus = z.enum(['draft', 'internal']);

export const ArticleCreateBody = z
  .object({
    language: ArticleLanguageSchema,
    title: Title,
    bodyMd: Body,
    categoryId: z.uuid().nullable().optional(),
    tags: Tags.optional(),
    status: EditableStatus.optional(),
    slug: Slug.optional(),
    relatedIds: z.array(z.uuid()).max(20).optional(),
    translationOf: z.uuid().optional(),
  })
  .strict();

export const ArticlePatchBody = ArticleCreateBody.omit({ translationOf: true }).partial().extend({ translationOf: z.uuid().nullable().optional() }).strict();

export const ArticleListQuery = z
  .object({
    status: z
      .string()
      .regex(/^(draft|internal|published)(,(draft|internal|published))*$/)
      .transform((s) => s.split(',') as ('draft' | 'internal' | 'published')[])
      .optional(),
    language: ArticleLanguageSchema.optional(),
    categoryId: z.uuid().optional(),
    tag: z.string().trim().min(1).max(40).optional(),
    q: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export const VersionParams = z.object({ id: z.uuid(), version: z.coerce.number().int().min(1) }).strict();

export const KbCategoryBody = z
  .object({ slug: Slug.min(1), nameDe: z.string().trim().min(1).max(100), nameEn: z.string().trim().min(1).max(100), position: z.number().int().min(0).max(10_000).optional() })
  .strict();

/** Colours are only ever #rrggbb: anything else could break out of the style attribute. */
export const HelpCenterBody = z
  .object({
    logoUrl: z.url({ protocol: /^https$/ }).max(2048).nullable(),
    primaryColor: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/)
      .transform((c) => c.toLowerCase())
      .nullable(),
    customHost: z
      .string()
      .max(253)
      .transform((h) => h.toLowerCase())
      .pipe(z.string().regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/))
      .nullable(),
  })
  .strict();
