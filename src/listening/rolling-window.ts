/** Values of the last `spanMs` milliseconds, with their median. */
export class RollingWindow {
  private times: number[] = [];
  private values: number[] = [];
  private head = 0;

  constructor(private readonly spanMs: number) {}

  push(ms: number, value: number): void {
    this.times.push(ms);
    this.values.push(value);
  }

  /** Median of the values newer than `nowMs - spanMs`, or null when there are none. */
  median(nowMs: number): number | null {
    this.evict(nowMs);
    const n = this.values.length - this.head;
    if (n <= 0) return null;
    const sorted = this.values.slice(this.head).sort((a, b) => a - b);
    const mid = n >> 1;
    const hi = sorted[mid] ?? 0;
    return n % 2 === 1 ? hi : ((sorted[mid - 1] ?? hi) + hi) / 2;
  }

  private evict(nowMs: number): void {
    const oldest = nowMs - this.spanMs;
    while (this.head < this.times.length && (this.times[this.head] ?? Infinity) < oldest) this.head++;
    // Compact now and then so the arrays do not grow without bound.
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.values = this.values.slice(this.head);
      this.head = 0;
    }
  }
}
