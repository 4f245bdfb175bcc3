import { type ChildProcess, spawn } from 'node:child_process';

/**
 * `marketgate crawl-worker` processes started from this one: the demo's fleet (src/cli/demo-fleet.ts),
 * the fleet's end-to-end test and bench:fleet. The key goes by the environment, never on the command
 * line that `ps` shows.
 */
export interface CrawlWorkerProcess {
  child: ChildProcess;
  /** The last 4,000 characters it wrote to stderr (empty when stderr is inherited). */
  stderr(): string;
}

export interface CrawlWorkerOptions {
  gateway: string;
  redis: string;
  token: string;
  concurrency?: number;
  browserSlots?: number;
  /** How to run `marketgate`: the node binary and its arguments. Default: the way this process was run. */
  launcher?: string[];
  cwd?: string;
  /** MARKETGATE_LOG_LEVEL of the worker. */
  logLevel: string;
  /** 'pipe' keeps the end of its stderr for stderr(); 'inherit' shows it with this process's. */
  stderr: 'pipe' | 'inherit';
}

export function spawnCrawlWorker(o: CrawlWorkerOptions): CrawlWorkerProcess {
  const [node, ...args] = o.launcher ?? [process.execPath, ...process.execArgv, process.argv[1]!];
  const flags = [
    ...['--gateway', o.gateway, '--redis', o.redis],
    ...(o.concurrency === undefined ? [] : ['--concurrency', String(o.concurrency)]),
    ...(o.browserSlots === undefined ? [] : ['--browser-slots', String(o.browserSlots)]),
  ];
  const child = spawn(node!, [...args, 'crawl-worker', ...flags], {
    cwd: o.cwd,
    env: { ...process.env, MARKETGATE_WORKER_TOKEN: o.token, MARKETGATE_LOG_LEVEL: o.logLevel },
    stdio: ['ignore', 'ignore', o.stderr],
    // Its own process group, with the Chromium it starts: a kill after the deadline takes them all
    // (stopProcesses), where killing the worker alone left its Chromium running.
    detached: true,
  });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr = (stderr + String(d)).slice(-4000)));
  return { child, stderr: () => stderr };
}

/**
 * Stops processes with SIGTERM (a worker finishes the stores in flight and sends their results), and
 * SIGKILL after `killAfterMs` (nothing is lost: a job not acknowledged is taken again after the lease):
 * to the whole process group of one started `detached` (the worker and its Chromium), else to it alone.
 */
export async function stopProcesses(children: readonly ChildProcess[], killAfterMs: number): Promise<void> {
  await Promise.all(
    children.map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      const kill = setTimeout(() => killGroup(child), killAfterMs);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(kill);
    }),
  );
}

function killGroup(child: ChildProcess): void {
  try {
    // A negative pid names the group the child leads (spawned detached); ESRCH when it leads none.
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}
