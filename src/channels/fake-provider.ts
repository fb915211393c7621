import http from 'node:http';

// The ground every contract fake stands on: a real HTTP server on loopback that answers like a
// provider's documented API, records what it was sent, and can be told to fail the next calls.

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The body as JSON, or null when it is not JSON. */
  json: unknown;
}

export interface FakeAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export type FakeRoute = (req: FakeRequest) => FakeAnswer | null;

export interface FakeProvider {
  url: string;
  /** Every call, in order. */
  calls: FakeRequest[];
  /** The next calls get these answers instead of the route's (rate limits, outages). */
  failNext(...answers: FakeAnswer[]): void;
  close(): Promise<void>;
}

/** Answers a call itself (a long-lived stream) and says so with true; otherwise the route answers. */
export type FakeStreamRoute = (req: FakeRequest, res: http.ServerResponse) => boolean;

/** Reads a whole request into a FakeRequest, for fakes that answer some calls in their own way (streams). */
export function readFakeRequest(req: http.IncomingMessage, then: (call: FakeRequest) => void): void {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const body = Buffer.concat(chunks).toString('utf8');
    let json: unknown = null;
    try {
      json = body ? JSON.parse(body) : null;
    } catch {
      json = null;
    }
    then({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body, json });
  });
}

export async function startFakeProvider(route: FakeRoute, stream?: FakeStreamRoute): Promise<FakeProvider> {
  const calls: FakeRequest[] = [];
  const failures: FakeAnswer[] = [];
  const server = http.createServer((req, res) => {
    readFakeRequest(req, (call) => {
      calls.push(call);
      if (stream?.(call, res)) return;
      const answer = failures.shift() ?? route(call) ?? { status: 404, body: { error: { message: `No route ${call.method} ${call.path}` } } };
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers }).end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    failNext: (...answers) => void failures.push(...answers),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Streams stay open until told otherwise; closing the provider ends them.
        server.closeAllConnections();
      }),
  };
}
