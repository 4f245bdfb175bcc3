import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DirectoryEvidenceStore } from '../../crawlers/evidence.ts';
import { StoreVerifier } from '../../crawlers/verify/verify-store.ts';
import { tempDir, testGateway } from '../helpers/gateway.ts';
import { FIXTURES, tesseractMissing } from './helpers.ts';

/**
 * The crawl reads a licence picture when a page shows its identity only so (issue 17): fetched as pages
 * are (robots.txt, the limiter), kept as evidence with what OCR read, judged from the reading; what
 * cannot be fetched or read stays image_only and says why. A local server stands for the store.
 */
const CLEAN = 'qingshan-clean.png';
const FILED = { name: '杭州青山日用品贸易有限公司', uscc: '91330106MA2B7K3Q8X' };
const page = (src: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>青山日用品店</title></head><body>
  <main><p>本店主营日用百货。</p></main>
  <footer><div class="license"><img src="${src}" alt="营业执照" width="600"><p>证照信息</p></div></footer>
  </body></html>`;

let server: http.Server;
let base = '';
let verifier: StoreVerifier;
const evidenceDir = tempDir('mg-ocr-crawl-');

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === '/robots.txt') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /private/\n');
    } else if (req.url === '/store' || req.url === '/store-private' || req.url === '/store-gone') {
      const src = {
        '/store': `/img/${CLEAN}`,
        '/store-private': `/private/${CLEAN}`,
        '/store-gone': '/img/none.png',
      }[req.url];
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(src));
    } else if (req.url?.startsWith('/img/') || req.url?.startsWith('/private/')) {
      const file = path.join(FIXTURES, path.basename(req.url));
      if (!fs.existsSync(file)) res.writeHead(404).end();
      else res.writeHead(200, { 'content-type': 'image/png' }).end(fs.readFileSync(file));
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  verifier = new StoreVerifier({
    evidence: new DirectoryEvidenceStore(evidenceDir),
    browser: null,
    timeoutMs: 5_000,
    politeness: { perHostSpacingMs: 10, perHostConcurrency: 1, globalConcurrency: 4, expirationMs: 60_000 },
  });
});
afterAll(async () => {
  await verifier?.close();
  await new Promise((resolve) => server?.close(resolve));
  fs.rmSync(evidenceDir, { recursive: true, force: true });
});

describe.skipIf(tesseractMissing !== null)('licence pictures in the crawl', () => {
  test('a clean licence picture is read: compliant, with the picture and the reading as evidence', async () => {
    const v = await verifier.verifyStore({ url: `${base}/store`, filed: FILED });
    expect(v.verdict, v.detail).toBe('compliant');
    expect(v.detail).toMatch(/^licence picture read by OCR/);
    expect(v.comparison).toMatchObject({ uscc: 'match', shown: { uscc: FILED.uscc } });
    expect(v.evidence.license_image).toMatchObject({ media_type: 'image/png' });
    expect(v.evidence.license_image!.size).toBe(fs.statSync(path.join(FIXTURES, CLEAN)).size);
    const reading = JSON.parse(
      fs.readFileSync(
        path.join(evidenceDir, v.evidence.ocr!.sha256.slice(0, 2), v.evidence.ocr!.sha256),
        'utf8',
      ),
    );
    expect(reading.codes.map((c: { code: string }) => c.code)).toContain(FILED.uscc);
    expect(v.visits.some((visit) => visit.kind === 'picture' && visit.url.endsWith(CLEAN))).toBe(true);
  });

  test('the same picture against another filing is a mismatch', async () => {
    const v = await verifier.verifyStore({
      url: `${base}/store`,
      filed: { name: '杭州海棠服饰有限公司', uscc: '91330106MA2B8C4D1A' },
    });
    expect(v.verdict, v.detail).toBe('identity_mismatch');
    expect(v.comparison).toMatchObject({ uscc: 'mismatch', shown: { uscc: FILED.uscc } });
  });

  test('a picture robots.txt disallows is not fetched: image_only, saying why', async () => {
    const v = await verifier.verifyStore({ url: `${base}/store-private`, filed: FILED });
    expect(v).toMatchObject({ verdict: 'inconclusive', reason: 'image_only' });
    expect(v.detail).toContain('disallows the picture');
    expect(v.visits.some((visit) => visit.kind === 'picture')).toBe(false);
    expect(v.evidence.license_image).toBeUndefined();
  });

  test('a picture that is not there leaves the page image_only', async () => {
    const v = await verifier.verifyStore({ url: `${base}/store-gone`, filed: FILED });
    expect(v).toMatchObject({ verdict: 'inconclusive', reason: 'image_only' });
    expect(v.detail).toContain('the picture answers 404');
  });
});

test('without OCR (ocr: null) a picture-only page stays image_only and nothing is fetched for it', async () => {
  const plain = new StoreVerifier({
    evidence: new DirectoryEvidenceStore(evidenceDir),
    browser: null,
    ocr: null,
    politeness: { perHostSpacingMs: 10, perHostConcurrency: 1, globalConcurrency: 4, expirationMs: 60_000 },
  });
  try {
    const v = await plain.verifyStore({ url: `${base}/store`, filed: FILED });
    expect(v).toMatchObject({ verdict: 'inconclusive', reason: 'image_only' });
    expect(v.visits.some((visit) => visit.kind === 'picture')).toBe(false);
  } finally {
    await plain.close();
  }
});

test('the gateway keeps a licence picture and its reading as evidence kinds of their own (migration 020)', async () => {
  const t = testGateway();
  try {
    const insert = t.gw.db.prepare(
      `INSERT INTO verification_evidence (verification_id, sha256, kind, media_type, size) VALUES ('v1', 'ab', ?, 'image/png', 1)`,
    );
    t.gw.db.pragma('foreign_keys = OFF');
    expect(() => insert.run('license_image')).not.toThrow();
    expect(() => insert.run('ocr')).not.toThrow();
    expect(() => insert.run('thumbnail')).toThrow(/CHECK/);
  } finally {
    await t.close();
  }
});
