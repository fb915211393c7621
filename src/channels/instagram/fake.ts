import { randomBytes } from 'node:crypto';
import { type FakeRequest, startFakeProvider } from '../fake-provider.js';
import { commentReplyRoute, graphError, type MessengerFake, messengerSend, newMessengerState } from '../meta/fake.js';

// A contract fake of the Instagram messaging and comment APIs as documented: direct messages
// through the Send API (POST /{version}/me/messages, 1000 characters, the same windows as
// Messenger, one private reply per comment), comment replies (POST /{version}/{comment-id}/replies,
// top-level comments only), Graph error bodies; and webhook bodies of object "instagram".

export interface InstagramFake extends MessengerFake {
  /** A direct message from a customer, as a webhook body; the fake remembers when they wrote. */
  customerMessage(m: { mid: string; igsid: string; text: string; at?: Date }): string;
  /** A new comment on the account's media, as a webhook body. */
  comment(c: { id: string; mediaId: string; parentId?: string; fromId: string; username: string; text: string; at?: Date }): string;
}

export async function startInstagramFake(options: { accessToken: string; accountId: string }): Promise<InstagramFake> {
  const state = newMessengerState(options.accessToken, 1000);
  const topLevel = new Set<string>();
  const commentReplies: FakeRequest[] = [];
  const notTopLevel = (id: string) => (topLevel.has(id) ? null : graphError(400, 100, 'Invalid parameter', `${id} is not a top-level comment on this account's media.`));
  const newId = () => String(randomBytes(8).readBigUInt64BE() % 10n ** 17n);
  const provider = await startFakeProvider((req) => messengerSend(req, state) ?? commentReplyRoute(req, state, 'replies', notTopLevel, commentReplies, newId));
  const account = (at: Date, entry: Record<string, unknown>) => JSON.stringify({ object: 'instagram', entry: [{ id: options.accountId, time: Math.floor(at.getTime() / 1000), ...entry }] });
  return {
    ...provider,
    state,
    commentReplies,
    customerMessage(m) {
      const at = m.at ?? new Date();
      state.lastCustomerMessage.set(m.igsid, at);
      return account(at, { messaging: [{ sender: { id: m.igsid }, recipient: { id: options.accountId }, timestamp: at.getTime(), message: { mid: m.mid, text: m.text } }] });
    },
    comment(c) {
      const at = c.at ?? new Date();
      state.comments.set(c.id, { from: c.fromId, at });
      if (!c.parentId) topLevel.add(c.id);
      return account(at, {
        changes: [{
          field: 'comments',
          value: { from: { id: c.fromId, username: c.username }, media: { id: c.mediaId, media_product_type: 'FEED' }, id: c.id, text: c.text, ...(c.parentId && { parent_id: c.parentId }) },
        }],
      });
    },
  };
}
