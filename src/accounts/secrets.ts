import { createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/**
 * API keys look like `mgp_7KQ2M9XA_<43 characters>`: a kind (mgp platform, mgd department, mgr regulator, mgw crawl worker), a public
 * prefix by which the key is found and revoked, and a 256-bit secret. A key has full entropy, so a
 * plain SHA-256 of it is safe to store; passwords are chosen by people and get scrypt.
 */
const PREFIX_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export type KeyKind = 'mgp' | 'mgd' | 'mgr' | 'mgw';
const KEY_PATTERN = /^(mgp|mgd|mgr|mgw)_([A-Z2-9]{8})_([A-Za-z0-9_-]{43})$/;

export interface IssuedKey {
  key: string;
  prefix: string;
  secretHash: Buffer;
}

export function issueKey(kind: KeyKind): IssuedKey {
  const bytes = randomBytes(8);
  const id = [...bytes].map((b) => PREFIX_ALPHABET[b % PREFIX_ALPHABET.length]).join('');
  const prefix = `${kind}_${id}`;
  const key = `${prefix}_${randomBytes(32).toString('base64url')}`;
  return { key, prefix, secretHash: hashKey(key) };
}

export function hashKey(key: string): Buffer {
  return createHash('sha256').update(key).digest();
}

/** Splits a presented key into its prefix, or null when it cannot be one of ours. */
export function keyPrefixOf(key: string): string | null {
  const m = KEY_PATTERN.exec(key);
  return m ? `${m[1]}_${m[2]}` : null;
}

export function keyMatches(key: string, storedHash: Buffer): boolean {
  const presented = hashKey(key);
  return presented.length === storedHash.length && timingSafeEqual(presented, storedHash);
}

const SCRYPT = { N: 16384, r: 8, p: 1 };

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, 32, SCRYPT);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export function passwordMatches(password: string, stored: string): boolean {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = scryptSync(password, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return timingSafeEqual(actual, expected);
}

export function generatePassword(): string {
  return randomBytes(15).toString('base64url');
}
