import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { AppError } from '../domain/errors.js';

// Address ranges a webhook must never reach from the server: loopback, private networks,
// link-local (cloud metadata at 169.254.169.254), carrier-grade NAT, multicast and reserved.
const BLOCKED = new net.BlockList();
for (const [addr, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) BLOCKED.addSubnet(addr, prefix, 'ipv4');
// Mapped IPv4 (::ffff:a.b.c.d) is unwrapped and checked as IPv4 below; a BlockList rule for it would match every IPv4 address.
for (const [addr, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) {
  BLOCKED.addSubnet(addr, prefix, 'ipv6');
}

export function isBlockedAddress(address: string): boolean {
  const family = net.isIPv6(address) ? 'ipv6' : 'ipv4';
  if (family === 'ipv6' && address.toLowerCase().startsWith('::ffff:')) {
    const v4 = address.slice(7);
    if (net.isIPv4(v4)) return BLOCKED.check(v4, 'ipv4');
  }
  return BLOCKED.check(address, family);
}

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body as text, cut at `maxBytes`. */
  text: string;
  /** The body's bytes, cut at `maxBytes`. */
  bytes: Buffer;
}

export interface OutboundOptions {
  allowPrivateNetworks: boolean;
  timeoutMs?: number;
  /** Bytes of the answer kept; the rest is read and dropped. */
  maxBytes?: number;
}

/** POSTs to an address an outside party chose; see `requestOutbound`. */
export async function postOutbound(url: string, headers: Record<string, string>, body: string, options: OutboundOptions): Promise<HttpAnswer> {
  return requestOutbound('POST', url, headers, body, options);
}

/** The address checked, and a DNS look-up that refuses private addresses at connection time. */
function guardedTarget(url: string, allowPrivateNetworks: boolean): { target: URL; lookup: net.LookupFunction } {
  const target = new URL(url);
  if (target.protocol !== 'https:' && target.protocol !== 'http:') throw new AppError('invalid', `Only http and https addresses can be called, not ${target.protocol}`);
  const lookup: net.LookupFunction = (hostname, opts, callback) => {
    dns.lookup(hostname, { ...opts, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 4);
      const list = Array.isArray(addresses) ? addresses : [];
      const blocked = list.find((a) => isBlockedAddress(a.address));
      if (blocked && !allowPrivateNetworks) {
        return callback(new AppError('forbidden', `${hostname} resolves to ${blocked.address}, a private or local address; Parley only calls public addresses.`), '', 4);
      }
      const first = list[0];
      if (!first) return callback(new Error(`${hostname} has no address`), '', 4);
      // Happy-eyeballs connections ask for every address, plain ones for the first.
      return opts.all ? callback(null, list) : callback(null, first.address, first.family);
    });
  };
  // A literal address is never looked up, so it is checked here.
  const literal = target.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(literal) && isBlockedAddress(literal) && !allowPrivateNetworks) {
    throw new AppError('forbidden', `${literal} is a private or local address; Parley only calls public addresses.`);
  }
  return { target, lookup };
}

/**
 * Calls an address an outside party chose (webhooks, provider APIs, feeds). The check runs
 * inside the connection's own DNS look-up, so a name that resolves differently a moment later
 * (DNS rebinding) cannot slip through, and redirects are never followed.
 */
export async function requestOutbound(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, headers: Record<string, string>, body: string | null, options: OutboundOptions): Promise<HttpAnswer> {
  const { target, lookup } = guardedTarget(url, options.allowPrivateNetworks);
  const client = target.protocol === 'https:' ? https : http;
  const maxBytes = options.maxBytes ?? 64 * 1024;
  const sized = body === null ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) };
  return new Promise((resolve, reject) => {
    const req = client.request(target, { method, headers: sized, lookup, timeout: options.timeoutMs ?? 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      res.on('data', (chunk: Buffer) => {
        if (kept >= maxBytes) return;
        const part = chunk.subarray(0, maxBytes - kept);
        chunks.push(part);
        kept += part.length;
      });
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes, text: bytes.toString('utf8') });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}

export interface OutboundStream {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: http.IncomingMessage;
  close(): void;
}

/**
 * Opens a long-lived GET (server-sent events) with the same address checks as `requestOutbound`.
 * The connection is dropped when nothing arrives for `idleTimeoutMs`, so a silently dead peer is
 * noticed; streams that send heartbeats stay open.
 */
export async function openOutboundStream(url: string, headers: Record<string, string>, options: { allowPrivateNetworks: boolean; idleTimeoutMs: number }): Promise<OutboundStream> {
  const { target, lookup } = guardedTarget(url, options.allowPrivateNetworks);
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(target, { method: 'GET', headers, lookup, timeout: options.idleTimeoutMs }, (res) => {
      resolve({ status: res.statusCode ?? 0, headers: res.headers, body: res, close: () => req.destroy() });
    });
    req.on('timeout', () => req.destroy(new Error('the stream went silent')));
    req.on('error', reject);
    req.end();
  });
}
