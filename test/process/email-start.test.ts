import nodemailer from 'nodemailer';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanUpServer, parley, type ServerProcess, startServerProcess, tempDataDir } from '../support/cli-process.js';

describe('parley start --smtp-port', () => {
  let server: ServerProcess | null = null;
  afterAll(() => cleanUpServer(server));

  it('refuses a port that is not one', async () => {
    await expect(parley(['start', '--smtp-port', 'twenty-five', '--data', await tempDataDir()])).rejects.toMatchObject({ stderr: expect.stringContaining('--smtp-port must be a number') });
  });

  it('receives mail for an email channel; the subject becomes the conversation subject', async () => {
    const data = await tempDataDir();
    server = await startServerProcess(data, ['--smtp-port', '0']);
    const port = Number(/Receiving mail over SMTP on [^:\s]+:(\d+)/.exec(server.output())?.[1]);
    expect(port).toBeGreaterThan(0);
    await parley(['workspace', 'create', '--slug', 'mailco', '--name', 'Mail Co', '--data', data]);
    const token = (await parley(['token', 'create', '--workspace', 'mailco', '--role', 'admin', '--data', data])).stdout.trim();
    const call = async (method: string, url: string, body?: unknown) => {
      const res = await fetch(server!.url + url, { method, headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) }, ...(body !== undefined && { body: JSON.stringify(body) }) });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const channel = await call('POST', '/api/v1/channels', { type: 'email', name: 'Service', settings: { address: 'service@mailco.example' } });
    expect(channel.status).toBe(201);

    const client = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
    await client.sendMail({ from: 'dora@customer.example', to: 'service@mailco.example', subject: 'Bestellung 4711', text: 'Wann kommt sie?' });
    client.close();
    const list = await call('GET', `/api/v1/conversations?channelId=${String(channel.body.id)}`);
    expect((list.body.items as { subject: string }[]).map((c) => c.subject)).toEqual(['Bestellung 4711']);
  }, 90_000);
});
