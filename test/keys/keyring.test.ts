import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { openKeyring, verifySignature } from '../../src/keys/keyring.ts';
import { tempDir } from '../helpers/gateway.ts';

const dirs: string[] = [];
const fresh = () => {
  const dir = tempDir('mg-keys-');
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('the keyring', () => {
  test('creates its keys on first open, owner-only, and keeps them across restarts', () => {
    const dir = fresh();
    const first = openKeyring(dir);
    for (const file of ['receipt-signing.pem', 'data.key']) {
      expect(fs.statSync(path.join(dir, 'keys', file)).mode & 0o777, file).toBe(0o600);
    }
    expect(fs.statSync(path.join(dir, 'keys')).mode & 0o777).toBe(0o700);
    const sealed = first.encrypt('13812345678');
    const second = openKeyring(dir);
    expect(second.keyId).toBe(first.keyId);
    expect(second.decrypt(sealed)).toBe('13812345678');
    expect(second.keyedHash('phone', 'x').equals(first.keyedHash('phone', 'x'))).toBe(true);
  });

  test('refuses to use keys that others can read', () => {
    const dir = fresh();
    openKeyring(dir);
    fs.chmodSync(path.join(dir, 'keys', 'data.key'), 0o644);
    expect(() => openKeyring(dir)).toThrow(/readable by others/);
  });

  test('encryption is authenticated and randomised; a flipped bit is detected', () => {
    const keys = openKeyring(fresh());
    const a = keys.encrypt('11010519491231002X');
    const b = keys.encrypt('11010519491231002X');
    expect(a.equals(b)).toBe(false);
    expect(a.includes(Buffer.from('11010519491231002X'))).toBe(false);
    const tampered = Buffer.from(a);
    tampered[tampered.length - 1]! ^= 1;
    expect(() => keys.decrypt(tampered)).toThrow();
  });

  test('keyed hashes differ by domain and by data folder', () => {
    const one = openKeyring(fresh());
    const two = openKeyring(fresh());
    expect(one.keyedHash('phone', '1').equals(one.keyedHash('resident-id', '1'))).toBe(false);
    expect(one.keyedHash('phone', '1').equals(two.keyedHash('phone', '1'))).toBe(false);
  });

  test('signatures verify with the published public key only', () => {
    const one = openKeyring(fresh());
    const two = openKeyring(fresh());
    const data = Buffer.from('receipt');
    const signature = one.signBytes(data);
    expect(verifySignature(one.publicKeyPem, data, signature)).toBe(true);
    expect(verifySignature(two.publicKeyPem, data, signature)).toBe(false);
    expect(verifySignature(one.publicKeyPem, Buffer.from('receipt!'), signature)).toBe(false);
    expect(verifySignature('not a key', data, signature)).toBe(false);
  });
});
