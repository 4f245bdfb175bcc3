import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { DirectoryEvidenceStore } from '../../crawlers/evidence.ts';

const tempDir = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

test('evidence is stored under its SHA-256, once, readable only by the owner', async () => {
  const store = new DirectoryEvidenceStore(tempDir('mg-evidence-'));
  const bytes = Buffer.from('<html>营业执照</html>');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const ref = await store.put(bytes, 'text/html; charset=utf-8');
  expect(ref).toEqual({ sha256, size: bytes.length, media_type: 'text/html; charset=utf-8' });
  const file = store.pathOf(sha256);
  expect(file.endsWith(`${sha256.slice(0, 2)}/${sha256}`)).toBe(true);
  expect(fs.statSync(file).mode & 0o077).toBe(0);
  const before = fs.statSync(file).mtimeMs;
  await store.put(bytes, 'text/html');
  expect(fs.statSync(file).mtimeMs).toBe(before);
  expect((await store.get(sha256))!.equals(bytes)).toBe(true);
  expect(fs.readdirSync(`${store.dir}/${sha256.slice(0, 2)}`)).toEqual([sha256]);
});

test('concurrent puts of the same bytes leave one whole file and no temporaries', async () => {
  const store = new DirectoryEvidenceStore(tempDir('mg-evidence-'));
  const bytes = Buffer.alloc(1_000_000, 7);
  const refs = await Promise.all(
    Array.from({ length: 8 }, () => store.put(bytes, 'application/octet-stream')),
  );
  expect(new Set(refs.map((r) => r.sha256)).size).toBe(1);
  const folder = `${store.dir}/${refs[0]!.sha256.slice(0, 2)}`;
  expect(fs.readdirSync(folder)).toEqual([refs[0]!.sha256]);
  expect(fs.readFileSync(store.pathOf(refs[0]!.sha256)).equals(bytes)).toBe(true);
});

test('unknown and malformed hashes are refused, never read outside the store', async () => {
  const store = new DirectoryEvidenceStore(tempDir('mg-evidence-'));
  expect(await store.get('0'.repeat(64))).toBeUndefined();
  await expect(store.get('../../etc/passwd')).rejects.toThrow(RangeError);
  expect(() => store.pathOf('ABC')).toThrow(RangeError);
});
