import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDemoWorkspace } from '../demo/seed.js';
import { AppError } from '../domain/errors.js';
import { type Role, startParley } from '../server.js';
import { dataFlag, flags } from './args.js';
import type { Io } from './commands.js';

function webDir(): string | null {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const candidate of [path.resolve(here, '../../dist/web'), path.resolve(here, '../web'), path.resolve(here, '../../web/dist')]) {
    if (existsSync(path.join(candidate, 'index.html'))) return candidate;
  }
  return null;
}

export async function startCommand(argv: string[], io: Io): Promise<void> {
  const f = flags(argv, {
    ...dataFlag,
    port: { type: 'string', default: io.env.PORT ?? '3000' },
    host: { type: 'string', default: io.env.PARLEY_HOST ?? '127.0.0.1' },
    role: { type: 'string', default: 'all' },
    'smtp-port': { type: 'string', default: io.env.PARLEY_SMTP_PORT ?? '' },
    'no-demo': { type: 'boolean', default: false },
  });
  const port = Number(f.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new AppError('invalid', '--port must be a number between 0 and 65535.');
  const smtpPort = f['smtp-port'] === '' ? undefined : Number(f['smtp-port']);
  if (smtpPort !== undefined && (!Number.isInteger(smtpPort) || smtpPort < 0 || smtpPort > 65535)) throw new AppError('invalid', '--smtp-port must be a number between 0 and 65535.');
  const tlsKey = io.env.PARLEY_SMTP_TLS_KEY;
  const tlsCert = io.env.PARLEY_SMTP_TLS_CERT;
  if (Boolean(tlsKey) !== Boolean(tlsCert)) throw new AppError('invalid', 'Set both PARLEY_SMTP_TLS_KEY and PARLEY_SMTP_TLS_CERT (PEM files) to offer STARTTLS, or neither.');
  if (f.role !== 'all' && f.role !== 'api' && f.role !== 'worker') throw new AppError('invalid', '--role must be all, api or worker.');
  const role: Role = f.role;
  if (role !== 'all' && !io.env.NATS_URL) throw new AppError('invalid', `--role ${role} splits Parley into processes, which talk over NATS: set NATS_URL.`);

  const publicUrl = io.env.PARLEY_PUBLIC_URL;
  if (publicUrl !== undefined && !/^https?:\/\/[^/\s]+/.test(publicUrl)) throw new AppError('invalid', 'PARLEY_PUBLIC_URL must be the http(s) address people open Parley at, e.g. https://care.example.com.');

  io.out(io.env.DATABASE_URL ? 'Connecting to PostgreSQL at DATABASE_URL…' : `Starting the embedded PostgreSQL in ${path.resolve(f.data, 'pg')} (the first start takes a few seconds)…`);
  const running = await startParley({
    dataDir: f.data,
    ...(io.env.DATABASE_URL && { databaseUrl: io.env.DATABASE_URL }),
    ...(io.env.NATS_URL && { natsUrl: io.env.NATS_URL }),
    role,
    port,
    host: f.host,
    ...(smtpPort !== undefined && { smtpPort }),
    ...(tlsKey && tlsCert && { smtpTls: { key: readFileSync(tlsKey), cert: readFileSync(tlsCert) } }),
    webDir: webDir(),
    logger: io.env.LOG_LEVEL !== undefined,
    secureCookies: io.env.PARLEY_SECURE_COOKIES === '1',
    ...(publicUrl && { publicUrl }),
    allowPrivateNetworks: io.env.PARLEY_ALLOW_PRIVATE_WEBHOOKS === '1',
    log: (line) => io.err(line),
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    io.out(`${signal} received: finishing requests and stopping PostgreSQL…`);
    running.stop().then(
      () => {
        io.out('Parley stopped.');
        process.exit(0);
      },
      (err: unknown) => {
        io.err(`Shutdown failed: ${err instanceof Error ? err.message : String(err)}`);
        process.exit(1);
      },
    );
  };
  // Requests finish, workers stop, then the database.
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  if (!f['no-demo'] && role !== 'worker') {
    io.out('Preparing the demo workspace…');
    const demo = await ensureDemoWorkspace(running.db, io.env.PARLEY_DEMO_PASSWORD);
    io.out(`Demo login: ${demo.email} / ${demo.password ?? '(printed at the first start; set PARLEY_DEMO_PASSWORD to choose a new one)'}`);
  }
  if (running.smtpPort !== null) io.out(`Receiving mail over SMTP on ${f.host}:${running.smtpPort}`);
  io.out(role === 'worker' ? 'Parley worker running.' : `Parley is running at ${running.url}`);
}
