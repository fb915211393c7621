import { postGraph } from '../meta/graph.js';
import { CreatedAnswer, messengerChannel } from '../meta/messenger-channel.js';
import { readPageWebhook } from './payload.js';

/** A Facebook Page: comments on its posts (public) and Messenger conversations (private). */
export const facebookChannel = messengerChannel({
  type: 'facebook',
  label: 'Facebook',
  accountSetting: 'pageId',
  accountHint: 'the numeric id of the Facebook Page',
  tokenSecret: 'pageAccessToken',
  read: readPageWebhook,
  async publicReply(ctx, target, commentId) {
    // Answering the customer's latest comment notifies them; Facebook keeps it in the same thread.
    const created = await postGraph(target, `${encodeURIComponent(commentId)}/comments`, { message: ctx.message.text }, CreatedAnswer);
    return { externalId: created.id };
  },
});
