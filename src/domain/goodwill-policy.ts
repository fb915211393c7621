import { z } from 'zod';

export const GOODWILL_TYPES = ['voucher', 'refund', 'gift', 'free_shipping'] as const;
export type GoodwillType = (typeof GOODWILL_TYPES)[number];

const Amount = z.number().min(0).max(1_000_000);
const Currency = z.string().regex(/^[A-Z]{3}$/, 'a three-letter ISO 4217 code such as EUR');

/** What a workspace states about goodwill: what a new customer costs, and how far each kind may go. */
export const GoodwillPolicySchema = z
  .object({
    /** What marketing spends to win one new customer: the yardstick for keeping one. */
    acquisitionCost: Amount,
    currency: Currency,
    /** Largest amount one grant of each type may have; 0 switches a type off. */
    caps: z.object({ voucher: Amount, refund: Amount, gift: Amount, free_shipping: Amount }).strict(),
    /** Largest grant an agent may give without an admin; admins are bound only by caps and budgets. */
    approvalLimits: z.object({ agent: Amount }).strict(),
  })
  .strict();
export type GoodwillPolicy = z.infer<typeof GoodwillPolicySchema>;

export const DEFAULT_GOODWILL_POLICY: GoodwillPolicy = {
  acquisitionCost: 40,
  currency: 'EUR',
  caps: { voucher: 150, refund: 500, gift: 50, free_shipping: 15 },
  approvalLimits: { agent: 50 },
};

/** Monthly goodwill budgets per department (service, marketing, sales …), in the policy's currency. */
export const GoodwillBudgetsSchema = z
  .object({
    budgets: z
      .array(z.object({ department: z.string().trim().min(1).max(60), monthly: Amount }).strict())
      .max(50)
      .refine((b) => new Set(b.map((x) => x.department.toLowerCase())).size === b.length, 'each department may appear once'),
  })
  .strict();
export type GoodwillBudgets = z.infer<typeof GoodwillBudgetsSchema>;

export const GoodwillGrantSchema = z
  .object({
    type: z.enum(GOODWILL_TYPES),
    amount: z.union([z.number(), z.string().max(30)]),
    currency: Currency,
    reason: z.string().trim().min(1).max(2000),
    department: z.string().trim().min(1).max(60),
  })
  .strict();
export type GoodwillGrantInput = z.infer<typeof GoodwillGrantSchema>;
