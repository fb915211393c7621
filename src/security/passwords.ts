import { hash, verify } from '@node-rs/argon2';

// argon2id with OWASP's recommended minimum (19 MiB, 2 passes).
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) return false;
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;

/** Checks against a throw-away hash when the e-mail is unknown, so both answers take as long. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummy ??= hashPassword('parley-unknown-user');
  await verifyPassword(await dummy, password);
  return false;
}
