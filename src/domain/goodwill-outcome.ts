/** One goodwill grant (or one complaint without goodwill, for the baseline) and what became of its customer. */
export interface OutcomeCase {
  department: string;
  reason: string;
  channelId: string | null;
  channelName: string | null;
  amountMinor: number;
  voucher: boolean;
  redeemed: boolean;
  /** A repeat order the customer kept was placed within the window. */
  retained: boolean;
  /** The outcome is known: retained, or the window has ended without a kept order. */
  decided: boolean;
}

export interface OutcomeGroup {
  key: string | null;
  name: string | null;
  cases: number;
  amountMinor: number;
  decided: number;
  retained: number;
  /** retained / decided; null while no outcome is known. */
  retainedShare: number | null;
  vouchers: number;
  redeemed: number;
  /** redeemed / vouchers; null without vouchers. */
  redemptionRate: number | null;
}

const share = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null);

function summarise(key: string | null, name: string | null, cases: readonly OutcomeCase[]): OutcomeGroup {
  let amountMinor = 0;
  let decided = 0;
  let retained = 0;
  let vouchers = 0;
  let redeemed = 0;
  for (const c of cases) {
    amountMinor += c.amountMinor;
    if (c.decided) decided++;
    if (c.retained) retained++;
    if (c.voucher) vouchers++;
    if (c.redeemed) redeemed++;
  }
  return { key, name, cases: cases.length, amountMinor, decided, retained, retainedShare: share(retained, decided), vouchers, redeemed, redemptionRate: share(redeemed, vouchers) };
}

/** Cases grouped by a key, largest group first; the group's name is its key unless one is given. */
export function groupOutcomes(cases: readonly OutcomeCase[], keyOf: (c: OutcomeCase) => { key: string | null; name: string | null }): OutcomeGroup[] {
  const groups = new Map<string, { key: string | null; name: string | null; cases: OutcomeCase[] }>();
  for (const c of cases) {
    const { key, name } = keyOf(c);
    const id = key ?? '';
    const group = groups.get(id) ?? { key, name, cases: [] };
    group.cases.push(c);
    groups.set(id, group);
  }
  return [...groups.values()].map((g) => summarise(g.key, g.name, g.cases)).sort((a, b) => b.cases - a.cases || String(a.name).localeCompare(String(b.name)));
}

export function totalOutcome(cases: readonly OutcomeCase[]): OutcomeGroup {
  return summarise(null, null, cases);
}
