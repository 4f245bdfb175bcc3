import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { DirectoryEvidenceStore } from '../../crawlers/evidence.ts';
import { StoreVerifier } from '../../crawlers/verify/verify-store.ts';
import { tempDir } from './lib.ts';

interface PictureCase {
  file: string;
  quality: string;
  filed: { name: string; uscc: string };
  expected: { verdict: string };
}

const DIR = new URL('../../fixtures/licence-images/', import.meta.url).pathname;

/**
 * Licence pictures inside the crawl (issue 17): one store per picture of fixtures/licence-images, each
 * page showing its identity only as that picture, served from 127.0.0.1 and verified by a StoreVerifier
 * as a crawl does (robots.txt, the limiter, the picture fetched and read with OCR). Returns, per
 * quality, verdicts as expected / still image_only / wrong, and the time per store and per picture.
 */
export async function licencePictureCrawl() {
  const cases = JSON.parse(fs.readFileSync(path.join(DIR, 'cases.json'), 'utf8')) as PictureCase[];
  const server = http.createServer((req, res) => {
    const url = req.url ?? '';
    if (url === '/robots.txt') return res.writeHead(200, { 'content-type': 'text/plain' }).end('');
    const store = /^\/store\/(\d+)$/.exec(url);
    if (store && cases[Number(store[1])])
      return res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(
          `<!doctype html><html><head><meta charset="utf-8"><title>店铺</title></head><body><p>欢迎光临。</p>` +
            `<footer><img src="/img/${cases[Number(store[1])]!.file}" alt="营业执照"></footer></body></html>`,
        );
    const file = /^\/img\/([\w.-]+)$/.exec(url)?.[1];
    if (file && cases.some((c) => c.file === file))
      return res
        .writeHead(200, { 'content-type': file.endsWith('.png') ? 'image/png' : 'image/jpeg' })
        .end(fs.readFileSync(path.join(DIR, file)));
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const evidence = new DirectoryEvidenceStore(tempDir('ocr-crawl-evidence'));
  const verifier = new StoreVerifier({
    evidence,
    browser: null,
    timeoutMs: 10_000,
    politeness: { perHostSpacingMs: 0, perHostConcurrency: 4, globalConcurrency: 8, expirationMs: 120_000 },
  });
  const started = performance.now();
  const results = await Promise.all(
    cases.map(async (c, i) => {
      const t0 = performance.now();
      const v = await verifier.verifyStore({ url: `${base}/store/${i}`, filed: c.filed });
      const wall = performance.now() - t0;
      const reading = v.evidence.ocr ? await evidence.get(v.evidence.ocr.sha256) : undefined;
      const ms = reading ? (JSON.parse(reading.toString('utf8')) as { ms: number }).ms : null;
      const outcome =
        v.verdict === c.expected.verdict
          ? 'expected'
          : v.verdict === 'inconclusive' && v.reason === 'image_only'
            ? 'image_only'
            : 'wrong';
      return { quality: c.quality, outcome, wall, ms };
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await verifier.close();
  await new Promise((resolve) => server.close(resolve));
  const byQuality = new Map<string, { expected: number; imageOnly: number; wrong: number; n: number }>();
  for (const r of results) {
    const q = byQuality.get(r.quality) ?? { expected: 0, imageOnly: 0, wrong: 0, n: 0 };
    q.n++;
    if (r.outcome === 'expected') q.expected++;
    else if (r.outcome === 'image_only') q.imageOnly++;
    else q.wrong++;
    byQuality.set(r.quality, q);
  }
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  const pct = (xs: number[], q: number) => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? 0;
  const ocrMs = sorted(results.flatMap((r) => (r.ms === null ? [] : [r.ms])));
  const wall = sorted(results.map((r) => r.wall));
  return {
    stores: results.length,
    seconds,
    byQuality,
    ocr: { pictures: ocrMs.length, p50: pct(ocrMs, 0.5), p95: pct(ocrMs, 0.95) },
    wall: { p50: pct(wall, 0.5), p95: pct(wall, 0.95) },
  };
}
