// Metrics shared by training (tuning on dev splits) and evaluation.

export function accuracy<L>(gold: L[], predicted: L[]): number {
  let right = 0;
  for (let i = 0; i < gold.length; i++) if (gold[i] === predicted[i]) right++;
  return gold.length ? right / gold.length : 0;
}

function perClass<L>(gold: L[], predicted: L[], labels: readonly L[]): { precision: number; recall: number }[] {
  return labels.map((label) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < gold.length; i++) {
      if (predicted[i] === label && gold[i] === label) tp++;
      else if (predicted[i] === label) fp++;
      else if (gold[i] === label) fn++;
    }
    return { precision: tp + fp ? tp / (tp + fp) : 0, recall: tp + fn ? tp / (tp + fn) : 0 };
  });
}

export function macroF1<L>(gold: L[], predicted: L[], labels: readonly L[]): number {
  const f1 = perClass(gold, predicted, labels).map(({ precision, recall }) =>
    precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
  );
  return f1.reduce((a, b) => a + b, 0) / labels.length;
}

export function macroRecall<L>(gold: L[], predicted: L[], labels: readonly L[]): number {
  return perClass(gold, predicted, labels).reduce((a, c) => a + c.recall, 0) / labels.length;
}

/** Accuracy of always answering the most frequent gold label: the baseline every figure is read against. */
export function majorityBaseline<L>(gold: L[]): number {
  const counts = new Map<L, number>();
  for (const g of gold) counts.set(g, (counts.get(g) ?? 0) + 1);
  return gold.length ? Math.max(...counts.values()) / gold.length : 0;
}

export function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}
