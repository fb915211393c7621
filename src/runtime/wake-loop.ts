export interface WakeLoop {
  /** Run the work now, or once more right after the run in progress. */
  wake(): void;
  stop(): Promise<void>;
}

/**
 * Runs `work` when woken and at least every `pollMs`, never twice at once. Waking is how
 * changes show up within milliseconds; polling is how work left by another process is found.
 * With `minGapMs`, runs start at least that far apart: under a burst of wake-ups a loop that
 * finds work rarely (rule webhooks, the bot) then looks a few times a second instead of once
 * per stored batch, while a single wake-up after a quiet spell still runs at once.
 */
export function startWakeLoop(work: (stopped: () => boolean) => Promise<void>, pollMs: number, onError: (err: unknown) => void, minGapMs = 0): WakeLoop {
  let stopped = false;
  let running: Promise<void> | null = null;
  let delayed: NodeJS.Timeout | null = null;
  let again = false;
  let lastStart = 0;

  async function run(): Promise<void> {
    again = false;
    lastStart = Date.now();
    try {
      await work(() => stopped);
    } catch (err) {
      onError(err);
    }
  }

  function wake(): void {
    if (stopped) return;
    if (running || delayed) {
      again = true;
      return;
    }
    const wait = lastStart + minGapMs - Date.now();
    if (wait > 0) {
      delayed = setTimeout(() => {
        delayed = null;
        wake();
      }, wait);
      return;
    }
    running = run().finally(() => {
      running = null;
      if (again) wake();
    });
  }

  const timer = setInterval(wake, pollMs);
  timer.unref();
  wake();
  return {
    wake,
    async stop() {
      stopped = true;
      clearInterval(timer);
      if (delayed) clearTimeout(delayed);
      delayed = null;
      await running;
    },
  };
}
