import { randomBytes } from 'node:crypto';
import { type FakeAnswer, type FakeProvider, type FakeRequest, startFakeProvider } from '../fake-provider.js';
import { graphError } from '../meta/fake.js';

// A contract fake of the WhatsApp Cloud API (graph.facebook.com) as documented: bearer-token
// auth, POST /{version}/{phone-number-id}/messages for text and template messages, Graph error
// bodies; plus the webhook side — signed deliveries of customer messages and status reports.

export const RATE_LIMIT_HIT = graphError(400, 130429, 'Rate limit hit', 'Cloud API message throughput has been reached.');

function sendMessage(req: FakeRequest, accessToken: string, phoneNumberId: string, sent: FakeRequest[]): FakeAnswer {
  if (req.headers.authorization !== `Bearer ${accessToken}`) return graphError(401, 190, 'Invalid OAuth access token - Cannot parse access token');
  const match = /^\/v\d+\.\d\/(\d+)\/messages$/.exec(req.path);
  if (!match || match[1] !== phoneNumberId) return graphError(400, 100, 'Invalid parameter', 'Unknown phone number id.');
  const body = req.json;
  if (typeof body !== 'object' || body === null || !('messaging_product' in body) || body.messaging_product !== 'whatsapp') return graphError(400, 100, 'Invalid parameter', 'messaging_product must be "whatsapp".');
  const to = 'to' in body && typeof body.to === 'string' ? body.to : '';
  if (!/^\+?\d{4,20}$/.test(to)) return graphError(400, 100, 'Invalid parameter', 'to must be a phone number.');
  const type = 'type' in body ? body.type : undefined;
  if (type === 'text') {
    const text = 'text' in body && typeof body.text === 'object' && body.text !== null && 'body' in body.text ? body.text.body : undefined;
    if (typeof text !== 'string' || text.length === 0 || text.length > 4096) return graphError(400, 100, 'Invalid parameter', 'text.body must hold 1 to 4096 characters.');
  } else if (type === 'template') {
    const template = 'template' in body && typeof body.template === 'object' && body.template !== null ? body.template : null;
    if (!template || !('name' in template) || !('language' in template)) return graphError(400, 132000, 'Number of parameters does not match the expected number of params');
  } else {
    return graphError(400, 100, 'Invalid parameter', 'Unsupported message type.');
  }
  sent.push(req);
  return { status: 200, body: { messaging_product: 'whatsapp', contacts: [{ input: to, wa_id: to.replace(/^\+/, '') }], messages: [{ id: `wamid.${randomBytes(12).toString('hex')}` }] } };
}

export interface WhatsAppFake extends FakeProvider {
  /** Messages the API accepted, in order. */
  sent: FakeRequest[];
  /** Media customers sent, by media id, as the Media API serves them. */
  media: Map<string, { content: Buffer; mimeType: string }>;
}

export async function startWhatsAppFake(options: { accessToken: string; phoneNumberId: string }): Promise<WhatsAppFake> {
  const sent: FakeRequest[] = [];
  const media = new Map<string, { content: Buffer; mimeType: string }>();
  let base = '';
  const authorised = (req: FakeRequest) => req.headers.authorization === `Bearer ${options.accessToken}`;
  const provider = await startFakeProvider(
    (req) => {
      if (req.method === 'POST') return sendMessage(req, options.accessToken, options.phoneNumberId, sent);
      // GET /{version}/{media-id}: the file's short-lived download address.
      const info = /^\/v\d+\.\d\/([\w.-]+)$/.exec(req.path);
      if (req.method !== 'GET' || !info?.[1]) return null;
      if (!authorised(req)) return graphError(401, 190, 'Invalid OAuth access token - Cannot parse access token');
      const file = media.get(info[1]);
      if (!file) return graphError(404, 100, 'Unsupported get request. Object does not exist');
      return { status: 200, body: { messaging_product: 'whatsapp', url: `${base}/whatsapp-media/${info[1]}`, mime_type: file.mimeType, file_size: file.content.length, id: info[1] } };
    },
    (req, res) => {
      const download = /^\/whatsapp-media\/([\w.-]+)$/.exec(req.path);
      if (!download?.[1]) return false;
      const file = media.get(download[1]);
      if (!authorised(req) || !file) res.writeHead(authorised(req) ? 404 : 401).end();
      else res.writeHead(200, { 'content-type': file.mimeType }).end(file.content);
      return true;
    },
  );
  base = provider.url;
  return { ...provider, sent, media };
}

/** The envelope Meta wraps every WhatsApp change in: one entry, one `messages` change. */
function webhookBody(phoneNumberId: string, value: Record<string, unknown>): string {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: '102290129340398', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '4930123456', phone_number_id: phoneNumberId }, ...value } }] }],
  });
}

const now = () => String(Math.floor(Date.now() / 1000));

/** A webhook body as Meta delivers it for one incoming text message. */
export function whatsappTextWebhook(phoneNumberId: string, m: { id: string; from: string; name?: string; text: string; timestamp?: number }): string {
  return webhookBody(phoneNumberId, {
    contacts: [{ profile: { name: m.name ?? 'Kunde' }, wa_id: m.from }],
    messages: [{ from: m.from, id: m.id, timestamp: m.timestamp === undefined ? now() : String(m.timestamp), type: 'text', text: { body: m.text } }],
  });
}

/** A webhook body as Meta delivers it for a photo, document or voice note (the file itself is fetched by id). */
export function whatsappMediaWebhook(phoneNumberId: string, m: { id: string; from: string; mediaId: string; type: 'image' | 'document' | 'audio'; mimeType: string; caption?: string; filename?: string }): string {
  return webhookBody(phoneNumberId, {
    contacts: [{ profile: { name: 'Kunde' }, wa_id: m.from }],
    messages: [{ from: m.from, id: m.id, timestamp: now(), type: m.type, [m.type]: { id: m.mediaId, mime_type: m.mimeType, ...(m.caption && { caption: m.caption }), ...(m.filename && { filename: m.filename }) } }],
  });
}

/** A webhook body reporting a sent message's status. */
export function whatsappStatusWebhook(phoneNumberId: string, s: { id: string; status: 'sent' | 'delivered' | 'read' | 'failed'; recipient: string; error?: { code: number; title: string } }): string {
  return webhookBody(phoneNumberId, { statuses: [{ id: s.id, status: s.status, timestamp: now(), recipient_id: s.recipient, ...(s.error && { errors: [s.error] }) }] });
}
