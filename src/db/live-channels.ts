import { sql } from 'kysely';

/**
 * Channels a worker should connect to: not the demo's stand-ins (`sandbox: true`), which have no
 * provider behind them and no credentials to read with.
 */
export const notSandbox = sql<boolean>`NOT coalesce(channels.settings @> '{"sandbox": true}', false)`;
