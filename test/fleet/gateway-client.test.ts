import { spawn } from 'node:child_process';
import fs from 'node:fs';
import pino from 'pino';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { processTreeRss } from '../../crawlers/browser/memory.ts';
import { GatewayError, GatewayEvidenceStore, WorkerRefused } from '../../crawlers/fleet/gateway-client.ts';
import { workerGateway } from '../../src/fleet/worker-client.ts';
import { addWorker } from '../../src/accounts/service.ts';
import { loadConfig } from '../../src/config.ts';
import { openGateway } from '../../src/gateway.ts';
import { type RunningGateway, startGateway } from '../../src/http/server.ts';
import { tempDir } from '../helpers/gateway.ts';

/** A worker's side of the worker API, through the typed client, against a gateway listening (src/fleet/worker-client.ts). */
let gateway: RunningGateway;
let token: string;

beforeAll(async () => {
  const config = loadConfig({ dataDir: tempDir('mg-gw-client-'), logLevel: 'silent', port: 0 }, {});
  gateway = await startGateway(config, openGateway(config, pino({ level: 'silent' })));
  token = addWorker(gateway.gateway.accounts, { name: 'client-test' }).token;
});
afterAll(() => gateway?.close());

test('evidence goes by hash, once: a file the gateway holds is not sent again', async () => {
  const store = new GatewayEvidenceStore(workerGateway(gateway.url, token));
  const page = Buffer.from(`<html><body>${Date.now()}</body></html>`);
  const first = await store.put(page, 'text/html; charset=utf-8');
  const again = await store.put(page, 'text/html; charset=utf-8');
  expect(again).toEqual(first);
  expect(store.counts).toEqual({ sent: 1, held: 1 });
  expect((await gateway.gateway.evidence.get(first.sha256))?.equals(page)).toBe(true);
});

test('a refused upload is an error naming what the gateway said, not a silent loss', async () => {
  const client = workerGateway(gateway.url, token, { tries: 1 });
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

test('a refused key is WorkerRefused at once; an unreachable gateway is tried again, then a GatewayError', async () => {
  await expect(workerGateway(gateway.url, 'mgw_not-a-key').policy()).rejects.toBeInstanceOf(WorkerRefused);
  const started = performance.now();
  const away = workerGateway('http://127.0.0.1:9', token, { tries: 3, backoffMs: 20 });
  await expect(away.policy()).rejects.toThrow(
    /cannot reach the gateway at http:\/\/127\.0\.0\.1:9 \(GET \/v1\/worker\/config\)/,
  );
  // Two waits between three tries: 20 ms, then 40.
  expect(performance.now() - started).toBeGreaterThanOrEqual(60);
});

test('the policy comes typed; a result the gateway refuses is a GatewayError with its reasons', async () => {
  const client = workerGateway(gateway.url, token);
  const policy = await client.policy();
  expect(policy.worker.name).toBe('client-test');
  expect(policy.crawl.spacing_ms).toBeGreaterThan(0);
  const verification = { verdict: 'compliant' } as unknown as Parameters<typeof client.sendResult>[1];
  const refused = client.sendResult('not-a-job', verification);
  await expect(refused).rejects.toBeInstanceOf(GatewayError);
  await expect(refused).rejects.toThrow(/sending the result of job not-a-job: HTTP 400 job_id: /);
});
