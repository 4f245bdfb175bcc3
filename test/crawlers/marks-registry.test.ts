import { generateKeyPairSync, sign } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { decodeHtml } from '../../crawlers/extract/decode.ts';
import { extractFindings } from '../../crawlers/extract/index.ts';
import {
  defaultIssuers,
  hostMatches,
  imitates,
  mergeIssuers,
  readIssuersFile,
} from '../../crawlers/marks/registry.ts';
import { MarkVerifier } from '../../crawlers/marks/verify-marks.ts';
import { DEFAULT_RETRY } from '../../crawlers/fetch/retry.ts';
import type { IssuerEntry } from '../../crawlers/marks/types.ts';
import { createHostLimiter } from '../../crawlers/politeness/limiter.ts';
import { FIXTURE_PAGES, readFixturePage } from '../../fixtures/pages/index.ts';
import {
  REAL_PAGES_PRESENT,
  REAL_PAGES_SKIPPED,
  readRealPage,
  warnWhenRealPagesAbsent,
} from '../helpers/real-pages.ts';

test('hosts match exactly, with a port, or as subdomains of a wildcard', () => {
  expect(hostMatches('ss.knet.cn', ['*.knet.cn'])).toBe(true);
  expect(hostMatches('knet.cn', ['*.knet.cn'])).toBe(true);
  expect(hostMatches('knet.cn.evil.com', ['*.knet.cn'])).toBe(false);
  expect(hostMatches('www.jsgsj.gov.cn:60101', ['www.jsgsj.gov.cn:60101'])).toBe(true);
  expect(hostMatches('www.jsgsj.gov.cn:8080', ['www.jsgsj.gov.cn:60101'])).toBe(false);
  expect(hostMatches('127.0.0.1:4000', ['127.0.0.1:4000'])).toBe(true);
});

test('lookalike hosts carry an issuer domain or its name without being it', () => {
  const knet = ['*.knet.cn', 'knet.cn'];
  expect(imitates('kxwz.knet.cn.verify-seal.com', knet)).toBe(true);
  expect(imitates('knet-cn.com', knet)).toBe(true);
  expect(imitates('ss.knet.cn', knet)).toBe(false);
  expect(imitates('planet.com', knet)).toBe(false);
  expect(imitates('gsxt-gov.cn', ['*.gsxt.gov.cn'])).toBe(true);
  expect(imitates('127.0.0.1:5000', ['127.0.0.1:4000'])).toBe(false);
});

test('the default registry is data: it loads, and a file adds or replaces issuers', () => {
  const defaults = defaultIssuers();
  expect(defaults.map((i) => i.id)).toEqual(
    expect.arrayContaining([
      'knet-trusted-site',
      'szfw-integrity',
      'jiangsu-license-badge',
      'shanghai-license-badge',
    ]),
  );
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mg-issuers-')), 'issuers.json');
  fs.writeFileSync(
    file,
    JSON.stringify([
      {
        id: 'knet-trusted-site',
        name: 'replaced',
        hosts: ['x.test'],
        claims: [],
        id_from: {},
        confirm: { kind: 'none' },
      },
    ]),
  );
  const merged = mergeIssuers(defaults, readIssuersFile(file));
  expect(merged).toHaveLength(defaults.length);
  expect(merged.find((i) => i.id === 'knet-trusted-site')!.name).toBe('replaced');
  for (const bad of [
    '{}',
    '[{"id":"x"}]',
    '[{"id":"x","hosts":["a"],"claims":[],"confirm":{"kind":"magic"}}]',
    '[{"id":"x","hosts":["a"],"claims":[],"confirm":{"kind":"none"},"id_from":{"path":"("}}]',
  ]) {
    fs.writeFileSync(file, bad);
    expect(() => readIssuersFile(file), bad).toThrow();
  }
});

/** The marks of a page, read as bytes and decoded as the crawler does. */
const marksOf = (body: Buffer, pageUrl: string) =>
  extractFindings(decodeHtml(body, undefined).html, pageUrl).trustMarks;

/** A verifier with the built-in issuers; none of theirs can be asked from here, so nothing is fetched. */
function builtInVerifier() {
  const limiter = createHostLimiter({
    perHostConcurrency: 1,
    perHostSpacingMs: 0,
    globalConcurrency: 2,
    expirationMs: 5_000,
  });
  const verifier = new MarkVerifier(defaultIssuers(), limiter, {
    userAgent: 'test',
    timeoutMs: 1_000,
    maxBytes: 1_000,
  });
  return { verifier, stop: () => limiter.stop() };
}

test('marks of known issuers are recognised by issuer with the id they carry, and stay inconclusive without a network (our pages)', async () => {
  const { verifier, stop } = builtInVerifier();
  try {
    const home = FIXTURE_PAGES.home;
    const electric = await verifier.verifyMarks(marksOf(readFixturePage(home), home.url), home.url);
    expect(electric.map((m) => [m.issuer, m.id])).toEqual([
      ['szfw-integrity', 'CX20240118000123000456'],
      ['jiangsu-license-badge', '320000163820240117100000004418'],
    ]);
    const footer = FIXTURE_PAGES.footerSeals;
    const pharmacy = await verifier.verifyMarks(marksOf(readFixturePage(footer), footer.url), footer.url);
    // The ICP and 360 badges claim no issuer of the registry: they are not reported.
    expect(pharmacy.map((m) => [m.issuer, m.id])).toEqual([
      ['shanghai-license-badge', '20120315093042817'],
      ['knet-trusted-site', 'e12031531010091524hx7a000000'],
    ]);
    for (const mark of [...electric, ...pharmacy]) {
      expect(mark.verdict, JSON.stringify(mark)).toBe('inconclusive');
    }
  } finally {
    await stop();
  }
});

warnWhenRealPagesAbsent('the issuer registry on the marks of the real third-party store pages');
test.skipIf(!REAL_PAGES_PRESENT)(
  REAL_PAGES_PRESENT
    ? 'real marks are recognised by issuer with the id they carry, and stay inconclusive without a network (third-party pages)'
    : REAL_PAGES_SKIPPED,
  async () => {
    const { verifier, stop } = builtInVerifier();
    const page = (name: string) => marksOf(readRealPage(name), 'https://www.example.cn/');
    try {
      const suning = await verifier.verifyMarks(page('cn_suning_home_2016.html'), 'https://www.suning.com/');
      expect(suning.map((m) => m.issuer)).toEqual(
        expect.arrayContaining(['jiangsu-license-badge', 'szfw-integrity']),
      );
      expect(suning.find((m) => m.issuer === 'jiangsu-license-badge')!.id).toBeTruthy();
      const j1 = await verifier.verifyMarks(page('cn_j1com_footer_index.html'), 'https://www.j1.com/');
      expect(j1.map((m) => m.issuer)).toEqual(
        expect.arrayContaining(['shanghai-license-badge', 'knet-trusted-site']),
      );
      for (const mark of [...suning, ...j1]) {
        expect(mark.verdict, JSON.stringify(mark)).toBe('inconclusive');
      }
    } finally {
      await stop();
    }
  },
);

test('a mark whose issuer names no site is a copy where its id shows up on a second store', async () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const issuer = {
    id: 'sig-no-site',
    name: 'Unsited Seal',
    hosts: ['seal.test'],
    claims: [],
    id_from: {},
    confirm: {
      kind: 'signature' as const,
      public_key_pem: publicKey.export({ type: 'spki', format: 'pem' }) as string,
      payload_attribute: 'data-p',
      signature_attribute: 'data-s',
    },
  };
  const payload = Buffer.from(JSON.stringify({ id: 'U-1', expires: '2099-12-31' }));
  const element = {
    text: 'Unsited Seal',
    imgSrc: 'https://seal.test/badge.png',
    attributes: {
      'data-p': payload.toString('base64url'),
      'data-s': sign(null, payload, privateKey).toString('base64'),
    },
  };
  const limiter = createHostLimiter({
    perHostConcurrency: 1,
    perHostSpacingMs: 0,
    globalConcurrency: 2,
    expirationMs: 5_000,
  });
  const verifier = new MarkVerifier([issuer], limiter, {
    userAgent: 'test',
    timeoutMs: 1_000,
    maxBytes: 1_000,
  });
  expect((await verifier.verifyMarks([element], 'https://first.test/'))[0]).toMatchObject({
    verdict: 'genuine',
    id: 'U-1',
  });
  expect((await verifier.verifyMarks([element], 'https://first.test/again'))[0]!.verdict).toBe('genuine');
  expect((await verifier.verifyMarks([element], 'https://second.test/'))[0]).toMatchObject({
    verdict: 'copied',
    reason: 'the same mark was seen on https://first.test',
  });
  const tampered = {
    ...element,
    attributes: {
      ...element.attributes,
      'data-s': sign(null, Buffer.from('x'), privateKey).toString('base64'),
    },
  };
  expect((await verifier.verifyMarks([tampered], 'https://third.test/'))[0]!.verdict).toBe('forged');
  await limiter.stop();
});

test('an issuer whose status endpoint drops the first connection is asked again, like a page', async () => {
  let requests = 0;
  const server = http.createServer((req, res) => {
    requests++;
    if (requests === 1) {
      req.socket.destroy(); // a dropped connection: retryable
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: 'active', origin: 'https://shop.test' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer: IssuerEntry = {
    id: 'flaky',
    name: 'Flaky Seal',
    hosts: [host],
    claims: ['Flaky Seal'],
    id_from: { path: '/seal/([A-Z0-9-]+)' },
    confirm: {
      kind: 'status_endpoint',
      url: `http://${host}/status/{id}`,
      status_field: 'status',
      valid: ['active'],
      expired: ['expired'],
      revoked: ['revoked'],
      site_field: 'origin',
    },
  };
  const limiter = createHostLimiter({
    perHostConcurrency: 1,
    perHostSpacingMs: 0,
    globalConcurrency: 2,
    expirationMs: 5_000,
  });
  const options = { userAgent: 'test', timeoutMs: 1_000, maxBytes: 1_000 };
  const element = { text: 'Flaky Seal', href: `http://${host}/seal/FS-1`, attributes: {} };
  try {
    const once = new MarkVerifier([issuer], limiter, options, { ...DEFAULT_RETRY, tries: 1 });
    expect((await once.verifyMarks([element], 'https://shop.test/'))[0]!.verdict).toBe('inconclusive');
    requests = 0;
    const retried = new MarkVerifier([issuer], limiter, options, { ...DEFAULT_RETRY, baseDelayMs: 10 });
    expect((await retried.verifyMarks([element], 'https://shop.test/'))[0]).toMatchObject({
      verdict: 'genuine',
      id: 'FS-1',
    });
    expect(requests).toBe(2);
  } finally {
    await limiter.stop();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
