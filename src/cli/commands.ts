import { randomBytes } from 'node:crypto';
import { createApiToken } from '../db/api-tokens.js';
import type { Role as UserRole } from '../db/schema.js';
import { createUser } from '../db/users.js';
import { trainWorkspace } from '../db/workspace-learning.js';
import { createWorkspace, getWorkspaceBySlug } from '../db/workspaces.js';
import { AppError } from '../domain/errors.js';
import { openStorage } from '../server.js';
import { dataFlag, flags, required } from './args.js';

export interface Io {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
}

function roleOf(value: string | boolean | undefined): UserRole {
  if (value === 'admin' || value === 'agent' || value === 'viewer') return value;
  throw new AppError('invalid', '--role must be admin, agent or viewer.');
}

async function withStorage<T>(dataDir: string, io: Io, work: (db: Awaited<ReturnType<typeof openStorage>>['db']) => Promise<T>): Promise<T> {
  const storage = await openStorage({ dataDir, ...(io.env.DATABASE_URL && { databaseUrl: io.env.DATABASE_URL }) });
  try {
    return await work(storage.db);
  } finally {
    await storage.close();
  }
}

export async function migrateCommand(argv: string[], io: Io): Promise<void> {
  const f = flags(argv, { ...dataFlag });
  await withStorage(f.data, io, async () => {});
  io.out('Database is on the latest schema.');
}

export async function workspaceCommand(argv: string[], io: Io): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub !== 'create') throw new AppError('invalid', 'Usage: parley workspace create --slug SLUG --name NAME');
  const f = flags(rest, { ...dataFlag, slug: { type: 'string' }, name: { type: 'string' }, locale: { type: 'string' } });
  const ws = await withStorage(f.data, io, (db) => createWorkspace(db, { slug: required(f.slug, 'slug'), name: required(f.name, 'name'), ...(f.locale && { locale: f.locale }) }));
  io.out(`Workspace "${ws.name}" created (slug ${ws.slug}, id ${ws.id}).`);
}

export async function userCommand(argv: string[], io: Io): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub !== 'create') throw new AppError('invalid', 'Usage: parley user create --workspace SLUG --email EMAIL --name NAME --role admin|agent|viewer [--password PASSWORD]');
  const f = flags(rest, { ...dataFlag, workspace: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, password: { type: 'string' } });
  const password = f.password ?? io.env.PARLEY_USER_PASSWORD ?? randomBytes(12).toString('base64url');
  const user = await withStorage(f.data, io, async (db) => {
    const ws = await getWorkspaceBySlug(db, required(f.workspace, 'workspace'));
    return createUser(db, ws.id, { email: required(f.email, 'email'), name: required(f.name, 'name'), role: roleOf(f.role), password });
  });
  io.out(`User ${user.email} (${user.role}) created.`);
  if (!f.password && !io.env.PARLEY_USER_PASSWORD) io.out(`Password: ${password}`);
}

export async function tokenCommand(argv: string[], io: Io): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub !== 'create') throw new AppError('invalid', 'Usage: parley token create --workspace SLUG --role admin|agent|viewer [--name NAME]');
  const f = flags(rest, { ...dataFlag, workspace: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' } });
  const role = roleOf(f.role);
  const token = await withStorage(f.data, io, async (db) => {
    const ws = await getWorkspaceBySlug(db, required(f.workspace, 'workspace'));
    return (await createApiToken(db, ws.id, { name: f.name ?? `cli ${role}`, role })).token;
  });
  // Only the token, so scripts can capture it: TOKEN=$(parley token create …)
  io.out(token);
}

export async function trainCommand(argv: string[], io: Io): Promise<void> {
  const f = flags(argv, { ...dataFlag, workspace: { type: 'string' } });
  const result = await withStorage(f.data, io, async (db) => {
    const ws = await getWorkspaceBySlug(db, required(f.workspace, 'workspace'));
    io.err(`Training on the corrections of ${ws.slug}…`);
    return trainWorkspace(db, ws.id);
  });
  io.out(result.corrections === 0 ? 'No corrections yet: the workspace uses the shipped models.' : `Trained on ${result.corrections} corrections (${result.fields.join(', ')}).`);
}
