import { lookup } from 'node:dns/promises';
import { AppError } from '../../domain/errors.js';
import { isBlockedAddress } from '../../security/outbound-http.js';

/**
 * The address of a mail server an admin named. Parley connects to this address (not the name
 * again), so a name that later resolves elsewhere cannot lead into a private network.
 */
export async function mailServerAddress(host: string, allowPrivateNetworks: boolean): Promise<string> {
  let address: string;
  try {
    address = (await lookup(host)).address;
  } catch (err) {
    throw new AppError('unavailable', `The mail server ${host} cannot be found: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!allowPrivateNetworks && isBlockedAddress(address)) {
    throw new AppError('forbidden', `${host} resolves to ${address}, a private or local address; mail servers must be public unless the install allows private ones.`);
  }
  return address;
}
