import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { addWorker } from '../accounts/service.ts';
import { freePort, launchRedis, redisServerPath, stopRedis } from '../fleet/local-redis.ts';
import { spawnCrawlWorker, stopProcesses } from '../fleet/worker-processes.ts';
import type { Gateway } from '../gateway-types.ts';

/** How many crawl workers the demo runs beside its gateway. */
const DEMO_WORKERS = 2;

/**
 * The demo's crawler fleet (issue 20): a Redis of its own under <data>/demo-redis (the append-only file
 * on, as production should run it) and, once the gateway listens, crawl-worker processes that take the
 * demo's crawls. Null when this machine has no redis-server: the demo then crawls in-process.
 */
export async function startDemoRedis(
  dataDir: string,
): Promise<{ url: string; close(): Promise<void> } | null> {
  const bin = redisServerPath();
  if (!bin) return null;
  const dir = path.join(dataDir, 'demo-redis');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const port = await freePort();
  const child = await launchRedis(bin, port, dir, { appendonly: true });
  return { url: `redis://127.0.0.1:${port}`, close: () => stopRedis(child, 'SIGTERM') };
}

/**
 * Starts the demo's crawl workers, each with its worker account (made once; their keys are kept in
 * <data>/demo-workers.json, owner-only), as `marketgate crawl-worker` processes launched the way this
 * process was. Returns what stops them (SIGTERM: they finish the stores in flight).
 */
export function startDemoWorkers(
  gw: Pick<Gateway, 'accounts' | 'config'>,
  gatewayUrl: string,
  redisUrl: string,
  launcher: string[] = [process.execPath, ...process.execArgv, process.argv[1]!],
): { workers: ChildProcess[]; stop(killAfterMs?: number): Promise<void> } {
  const file = path.join(gw.config.dataDir, 'demo-workers.json');
  const tokens: Record<string, string> = fs.existsSync(file)
    ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>)
    : {};
  for (let i = 1; Object.keys(tokens).length < DEMO_WORKERS; i++) {
    // A name taken by an account whose key is not in the file (the file was removed) is skipped.
    const name = `demo-worker-${i}`;
    if (!tokens[name] && !gw.accounts.workerByName(name))
      tokens[name] = addWorker(gw.accounts, { name }).token;
  }
  fs.writeFileSync(file, JSON.stringify(tokens, null, 2), { mode: 0o600 });
  const workers = Object.values(tokens)
    .slice(0, DEMO_WORKERS)
    .map(
      (token) =>
        spawnCrawlWorker({
          gateway: gatewayUrl,
          redis: redisUrl,
          token,
          concurrency: 16,
          browserSlots: 1,
          launcher,
          logLevel: 'error',
          stderr: 'inherit',
        }).child,
    );
  return {
    workers,
    // SIGKILL after 5 s unless told otherwise (the demo's shutdown): a store in flight may wait 20 s for a
    // slow demo store, and a worker killed loses nothing (its jobs are taken again after the lease).
    stop: (killAfterMs = 5_000) => stopProcesses(workers, killAfterMs),
  };
}
