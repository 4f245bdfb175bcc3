import { spawn } from 'node:child_process';
import fs from 'node:fs';
import pino from 'pino';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { processTreeRss } from '../../crawlers/browser/memory.ts';
import { GatewayClient, GatewayError, GatewayEvidenceStore } from '../../crawlers/fleet/gateway-client.ts';
import { addWorker } from '../../src/accounts/service.ts';
import { loadConfig } from '../../src/config.ts';
import { openGateway } from '../../src/gateway.ts';
import { type RunningGateway, startGateway } from '../../src/http/server.ts';
import { tempDir } from '../helpers/gateway.ts';

/** A worker's side of the worker API, against a gateway listening (crawlers/fleet/gateway-client.ts). */
let gateway: RunningGateway;
let token: string;

beforeAll(async () => {
  const config = loadConfig({ dataDir: tempDir('mg-gw-client-'), logLevel: 'silent', port: 0 }, {});
  gateway = await startGateway(config, openGateway(config, pino({ level: 'silent' })));
  token = addWorker(gateway.gateway.accounts, { name: 'client-test' }).token;
});
afterAll(() => gateway?.close());

test('evidence goes by hash, once: a file the gateway holds is not sent again', async () => {
  const store = new GatewayEvidenceStore(new GatewayClient(gateway.url, token));
  const page = Buffer.from(`<html><body>${Date.now()}</body></html>`);
  const first = await store.put(page, 'text/html; charset=utf-8');
  const again = await store.put(page, 'text/html; charset=utf-8');
  expect(again).toEqual(first);
  expect(store.counts).toEqual({ sent: 1, held: 1 });
  expect((await gateway.gateway.evidence.get(first.sha256))?.equals(page)).toBe(true);
});

test('a refused upload is an error naming what the gateway said, not a silent loss', async () => {
  const client = new GatewayClient(gateway.url, token, { tries: 1 });
  const wrong = client.putEvidence('0'.repeat(64), Buffer.from('not that hash'), 'text/plain');
  await expect(wrong).rejects.toBeInstanceOf(GatewayError);
  await expect(wrong).rejects.toThrow(/HTTP 400 .*SHA-256/);
});

test('the memory of a process tree counts its children (a worker’s Chromium)', async () => {
  const alone = processTreeRss([process.pid])!;
  expect(alone).toBeGreaterThan(10 * 1024 * 1024);
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10_000)'], { stdio: 'ignore' });
  try {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const own = processTreeRss([child.pid!])!;
    expect(own).toBeGreaterThan(5 * 1024 * 1024); // a node process
    // This process's tree now, less this process alone now: at least the child's.
    const tree = processTreeRss([process.pid])!;
    const self = Number(fs.readFileSync('/proc/self/statm', 'utf8').split(' ')[1]) * 4096;
    expect(tree - self).toBeGreaterThanOrEqual(own / 2);
  } finally {
    child.kill('SIGKILL');
  }
});
