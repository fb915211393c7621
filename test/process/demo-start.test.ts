import { afterAll, describe, expect, it } from 'vitest';
import { cleanUpServer, type ServerProcess, startServerProcess, tempDataDir } from '../support/cli-process.js';

describe('parley start with the demo workspace', () => {
  let server: ServerProcess | null = null;
  afterAll(() => cleanUpServer(server));

  it('prints the login and runs its workers quietly: the demo\'s stand-in channels are not polled or streamed', async () => {
    server = await startServerProcess(await tempDataDir(), [], { demo: true });
    expect(server.output()).toMatch(/Demo login: admin@demo\.example \/ \S+/);
    // Long enough for every polling loop (2 s, 5 s) to have run at least once.
    await new Promise((r) => setTimeout(r, 7_000));
    expect(server.output()).not.toMatch(/error/i);
  }, 90_000);
});
