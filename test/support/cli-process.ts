import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BIN = ['--import', 'tsx', path.resolve('src/cli/bin.ts')];

const created: string[] = [];

/** A data folder the `postgres` user can reach when the tests run as root. */
export async function tempDataDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'parley-cli-'));
  await chmod(dir, 0o755);
  created.push(dir);
  return path.join(dir, 'data');
}

/** Removes the data folders this test file made (each holds a whole PostgreSQL cluster). */
export async function removeTempDataDirs(): Promise<void> {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.NATS_URL;
  return env;
}

export async function parley(args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, [...BIN, ...args], { env: cleanEnv(), timeout: 60_000 });
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output(): string;
  exited: Promise<number | null>;
}

/** Starts `parley start` as its own process and waits for the URL it prints. */
export async function startServerProcess(dataDir: string, extra: string[] = [], options: { demo?: boolean } = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...BIN, 'start', '--data', dataDir, '--port', '0', ...(options.demo ? [] : ['--no-demo']), ...extra], { env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
    const check = () => {
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', check);
    void exited.then(() => reject(new Error(`server exited:\n${out}`)));
  });
  return { child, url, output: () => out, exited };
}

/** Stops a server a test left running (SIGTERM, then waits), and removes the test's data folders. */
export async function cleanUpServer(server: ServerProcess | null): Promise<void> {
  if (server && server.child.exitCode === null) {
    server.child.kill('SIGTERM');
    await server.exited;
  }
  await removeTempDataDirs();
}
