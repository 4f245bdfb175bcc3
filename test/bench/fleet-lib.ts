import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Redis } from 'ioredis';
import { readHeartbeats } from '../../crawlers/fleet/keys.ts';
import type { FixtureRequest } from '../../fixtures/web/index.ts';
import {
  type CrawlWorkerProcess,
  spawnCrawlWorker,
  stopProcesses,
} from '../../src/fleet/worker-processes.ts';
import { processTree } from '../helpers/processes.ts';
import { REPO_ROOT } from './lib.ts';

/** Helpers of bench:fleet (fleet.ts): worker processes, CPU time from /proc, politeness as hosts saw it. */

const CLI = path.join(REPO_ROOT, 'src/cli/marketgate.mjs');
const TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/**
 * CPU seconds of a process: its own user and system time plus that of its children it has waited for
 * (so a Chromium that ended during the run still counts, through its parent); 0 when it is gone.
 */
function processCpu(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): state is field 3, utime 14 … cstime 17.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / TICKS;
  } catch {
    return 0;
  }
}

/** CPU seconds of these processes and every live process below them (Chromium under a worker). */
export function treeCpu(pids: number[]): number {
  return processTree(pids).reduce((sum, pid) => sum + processCpu(pid), 0);
}

function commandLine(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/** The first process below this one whose command line matches (redis-server, the fixture web). */
export function childPid(pattern: RegExp): number | undefined {
  return processTree([process.pid]).find((pid) => pid !== process.pid && pattern.test(commandLine(pid)));
}

/** The machine's CPU counters (/proc/stat), in ticks: all, idle (with iowait), steal. */
export function machineCpu(): { total: number; idle: number; steal: number } {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  return { total: v.reduce((a, b) => a + b, 0), idle: v[3]! + v[4]!, steal: v[7] ?? 0 };
}

export interface WorkerProcess extends CrawlWorkerProcess {
  pid: number;
}

/** Starts `marketgate crawl-worker` processes and waits until each has sent its first heartbeat. */
export async function startWorkers(
  options: {
    gateway: string;
    redisUrl: string;
    prefix: string;
    client: Redis;
    browserSlots: number;
    concurrency: number;
  },
  tokens: string[],
): Promise<WorkerProcess[]> {
  const workers = tokens.map((token): WorkerProcess => {
    const worker = spawnCrawlWorker({
      gateway: options.gateway,
      redis: options.redisUrl,
      token,
      browserSlots: options.browserSlots,
      concurrency: options.concurrency,
      launcher: [process.execPath, CLI],
      cwd: REPO_ROOT,
      logLevel: 'warn',
      stderr: 'pipe',
    });
    return { ...worker, pid: worker.child.pid! };
  });
  const end = Date.now() + 120_000;
  for (;;) {
    const beats = await readHeartbeats(options.client, options.prefix);
    const ready = workers.filter((w) => beats.some((b) => b.pid === w.pid && b.running && b.alive));
    if (ready.length === workers.length) return workers;
    const dead = workers.find((w) => w.child.exitCode !== null);
    if (dead || Date.now() > end) {
      await stopWorkers(workers);
      throw new Error(`a crawl worker did not start: ${dead?.stderr() ?? 'no heartbeat in 120 s'}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** SIGTERM (the worker finishes what is in flight), SIGKILL after 30 s. */
export function stopWorkers(workers: WorkerProcess[]): Promise<void> {
  return stopProcesses(
    workers.map((w) => w.child),
    30_000,
  );
}

export interface HostPoliteness {
  host: string;
  /** Requests the crawler spaces itself (robots.txt, page fetches, a browser's navigation). */
  requests: number;
  /** The shortest time the spacing allows between the first and the last of them: (n − 1) × S, ms. */
  boundMs: number;
  /** Its first to its last such request as the host saw them, ms. */
  spanMs: number;
  /** Two consecutive such requests closer than the spacing. */
  violations: number;
  /** Chromium's own requests during a render (the page's script, favicon.ico) closer than the spacing to the one before. */
  subresourcesCloser: number;
  /** Examples of both: host, paths, gap. */
  closer: string[];
  /** The closest and the median gap between consecutive spaced requests, ms. */
  minGapMs: number;
  medianGapMs: number;
}

/** Requests the crawler's limiter spaces: robots.txt, the bench stores' pages (static or navigated to). */
const SPACED = /^\/(robots\.txt|s\/|js\/)/;

/** Per host, from the fixture web's log of arrivals. */
export function politeness(requests: FixtureRequest[], spacingMs: number): HostPoliteness[] {
  const byHost = new Map<string, FixtureRequest[]>();
  for (const r of requests) {
    if (!byHost.has(r.host)) byHost.set(r.host, []);
    byHost.get(r.host)!.push(r);
  }
  return [...byHost].map(([host, all]) => {
    all.sort((a, b) => a.at - b.at);
    const closer: string[] = [];
    const pair = (a: FixtureRequest, b: FixtureRequest) =>
      closer.push(`${host} ${a.path} → ${b.path}: ${(b.at - a.at).toFixed(0)} ms`);
    let subresourcesCloser = 0;
    for (let i = 1; i < all.length; i++) {
      if (SPACED.test(all[i]!.path) || all[i]!.at - all[i - 1]!.at >= spacingMs) continue;
      subresourcesCloser++;
      pair(all[i - 1]!, all[i]!);
    }
    const spaced = all.filter((r) => SPACED.test(r.path));
    const gaps: number[] = [];
    for (let i = 1; i < spaced.length; i++) {
      gaps.push(spaced[i]!.at - spaced[i - 1]!.at);
      if (gaps.at(-1)! < spacingMs) pair(spaced[i - 1]!, spaced[i]!);
    }
    gaps.sort((a, b) => a - b);
    return {
      host,
      requests: spaced.length,
      boundMs: (spaced.length - 1) * spacingMs,
      spanMs: (spaced.at(-1)?.at ?? 0) - (spaced[0]?.at ?? 0),
      violations: gaps.filter((g) => g < spacingMs).length,
      subresourcesCloser,
      closer,
      minGapMs: gaps[0] ?? Infinity,
      medianGapMs: gaps[gaps.length >> 1] ?? Infinity,
    };
  });
}

export function machineLine(): string {
  const model = /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? '?';
  const gib = (os.totalmem() / 1024 ** 3).toFixed(1);
  return `${os.cpus().length} cores (${model}), ${gib} GiB, Linux ${os.release()}, node ${process.version}`;
}
