import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../domain/errors.js';

/** Encrypts channel credentials at rest with AES-256-GCM. */
export interface SecretBox {
  seal(value: Record<string, string>): string;
  open(sealed: string): Record<string, string>;
  /** A key of its own for one purpose (signing reply addresses …), derived from the install's key. */
  deriveKey(purpose: string): Buffer;
}

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new AppError('invalid', 'The secret key must be 32 bytes (base64-encoded in PARLEY_SECRET_KEY).');
  return {
    seal(value) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
      return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(':');
    },
    open(sealed) {
      const [version, iv, tag, body] = sealed.split(':');
      if (version !== 'v1' || !iv || !tag || !body) throw new AppError('unavailable', 'Stored channel secrets are unreadable.');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
        decipher.setAuthTag(Buffer.from(tag, 'base64'));
        const text = Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
        return JSON.parse(text) as Record<string, string>;
      } catch {
        throw new AppError('unavailable', 'Stored channel secrets cannot be decrypted: PARLEY_SECRET_KEY differs from the key they were sealed with.');
      }
    },
    deriveKey(purpose) {
      return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `parley:${purpose}`, 32));
    },
  };
}

/**
 * The key comes from PARLEY_SECRET_KEY; the embedded default generates one into the data
 * folder on first start so a single-machine install needs no set-up.
 */
export function loadSecretKey(env: NodeJS.ProcessEnv, dataDir: string): Buffer {
  if (env.PARLEY_SECRET_KEY) return Buffer.from(env.PARLEY_SECRET_KEY, 'base64');
  const file = path.resolve(dataDir, 'secret.key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  mkdirSync(path.dirname(file), { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600 });
  return key;
}
