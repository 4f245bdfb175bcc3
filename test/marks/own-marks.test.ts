import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { addPlatform, addRegulator } from '../../src/accounts/service.ts';
import { loadConfig } from '../../src/config.ts';
import { openGateway } from '../../src/gateway.ts';
import { type RunningGateway, startGateway } from '../../src/http/server.ts';
import { tempDir } from '../helpers/gateway.ts';

/**
 * The crawler checks marketgate's own marks as it checks any issuer's: a real gateway on 127.0.0.1
 * issues a mark, a store page embeds the snippet, and a crawl asks the gateway about it with the store
 * page as Referer. The same snippet on another site is a copy; a revoked one is revoked.
 */
const IDENTITY = { name: '杭州自证科技有限公司', uscc: '91330106673959654P' };
let gateway: RunningGateway;
let shops: http.Server[] = [];
const snippets = new Map<string, string>();

async function shop(name: string): Promise<string> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<html><body><h1>${name}</h1><footer>营业执照：${IDENTITY.name} 统一社会信用代码：${IDENTITY.uscc}
      <p class="trust-seal">${snippets.get(name) ?? ''}</p></footer></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  shops.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

let platform: { slug: string; key: string };
let token: string;
const call = async (method: string, path: string, key: string, body?: unknown) => {
  const res = await fetch(`${gateway.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as any };
};
const crawl = async (sellerId: string) => {
  const started = await call('POST', '/v1/regulator/crawls', token, {
    stores: [{ platform: platform.slug, seller_id: sellerId }],
  });
  expect(started.status).toBe(202);
  await gateway.gateway.crawls.idle();
  return (await call('GET', `/v1/regulator/stores/${platform.slug}/${sellerId}/verifications?limit=1`, token))
    .json.verifications[0];
};

beforeAll(async () => {
  const config = loadConfig({
    dataDir: tempDir(),
    port: 0,
    host: '127.0.0.1',
    logLevel: 'silent',
    checkWorkers: 0,
  });
  Object.assign(config.crawl, {
    spacingMs: 10,
    timeoutMs: 3_000,
    browserSlots: 0,
    allowPrivateAddresses: true,
  });
  gateway = await startGateway(config, openGateway(config, pino({ level: 'silent' })));
  platform = addPlatform(gateway.gateway.accounts, {
    slug: 'own-marks',
    name: 'Own',
    uscc: '91110108795101314G',
  });
  token = addRegulator(gateway.gateway.accounts, { name: 'own-marks-inspector' }).token;
  const stores = { honest: await shop('honest'), copycat: await shop('copycat') };
  const records = Object.entries(stores).map(([id, url]) => ({
    seller_id: id,
    subject_type: 'enterprise',
    legal_name: IDENTITY.name,
    uscc: IDENTITY.uscc,
    store_name: id,
    store_url: url,
  }));
  expect((await call('POST', '/v1/sellers', platform.key, records)).status).toBe(201);
}, 30_000);

afterAll(async () => {
  await gateway?.close();
  for (const server of shops) {
    server.closeAllConnections();
    server.close();
  }
  shops = [];
});

test('a store showing its own marketgate mark: genuine; the same snippet on another site: copied; revoked: revoked', async () => {
  expect((await crawl('honest')).verdict).toBe('compliant');
  const issued = await call('POST', '/v1/regulator/marks', token, {
    platform: platform.slug,
    seller_id: 'honest',
  });
  expect(issued.status).toBe(201);
  const snippet = await (await fetch(`${gateway.url}/v1/marks/${issued.json.mark_id}/snippet`)).text();
  snippets.set('honest', snippet);
  snippets.set('copycat', snippet);

  const honest = await crawl('honest');
  expect(honest.marks).toEqual([
    expect.objectContaining({ issuer: 'marketgate', id: issued.json.mark_id, verdict: 'genuine' }),
  ]);
  expect(honest.marks_violation).toBe(false);
  const copycat = await crawl('copycat');
  expect(copycat.marks).toEqual([expect.objectContaining({ issuer: 'marketgate', verdict: 'copied' })]);
  expect(copycat).toMatchObject({ verdict: 'compliant', marks_violation: true });

  await call('POST', `/v1/regulator/marks/${issued.json.mark_id}/revoke`, token, {
    reason: 'shown on another site',
  });
  expect((await crawl('honest')).marks).toEqual([
    expect.objectContaining({ issuer: 'marketgate', verdict: 'revoked' }),
  ]);
}, 60_000);
