import { afterEach, describe, expect, it } from 'vitest';
import { startWakeLoop, type WakeLoop } from './wake-loop.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('wake loop', () => {
  let loop: WakeLoop | null = null;
  afterEach(async () => loop?.stop());

  it('runs at once when woken, never twice at the same time, and once more for wake-ups during a run', async () => {
    let runs = 0;
    let concurrent = 0;
    let maxConcurrent = 0;
    loop = startWakeLoop(
      async () => {
        runs++;
        concurrent++;
        maxConcurrent = Math.max(maxConcurrent, concurrent);
        await sleep(30);
        concurrent--;
      },
      60_000,
      () => {},
    );
    await sleep(5);
    for (let i = 0; i < 10; i++) loop.wake();
    await sleep(100);
    expect(runs).toBe(2);
    expect(maxConcurrent).toBe(1);
  });

  it('keeps runs a minimum gap apart under a storm of wake-ups, and still runs the first at once', async () => {
    const starts: number[] = [];
    loop = startWakeLoop(
      async () => {
        starts.push(Date.now());
      },
      60_000,
      () => {},
      50,
    );
    const stormEnds = Date.now() + 220;
    while (Date.now() < stormEnds) {
      loop.wake();
      await sleep(2);
    }
    await sleep(80);
    // About one run per 50 ms instead of one per wake-up (over a hundred of them).
    expect(starts.length).toBeGreaterThanOrEqual(3);
    expect(starts.length).toBeLessThanOrEqual(7);
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(45);
    const last = starts.length;
    await sleep(120);
    loop.wake();
    await sleep(5);
    expect(starts.length).toBe(last + 1);
  });
});
