import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parley, removeTempDataDirs, tempDataDir } from '../support/cli-process.js';

const run = promisify(execFile);

function withStdin(args: string[], input: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, ['--import', 'tsx', path.resolve('src/cli/bin.ts'), ...args], (err, stdout) => (err ? reject(err) : resolve(stdout)));
    child.stdin?.end(input);
  });
}

describe('the parley command', () => {
  afterAll(removeTempDataDirs);

  it('classifies JSON lines and plain lines, and reports broken lines without stopping', async () => {
    const out = await withStdin(['classify', '--json'], '{"id":"a","text":"Meine Lieferung ist seit zwei Wochen nicht da, ich will mein Geld zurück!"}\n{broken\nThank you so much, great service!\n');
    const lines = out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ id: 'a', language: 'de', sentiment: 'negative' });
    expect(lines[1]).toHaveProperty('error');
    expect(lines[2]).toMatchObject({ language: 'en', sentiment: 'positive', category: 'praise' });
  });

  it('runs the spike detector over a CSV series and prints the alert times', async () => {
    const dir = path.dirname(await tempDataDir());
    const file = path.join(dir, 'series.csv');
    const start = Date.UTC(2026, 0, 1);
    const rows = ['timestamp,value'];
    for (let i = 0; i < 4000; i++) {
      const ts = new Date(start + i * 300_000).toISOString().replace('T', ' ').slice(0, 19);
      const base = 40 + 10 * Math.sin((i / 288) * 2 * Math.PI) + ((i * 7919) % 5);
      rows.push(`${ts},${Math.round(i >= 3500 && i < 3530 ? base * 8 : base)}`);
    }
    await writeFile(file, rows.join('\n'));
    const { stdout } = await run(process.execPath, ['--import', 'tsx', path.resolve('src/cli/bin.ts'), 'spikes', '--input', file, '--json']);
    const result = JSON.parse(stdout) as { detections: string[] };
    expect(result.detections.length).toBeGreaterThan(0);
    const burst = new Date(start + 3500 * 300_000).toISOString().replace('T', ' ').slice(0, 19);
    expect(result.detections.some((d) => d >= burst && d < new Date(start + 3530 * 300_000).toISOString().replace('T', ' ').slice(0, 19))).toBe(true);
  });

  it('trains a workspace, and says so when there is nothing to learn yet', async () => {
    const data = await tempDataDir();
    await parley(['workspace', 'create', '--slug', 'learn', '--name', 'Learn', '--data', data]);
    const { stdout } = await parley(['train', '--workspace', 'learn', '--data', data]);
    expect(stdout).toContain('No corrections yet');
    await expect(parley(['train', '--workspace', 'nope', '--data', data])).rejects.toMatchObject({ stderr: expect.stringContaining('No workspace with the slug "nope"') });
  });

  it('explains what went wrong and exits non-zero', async () => {
    await expect(parley(['token', 'create', '--workspace', 'x', '--role', 'superuser', '--data', await tempDataDir()])).rejects.toMatchObject({ stderr: expect.stringContaining('--role must be admin, agent or viewer') });
    await expect(parley(['frobnicate'])).rejects.toMatchObject({ stderr: expect.stringContaining('Unknown command') });
    await expect(parley(['spikes', '--input', '/nonexistent.csv'])).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('Cannot read /nonexistent.csv') });
  });
});
