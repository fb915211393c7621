export interface WakeLoop {
  /** Run the work now, or once more right after the run in progress. */
  wake(): void;
  stop(): Promise<void>;
}

/**
 * Runs `work` when woken and at least every `pollMs`, never twice at once. Waking is how
 * changes show up within milliseconds; polling is how work left by another process is found.
 */
export function startWakeLoop(work: (stopped: () => boolean) => Promise<void>, pollMs: number, onError: (err: unknown) => void): WakeLoop {
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;

  async function run(): Promise<void> {
    do {
      again = false;
      try {
        await work(() => stopped);
      } catch (err) {
        onError(err);
      }
    } while (again && !stopped);
  }

  function wake(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = run().finally(() => {
      running = null;
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
      await running;
    },
  };
}
