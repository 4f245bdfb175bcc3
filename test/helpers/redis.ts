import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, launchRedis, redisServerPath, stopRedis } from '../../src/fleet/local-redis.ts';

export { freePort, redisServerPath };

export interface TestRedis {
  url: string;
  port: number;
  dir: string;
  /** Stops the server as a crash would (SIGKILL): what it held only in memory is gone. */
  kill(): Promise<void>;
  /** Starts it again on the same port and folder (with `appendonly`, it reloads what it wrote). */
  restart(): Promise<void>;
  /** Stops it and removes its folder. */
  close(): Promise<void>;
}

/**
 * A real redis-server of its own: a free port on 127.0.0.1, its own folder, no snapshot unless
 * `appendonly` (then every write is in the append-only file, fsynced every second, as production
 * would run it). Nothing of the system's service is used.
 */
export async function startRedis(options: { appendonly?: boolean } = {}): Promise<TestRedis> {
  const bin = redisServerPath();
  if (!bin) throw new Error('redis-server is not installed: run .ci/setup (apt-get install redis-server)');
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'marketgate-redis-'));
  let child: ChildProcess | undefined = await launchRedis(bin, port, dir, options);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    kill: () => stopRedis(child, 'SIGKILL'),
    async restart() {
      await stopRedis(child, 'SIGKILL');
      child = await launchRedis(bin, port, dir, options);
    },
    async close() {
      await stopRedis(child, 'SIGTERM');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
