import { randomBytes } from 'node:crypto';
import { type FakeRequest, startFakeProvider } from '../fake-provider.js';
import { commentReplyRoute, graphError, type MessengerFake, messengerSend, newMessengerState } from '../meta/fake.js';

// A contract fake of the Graph API for a Facebook Page as documented: the Messenger Send API
// (POST /{version}/me/messages: RESPONSE within 24 hours, the HUMAN_AGENT tag within 7 days,
// one private reply per comment), public comment replies (POST /{version}/{comment-id}/comments),
// Graph error bodies; and the webhook side — Page deliveries of Messenger messages and feed comments.

export interface FacebookFake extends MessengerFake {
  /** A Messenger message from a customer, as a Page webhook body; the fake remembers when they wrote. */
  customerMessage(m: { mid: string; psid: string; text: string; at?: Date }): string;
  /** A new comment on one of the Page's posts, as a Page webhook body. */
  comment(c: { commentId: string; postId: string; parentId?: string; fromId: string; fromName: string; text: string; at?: Date }): string;
}

export async function startFacebookFake(options: { pageAccessToken: string; pageId: string }): Promise<FacebookFake> {
  const state = newMessengerState(options.pageAccessToken, 2000);
  const commentReplies: FakeRequest[] = [];
  const unknownComment = (id: string) =>
    state.comments.has(id) ? null : graphError(400, 100, `Unsupported post request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`, undefined, 33);
  const newId = () => `${options.pageId}_${randomBytes(8).readBigUInt64BE() % 10n ** 15n}`;
  const provider = await startFakeProvider((req) => messengerSend(req, state) ?? commentReplyRoute(req, state, 'comments', unknownComment, commentReplies, newId));
  const page = (entry: Record<string, unknown>) => JSON.stringify({ object: 'page', entry: [{ id: options.pageId, time: Date.now(), ...entry }] });
  return {
    ...provider,
    state,
    commentReplies,
    customerMessage(m) {
      const at = m.at ?? new Date();
      state.lastCustomerMessage.set(m.psid, at);
      return page({ messaging: [{ sender: { id: m.psid }, recipient: { id: options.pageId }, timestamp: at.getTime(), message: { mid: m.mid, text: m.text } }] });
    },
    comment(c) {
      const at = c.at ?? new Date();
      state.comments.set(c.commentId, { from: c.fromId, at });
      return page({
        changes: [{
          field: 'feed',
          value: {
            from: { id: c.fromId, name: c.fromName },
            post: { id: c.postId, status_type: 'added_photos', is_published: true },
            message: c.text,
            post_id: c.postId,
            comment_id: c.commentId,
            parent_id: c.parentId ?? c.postId,
            created_time: Math.floor(at.getTime() / 1000),
            item: 'comment',
            verb: 'add',
          },
        }],
      });
    },
  };
}
