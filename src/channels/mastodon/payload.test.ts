import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withMention } from './adapter.js';
import { mastodonStatus } from './fake.js';
import { messageFromStatus, Status, statusOfEvent } from './payload.js';

describe('reading Mastodon statuses', () => {
  it('turns a public status into a public message from its acct, html kept and text extracted', () => {
    const status = Status.parse(mastodonStatus({ id: '10', acct: 'eva@social.example', name: 'Eva', html: '<p>Hallo <span class="h-card"><a href="x">@support</a></span></p><p>Zweiter<br>Absatz</p>' }));
    expect(messageFromStatus(status)).toMatchObject({ externalId: '10', from: { id: 'eva@social.example', name: 'Eva' }, text: 'Hallo @support\n\nZweiter\nAbsatz', visibility: 'public', threadKey: '10' });
  });

  it('threads a reply on its parent, or the thread the caller found, and keeps direct messages private', () => {
    const reply = Status.parse(mastodonStatus({ id: '11', acct: 'eva', name: 'Eva', html: 'x', visibility: 'direct', inReplyToId: '10' }));
    expect(messageFromStatus(reply)).toMatchObject({ threadKey: '10', visibility: 'private' });
    expect(messageFromStatus(reply, 'root-1')?.threadKey).toBe('root-1');
    expect(messageFromStatus(Status.parse(mastodonStatus({ id: '12', acct: 'a', name: '', html: 'x', visibility: 'unlisted' })))).toMatchObject({ visibility: 'public', from: { name: 'a' } });
  });

  it('takes mentions from notifications and skips other notifications and boosts', () => {
    const status = mastodonStatus({ id: '13', acct: 'ben', name: 'Ben', html: 'hi' });
    expect(statusOfEvent('notification', { id: 'n1', type: 'mention', account: status.account, status })?.id).toBe('13');
    expect(statusOfEvent('notification', { id: 'n2', type: 'favourite', account: status.account, status })).toBeNull();
    expect(statusOfEvent('delete', '13')).toBeNull();
    expect(messageFromStatus(Status.parse({ ...status, reblog: mastodonStatus({ id: '9', acct: 'x', name: 'X', html: 'y' }) }))).toBeNull();
  });

  it('mentions the customer once at the start of a reply', () => {
    expect(withMention('eva@social.example', 'Danke!')).toBe('@eva@social.example Danke!');
    expect(withMention('eva', '@Eva danke!')).toBe('@Eva danke!');
    expect(withMention(null, 'Hallo')).toBe('Hallo');
  });

  it('never crashes on arbitrary event payloads', () => {
    fc.assert(
      fc.property(fc.constantFrom('update', 'notification', 'delete'), fc.jsonValue(), (event, data) => {
        const status = statusOfEvent(event, data);
        if (status) messageFromStatus(status);
      }),
    );
  });
});
