/** Values of the last `spanMs` milliseconds, kept sorted so the median costs no sort. */
export class RollingWindow {
  private times: number[] = [];
  private values: number[] = [];
  private head = 0;
  private readonly sorted: number[] = [];

  constructor(private readonly spanMs: number) {}

  push(ms: number, value: number): void {
    this.times.push(ms);
    this.values.push(value);
    this.sorted.splice(lowerBound(this.sorted, value), 0, value);
  }

  /** Median of the values newer than `nowMs - spanMs`, or null when there are none. */
  median(nowMs: number): number | null {
    this.evict(nowMs);
    const n = this.sorted.length;
    if (n === 0) return null;
    const mid = n >> 1;
    const hi = this.sorted[mid] ?? 0;
    return n % 2 === 1 ? hi : ((this.sorted[mid - 1] ?? hi) + hi) / 2;
  }

  private evict(nowMs: number): void {
    const oldest = nowMs - this.spanMs;
    while (this.head < this.times.length && (this.times[this.head] ?? Infinity) < oldest) {
      this.sorted.splice(lowerBound(this.sorted, this.values[this.head] ?? 0), 1);
      this.head++;
    }
    // Compact now and then so the arrays do not grow without bound.
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.values = this.values.slice(this.head);
      this.head = 0;
    }
  }
}

function lowerBound(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? Infinity) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
