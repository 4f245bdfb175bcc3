import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  hkdfSync,
  type KeyObject,
  randomBytes,
  sign,
  verify,
} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytesPooled } from '../lib/ids.ts';

/**
 * The gateway's secrets, created on first start in <data>/keys with owner-only permissions:
 * - receipt-signing.pem: the Ed25519 key that signs receipts (and, later, trust marks);
 * - data.key: 32 random bytes from which HKDF derives the AES-256-GCM key that encrypts personal data
 *   at rest and the HMAC key by which personal data is matched without being decrypted.
 * Neither is ever printed or logged; only the public key leaves this module.
 */
export interface Keyring {
  readonly keyId: string;
  readonly publicKeyPem: string;
  signBytes(data: Buffer): string;
  encrypt(plain: string): Buffer;
  decrypt(sealed: Buffer): string;
  keyedHash(domain: string, value: string): Buffer;
}

const SEAL_VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

function writeSecret(file: string, data: string | Buffer): void {
  // 'wx' fails if another process created the file first: two gateways starting on one folder race here.
  try {
    fs.writeFileSync(file, data, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
}

function readSecret(file: string): Buffer {
  const stat = fs.statSync(file);
  if (stat.mode & 0o077) {
    throw new Error(
      `${file} is readable by others (mode ${(stat.mode & 0o777).toString(8)}); run chmod 600 on it`,
    );
  }
  return fs.readFileSync(file);
}

export function publicKeyId(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

export function openKeyring(dataDir: string): Keyring {
  const dir = path.join(dataDir, 'keys');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const signingFile = path.join(dir, 'receipt-signing.pem');
  const dataKeyFile = path.join(dir, 'data.key');
  if (!fs.existsSync(signingFile)) {
    const { privateKey } = generateKeyPairSync('ed25519');
    writeSecret(signingFile, privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
  }
  if (!fs.existsSync(dataKeyFile)) writeSecret(dataKeyFile, randomBytes(32));

  const privateKey = createPrivateKey(readSecret(signingFile));
  const publicKey = createPublicKey(privateKey);
  const master = readSecret(dataKeyFile);
  if (master.length !== 32) throw new Error(`${dataKeyFile} must hold exactly 32 bytes`);
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
  const encryptionKey = derive('marketgate/personal-data/aes-256-gcm/v1');
  const hashKey = derive('marketgate/personal-data/hmac-sha256/v1');

  return {
    keyId: publicKeyId(publicKey),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) as string,
    signBytes: (data) => sign(null, data, privateKey).toString('base64'),
    encrypt(plain) {
      // A random 96-bit nonce per message; with one key, 2^32 messages keep the collision risk below 2^-32.
      const nonce = randomBytesPooled(NONCE_BYTES);
      const cipher = createCipheriv('aes-256-gcm', encryptionKey, nonce);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([SEAL_VERSION]), nonce, cipher.getAuthTag(), body]);
    },
    decrypt(sealed) {
      if (sealed[0] !== SEAL_VERSION) throw new Error('unknown sealed-data version');
      const nonce = sealed.subarray(1, 1 + NONCE_BYTES);
      const tag = sealed.subarray(1 + NONCE_BYTES, 1 + NONCE_BYTES + TAG_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', encryptionKey, nonce);
      decipher.setAuthTag(tag);
      return Buffer.concat([
        decipher.update(sealed.subarray(1 + NONCE_BYTES + TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    },
    keyedHash: (domain, value) =>
      createHmac('sha256', hashKey).update(domain).update('\0').update(value).digest(),
  };
}

/** Checks an Ed25519 signature (base64) against a PEM public key: what a receipt's holder does offline. */
export function verifySignature(publicKeyPem: string, data: Buffer, signatureBase64: string): boolean {
  try {
    return verify(null, data, createPublicKey(publicKeyPem), Buffer.from(signatureBase64, 'base64'));
  } catch {
    return false;
  }
}
