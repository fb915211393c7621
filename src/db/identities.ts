/** An identity a contact is known by: an e-mail, a phone, or a sender id on one channel. */
export interface Identity {
  kind: string;
  value: string;
}

export function emailIdentity(email: string): Identity {
  return { kind: 'email', value: email.trim().toLowerCase() };
}

/**
 * Phones are compared in international form. Numbers written nationally ("0170 …") are read
 * as German, the market Parley serves first.
 */
export function phoneIdentity(phone: string, defaultCountryCode = '49'): Identity {
  let digits = phone.replace(/[^0-9+]/g, '');
  if (digits.startsWith('00')) digits = '+' + digits.slice(2);
  else if (digits.startsWith('0')) digits = `+${defaultCountryCode}${digits.slice(1)}`;
  else if (!digits.startsWith('+')) digits = '+' + digits;
  return { kind: 'phone', value: digits };
}

export function channelIdentity(channelId: string, senderId: string): Identity {
  return { kind: `channel:${channelId}`, value: senderId };
}
