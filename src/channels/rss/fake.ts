import { createHash } from 'node:crypto';
import http from 'node:http';

// A local web server publishing one feed the way well-behaved sites do: a strong ETag and a
// Last-Modified per version, 304 Not Modified to a request that already has the current one.

export interface FeedServer {
  url: string;
  /** Every request's conditional headers and the status it got, in order. */
  requests: { ifNoneMatch: string | null; ifModifiedSince: string | null; status: number }[];
  /** Publishes a new version of the feed. */
  publish(xml: string, contentType?: string): void;
  close(): Promise<void>;
}

export async function startFeedServer(xml: string, contentType = 'application/rss+xml; charset=utf-8'): Promise<FeedServer> {
  let current = { body: xml, type: contentType, etag: '', modified: '' };
  const requests: FeedServer['requests'] = [];
  let version = 0;
  const publish = (body: string, type = contentType) => {
    // Whole seconds apart, as HTTP dates are, so each version has its own Last-Modified.
    version++;
    current = { body, type, etag: `"${createHash('sha1').update(body).digest('hex')}"`, modified: new Date(Date.UTC(2026, 0, 1, 0, 0, version)).toUTCString() };
  };
  publish(xml, contentType);
  const server = http.createServer((req, res) => {
    const ifNoneMatch = req.headers['if-none-match'] ?? null;
    const ifModifiedSince = req.headers['if-modified-since'] ?? null;
    const fresh = ifNoneMatch !== null ? ifNoneMatch === current.etag : ifModifiedSince !== null && ifModifiedSince === current.modified;
    const status = fresh ? 304 : 200;
    requests.push({ ifNoneMatch, ifModifiedSince, status });
    res.writeHead(status, { etag: current.etag, 'last-modified': current.modified, ...(status === 200 && { 'content-type': current.type }) });
    res.end(status === 200 ? current.body : undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/feed.xml`,
    requests,
    publish,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
