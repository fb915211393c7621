import { isAppError } from '../domain/errors.js';
import { type Io, migrateCommand, tokenCommand, trainCommand, userCommand, workspaceCommand } from './commands.js';
import { classifyCommand, spikesCommand } from './analysis-commands.js';
import { startCommand } from './start.js';

const USAGE = `Usage: parley <command> [flags]

  start [--port 3000] [--host 127.0.0.1] [--data ./data] [--no-demo] [--role all|api|worker]
  migrate [--data ./data]
  workspace create --slug SLUG --name NAME
  user create --workspace SLUG --email EMAIL --name NAME --role admin|agent|viewer [--password P]
  token create --workspace SLUG --role admin|agent|viewer [--name NAME]
  classify [--json]                 JSON lines {"id","text"} or plain lines on stdin
  spikes --input FILE.csv [--json]  alert times of the spike detector over timestamp,value rows
  train --workspace SLUG            adapt the language understanding to the workspace's corrections

Every command uses DATABASE_URL when it is set, otherwise the embedded PostgreSQL in --data.`;

const commands: Record<string, (argv: string[], io: Io) => Promise<void>> = {
  start: startCommand,
  migrate: migrateCommand,
  workspace: workspaceCommand,
  user: userCommand,
  token: tokenCommand,
  classify: classifyCommand,
  spikes: spikesCommand,
  train: trainCommand,
};

export async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.out(USAGE);
    return name ? 0 : 1;
  }
  const command = commands[name];
  if (!command) {
    io.err(`Unknown command "${name}".\n\n${USAGE}`);
    return 2;
  }
  try {
    await command(rest, io);
    return 0;
  } catch (err) {
    io.err(isAppError(err) ? `parley ${name}: ${err.message}` : `parley ${name} failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    return 1;
  }
}

