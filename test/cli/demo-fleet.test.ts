import fs from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, expect, it } from 'vitest';
import { readHeartbeats } from '../../crawlers/fleet/keys.ts';
import { startDemoRedis, startDemoWorkers } from '../../src/cli/demo-fleet.ts';
import { loadConfig } from '../../src/config.ts';
import { openGateway } from '../../src/gateway.ts';
import { type RunningGateway, startGateway } from '../../src/http/server.ts';
import { BIN } from '../helpers/cli.ts';
import { tempDir } from '../helpers/gateway.ts';
import { isRunning } from '../helpers/processes.ts';

/** `marketgate demo`'s fleet: its own Redis in the data folder and two crawl workers, stopped with it. */
const dataDir = tempDir('mg-demo-fleet-');
let running: RunningGateway | undefined;
let redis: Awaited<ReturnType<typeof startDemoRedis>>;
afterAll(async () => {
  await running?.close();
  await redis?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('starts a Redis under <data>/demo-redis and two workers that report alive, and stops them all', async () => {
  redis = await startDemoRedis(dataDir);
  expect(redis, 'redis-server is installed by .ci/setup').not.toBeNull();
  expect(fs.existsSync(path.join(dataDir, 'demo-redis'))).toBe(true);
  const config = loadConfig({ dataDir, logLevel: 'silent', port: 0 }, {});
  config.crawl.redisUrl = redis!.url;
  running = await startGateway(config, openGateway(config, pino({ level: 'silent' })));
  const fleet = startDemoWorkers(running.gateway, running.url, redis!.url, [process.execPath, BIN]);
  // Their keys are kept owner-only, and the key is not on their command lines.
  const file = path.join(dataDir, 'demo-workers.json');
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  const tokens = Object.values(JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>);
  expect(tokens).toHaveLength(2);
  for (const child of fleet.workers) expect(child.spawnargs.join(' ')).not.toContain(tokens[0]!);
  const client = new Redis(redis!.url);
  try {
    for (let i = 0; i < 100; i++) {
      const alive = (await readHeartbeats(client, 'mg:')).filter((b) => b.alive);
      if (alive.length === 2) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const names = (await readHeartbeats(client, 'mg:')).filter((b) => b.alive).map((b) => b.name);
    expect(names.sort()).toEqual(['demo-worker-1', 'demo-worker-2']);
  } finally {
    client.disconnect();
  }
  await fleet.stop();
  for (const child of fleet.workers) expect(isRunning(child.pid!)).toBe(false);
  // A second start reuses the accounts.
  const again = startDemoWorkers(running.gateway, running.url, redis!.url, [process.execPath, BIN]);
  expect(running.gateway.accounts.workerByName('demo-worker-3')).toBeUndefined();
  await again.stop();
}, 60_000);
