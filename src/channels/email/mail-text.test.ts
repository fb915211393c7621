import { describe, expect, it } from 'vitest';
import { headerText, messageIds, normaliseMessageId, splitAddress, taggedAddress } from './mail-text.js';

describe('mail text', () => {
  it('splits the tag off an address and puts one on', () => {
    expect(splitAddress('Support+AbC@Example.COM')).toEqual({ base: 'support@example.com', tag: 'abc' });
    expect(splitAddress('support@example.com')).toEqual({ base: 'support@example.com', tag: null });
    expect(splitAddress('support+@example.com')).toEqual({ base: 'support@example.com', tag: null });
    expect(splitAddress('nobody')).toBeNull();
    expect(taggedAddress('support@example.com', 'xyz')).toBe('support+xyz@example.com');
  });

  it('strips line breaks and control characters that would start a header of their own', () => {
    expect(headerText('Re: Hallo\r\nBcc: victim@example.com')).toBe('Re: Hallo Bcc: victim@example.com');
    expect(headerText('Anna\nX-Injected: 1\u0000\u001b')).toBe('Anna X-Injected: 1');
    expect(headerText('Größe\tpasst')).toBe('Größe passt');
    expect(headerText('x'.repeat(2000))).toHaveLength(998);
  });

  it('reads Message-IDs from References and In-Reply-To', () => {
    expect(messageIds('<a@x> <b@y>\r\n <a@x> junk <c@z>')).toEqual(['<a@x>', '<b@y>', '<c@z>']);
    expect(messageIds(undefined)).toEqual([]);
    expect(normaliseMessageId(' <id-1@mail.example> ')).toBe('<id-1@mail.example>');
    expect(normaliseMessageId('id-2@mail.example')).toBe('<id-2@mail.example>');
    expect(normaliseMessageId('no id here')).toBeNull();
  });
});
