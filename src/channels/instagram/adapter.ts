import { postGraph } from '../meta/graph.js';
import { CreatedAnswer, messengerChannel } from '../meta/messenger-channel.js';
import { readInstagramWebhook } from './payload.js';

/** An Instagram professional account: comments on its media (public) and direct messages (private). */
export const instagramChannel = messengerChannel({
  type: 'instagram',
  label: 'Instagram',
  accountSetting: 'accountId',
  accountHint: 'the numeric id of the Instagram professional account',
  tokenSecret: 'accessToken',
  read: readInstagramWebhook,
  async publicReply(ctx, target, commentId) {
    // Instagram only takes replies to top-level comments: the thread's own comment.
    const created = await postGraph(target, `${encodeURIComponent(ctx.conversation.threadKey ?? commentId)}/replies`, { message: ctx.message.text }, CreatedAnswer);
    return { externalId: created.id };
  },
});
