import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBlockedAddress, postOutbound } from './outbound-http.js';

describe('outbound requests to addresses outsiders chose', () => {
  it('knows the private, local and metadata ranges, in IPv4, IPv6 and mapped form', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.16.0.9', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fc00::1', 'fe80::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1']) {
      expect(isBlockedAddress(a), a).toBe(true);
    }
    for (const a of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111']) expect(isBlockedAddress(a), a).toBe(false);
  });

  describe('against a server on this machine', () => {
    let server: http.Server;
    let port = 0;
    beforeAll(async () => {
      server = http.createServer((req, res) => {
        if (req.url === '/redirect') res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
        else res.writeHead(200, { 'x-message-id': 'ok-1' }).end('fine');
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      const address = server.address();
      port = typeof address === 'object' && address ? address.port : 0;
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    it('refuses loopback by name and by number unless private networks are allowed', async () => {
      await expect(postOutbound(`http://localhost:${port}/hook`, {}, '{}', { allowPrivateNetworks: false })).rejects.toMatchObject({ code: 'forbidden' });
      await expect(postOutbound(`http://127.0.0.1:${port}/hook`, {}, '{}', { allowPrivateNetworks: false })).rejects.toMatchObject({ code: 'forbidden' });
      const ok = await postOutbound(`http://127.0.0.1:${port}/hook`, {}, '{}', { allowPrivateNetworks: true });
      expect(ok).toMatchObject({ status: 200, text: 'fine' });
    });

    it('never follows a redirect', async () => {
      const res = await postOutbound(`http://127.0.0.1:${port}/redirect`, {}, '{}', { allowPrivateNetworks: true });
      expect(res.status).toBe(302);
    });

    it('rejects schemes other than http and https', async () => {
      await expect(postOutbound('file:///etc/passwd', {}, '', { allowPrivateNetworks: true })).rejects.toThrow(/Only http and https/);
    });
  });
});
