/**
 * Password hashing with scrypt from node:crypto: `scrypt$N$r$p$salt$hash` (base64).
 *
 * scrypt runs on libuv's thread pool, which sqlite3 (and fs, dns) share: four concurrent hashes
 * fill the default pool of four and every query waits behind them. A small semaphore lets at
 * most `hashSlots` hashes run at once, so the other threads stay free for the database.
 */
import { randomBytes, scrypt as scryptCb, timingSafeEqual, createHash, type ScryptOptions } from 'node:crypto';
import { Semaphore } from './semaphore.js';

const PARAMS = { N: 16384, r: 8, p: 1 };
const KEYLEN = 64;

/** Concurrent hashes allowed (RULES_PASSWORD_HASH_SLOTS, default 1); the rest queue. */
const hashSlots = new Semaphore(Math.max(1, Number(process.env.RULES_PASSWORD_HASH_SLOTS) || 1));

/** The key derivation, an object so tests can count its calls (the unknown-user path must pay it too). */
export const kdf = {
  scrypt(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
    return hashSlots.run(
      () =>
        new Promise<Buffer>((resolve, reject) =>
          scryptCb(password, salt, KEYLEN, options, (err, key) => (err ? reject(err) : resolve(key))),
        ),
    );
  },
};

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await kdf.scrypt(password, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await kdf.scrypt(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A stored-hash look-alike no password matches (random salt and key, same parameters). */
const DUMMY_HASH = [
  'scrypt',
  PARAMS.N,
  PARAMS.r,
  PARAMS.p,
  randomBytes(16).toString('base64'),
  randomBytes(KEYLEN).toString('base64'),
].join('$');

/**
 * Check a password against a user's hash, or, for an unknown user, against a dummy hash with the
 * same parameters: both cost one scrypt, so the time taken does not tell whether the username
 * exists. Always false without a user.
 */
export async function verifyUserPassword(
  password: string,
  user: { password_hash: string } | undefined,
): Promise<boolean> {
  const matches = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
  return matches && user !== undefined;
}

export function randomSecret(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

/** Tokens are stored as SHA-256 digests: a leaked table does not leak usable tokens. */
export function tokenDigest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
