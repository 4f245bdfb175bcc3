import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { addPlatform, addRegulator } from '../../src/accounts/service.ts';
import { type Config, loadConfig } from '../../src/config.ts';
import { type Gateway, openGateway } from '../../src/gateway.ts';
import { createApp } from '../../src/http/app.ts';
import { ndjson } from './orders.ts';

export function tempDir(prefix = 'mg-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

let platformCounter = 0;

/** A gateway on a fresh data folder with two platforms and a regulator, driven through app.request(). */
export function testGateway(
  options: {
    maxBodyBytes?: number;
    crawl?: Partial<Config['crawl']>;
    webhooks?: Partial<Config['webhooks']>;
    /**
     * Orders in this ClickHouse database (MARKETGATE_TRANSACTIONS_URL). Each transaction filing that
     * is answered 201 is then loaded there and removed from SQLite before `call` returns, so that what
     * follows reads and compares with ClickHouse.
     */
    transactionsUrl?: string;
    /** With transactionsUrl: the cluster it is the first shard of (MARKETGATE_TRANSACTIONS_CLUSTER, _SHARDS). */
    transactionsCluster?: { name: string; shards: string[] };
    /** A data folder to open (a restored one, say) instead of a new one. */
    dataDir?: string;
  } = {},
) {
  const dataDir = options.dataDir ?? tempDir();
  const config = loadConfig({
    dataDir,
    maxBodyBytes: options.maxBodyBytes ?? 8 * 1024 * 1024,
    logLevel: 'silent',
  });
  config.transactionsUrl = options.transactionsUrl;
  config.transactionsCluster = options.transactionsCluster;
  // The fixture web runs on 127.0.0.1: the crawler may visit it here (never by default).
  Object.assign(config.crawl, { allowPrivateAddresses: true }, options.crawl);
  Object.assign(config.webhooks, options.webhooks);
  const gw: Gateway = openGateway(config, pino({ level: 'silent' }));
  const app = createApp(gw);
  const started = gw.orders.start();
  platformCounter++;
  const a = addPlatform(gw.accounts, {
    slug: `alpha-${platformCounter}`,
    name: 'Alpha Mall',
    uscc: '91330106673959654P',
  });
  const b = addPlatform(gw.accounts, {
    slug: `beta-${platformCounter}`,
    name: 'Beta Market',
    uscc: '91110108795101314G',
  });
  const regulator = addRegulator(gw.accounts, { name: `inspector-${platformCounter}` });

  async function call(
    method: string,
    url: string,
    init: { key?: string; body?: BodyInit; type?: string; headers?: Record<string, string> } = {},
  ) {
    const headers: Record<string, string> = { ...init.headers };
    if (init.key) headers.authorization = `Bearer ${init.key}`;
    if (init.type) headers['content-type'] = init.type;
    await started;
    const res = await app.request(url, { method, headers, body: init.body });
    const text = await res.text();
    if (method === 'POST' && url.startsWith('/v1/transactions') && res.status === 201)
      await gw.orders.settled();
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, text, json };
  }

  return {
    dataDir,
    config,
    gw,
    app,
    platformA: a,
    platformB: b,
    regulator,
    call,
    fileSellers(
      key: string,
      records: unknown,
      opts: { type?: string; query?: string; idempotencyKey?: string } = {},
    ) {
      const type = opts.type ?? 'application/json';
      const body = typeof records === 'string' ? records : JSON.stringify(records);
      const headers: Record<string, string> = {};
      if (opts.idempotencyKey) headers['idempotency-key'] = opts.idempotencyKey;
      return call('POST', `/v1/sellers${opts.query ?? ''}`, { key, body, type, headers });
    },
    /** Files orders of platform A (or `key`'s) as NDJSON; the response as `call` gives it. */
    fileTransactions(records: unknown[], key: string = a.key) {
      return call('POST', '/v1/transactions', { key, body: ndjson(records), type: 'application/x-ndjson' });
    },
    async close() {
      await gw.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type TestGateway = ReturnType<typeof testGateway>;

let sellerCounter = 0;

/** A valid enterprise seller record with unique ids; override any field. */
export function enterprise(overrides: Record<string, unknown> = {}) {
  sellerCounter++;
  return {
    seller_id: `E-${sellerCounter}`,
    subject_type: 'enterprise',
    legal_name: '杭州示例商贸有限公司',
    uscc: '91330106673959654P',
    store_name: `示例旗舰店${sellerCounter}`,
    store_url: `https://shop.example.cn/store/${sellerCounter}`,
    contact_phone: '13812345678',
    ...overrides,
  };
}

/** A valid natural-person seller record; the ID number is a GB 11643 example, not a real person's. */
export function naturalPerson(overrides: Record<string, unknown> = {}) {
  sellerCounter++;
  return {
    seller_id: `P-${sellerCounter}`,
    subject_type: 'natural_person',
    legal_name: '王小明',
    id_number: '11010519491231002X',
    exemption_reason: '零星小额交易',
    store_name: `小明的小店${sellerCounter}`,
    store_url: `https://shop.example.cn/p/${sellerCounter}`,
    contact_phone: '13987654321',
    ...overrides,
  };
}
