import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { expect, test } from 'vitest';
import { stopProcesses } from '../../src/fleet/worker-processes.ts';

/** Running: there, and not a zombie (one killed whose parent is gone may wait to be reaped). */
const alive = (pid: number) => {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
};

test('a worker killed after the deadline takes the processes it started with it (its Chromium)', async () => {
  // A stand-in for a crawl worker stuck past its deadline: it ignores SIGTERM and has started a
  // process of its own, as a worker starts Chromium. Spawned detached, as spawnCrawlWorker does.
  const script = `
    process.on('SIGTERM', () => {});
    const grandchild = require('node:child_process').spawn('sleep', ['60'], { stdio: 'ignore' });
    console.log(grandchild.pid);
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['-e', script], {
    detached: true,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const grandchild = await new Promise<number>((resolve) =>
    child.stdout.once('data', (d: Buffer) => resolve(Number(String(d).trim()))),
  );
  expect(alive(grandchild)).toBe(true);
  const started = performance.now();
  await stopProcesses([child], 200);
  expect(performance.now() - started).toBeLessThan(5_000);
  expect(child.signalCode).toBe('SIGKILL');
  // Killed with it: a moment for the signal to land.
  for (let i = 0; i < 50 && alive(grandchild); i++) await new Promise((r) => setTimeout(r, 20));
  expect(alive(grandchild)).toBe(false);
});
