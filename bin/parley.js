#!/usr/bin/env node
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/bin.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('Parley is not built yet: run `npm run build` (npm start does this for you).\n');
  process.exit(1);
}
await import(entry.href);
