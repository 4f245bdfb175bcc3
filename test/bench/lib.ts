import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { Pool } from 'undici';

/** Small helpers shared by the benchmarks: temp folders, a gateway child process, medians, tables. */

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(REPO_ROOT, 'src/cli/marketgate.mjs');

const liveDirs = new Set<string>();
const liveChildren = new Set<ChildProcess>();

// Whatever happens (an exception, Ctrl-C), no gateway is left running and no temp folder is left behind.
process.on('exit', () => {
  for (const child of liveChildren) child.kill('SIGKILL');
  for (const dir of liveDirs) fs.rmSync(dir, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => process.exit(130));
}

export function tempDir(label: string, base = os.tmpdir()): string {
  const dir = fs.mkdtempSync(path.join(base, `marketgate-bench-${label}-`));
  liveDirs.add(dir);
  return dir;
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  liveDirs.delete(dir);
}

/** A field of /proc/<pid>/status in MiB (VmHWM is the peak resident set size, VmRSS the current one). */
export function procMemoryMiB(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!m) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(m[1]) / 1024;
}

/**
 * CPU seconds a process has used, all its threads, user and system (/proc/<pid>/stat): what a filing
 * costs the gateway, less sensitive than a rate to other machines sharing the cores.
 */
export function procCpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command (which may hold spaces), from its closing parenthesis: utime is the 14th
  // field of the line, stime the 15th, in clock ticks (100 a second on Linux).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export interface GatewayChild {
  url: string;
  pid: number;
  stderr(): string;
  /** What it printed (its log, unless MARKETGATE_LOG_LEVEL silences it). */
  stdout(): string;
  /** SIGTERM, then SIGKILL if it has not exited within 15 s; resolves with the exit code. */
  stop(): Promise<number | null>;
  /** How it ended (`code 1`, `SIGKILL`), or null while it runs. */
  ended(): string | null;
}

/** Starts `marketgate serve --port 0 --data <dir>` as a child process and waits for its URL. */
/**
 * BENCH_GATEWAY_NODE_ARGS: extra Node options for the gateway child, e.g. to profile it
 * (`--cpu-prof --cpu-prof-dir=/tmp/prof`; Node refuses those in NODE_OPTIONS).
 */
function profilingArgs(): string[] {
  return (process.env.BENCH_GATEWAY_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
}

export function startGatewayChild(
  dataDir: string,
  options: { env?: NodeJS.ProcessEnv; nodeArgs?: string[] } = {},
): Promise<GatewayChild> {
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), ...profilingArgs(), CLI, 'serve', '--port', '0', '--data', dataDir],
    { cwd: REPO_ROOT, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  liveChildren.add(child);
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => {
    stderr += s;
  });
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      liveChildren.delete(child);
      resolve(code);
    });
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    try {
      return await exited;
    } finally {
      clearTimeout(timer);
    }
  };
  return new Promise<GatewayChild>((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`the gateway did not print its URL within 30 s; stderr:\n${stderr}`));
    }, 30_000);
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      stdout += s;
      const m = /marketgate listening on (http:\/\/\S+)/.exec(stdout);
      if (m && child.pid !== undefined) {
        clearTimeout(timer);
        const ended = () => child.signalCode ?? (child.exitCode === null ? null : `code ${child.exitCode}`);
        resolve({ url: m[1]!, pid: child.pid, stderr: () => stderr, stdout: () => stdout, stop, ended });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the gateway exited (code ${code}) before listening; stderr:\n${stderr}`));
    });
  });
}

v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

/**
 * Lets the machine settle before a timed run: this process's garbage collected (a major collection in
 * the client would otherwise compete with the gateway for the cores), dirty pages written back (so the
 * previous run's files do not slow this run's fsyncs), then a second's pause.
 */
export async function settle(): Promise<void> {
  collectGarbage();
  spawnSync('sync');
  await new Promise((resolve) => setTimeout(resolve, 1000));
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
export const fmtFixed = (n: number, digits = 2) => n.toFixed(digits);

/** A plain-text table with right-aligned columns (Markdown-compatible). */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padStart(widths[i]!)).join(' | ')} |`;
  const rule = `|${widths.map((w) => `${'-'.repeat(w + 1)}:`).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

export function machine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? 'unknown CPU';
  const mem = os.totalmem() / 1024 ** 3;
  return `${cpus.length} cores (${model}), ${mem.toFixed(1)} GiB RAM, ${os.type()} ${os.release()}, node ${process.version}`;
}

// ---------------------------------------------------------------------------------------------------
// HTTP load on GET routes (bench:credit, bench:trace)
// ---------------------------------------------------------------------------------------------------

export interface RouteStats {
  latencies: number[];
  /** Per bucket of what was asked (the route's own split, e.g. the credit subject's event count). */
  buckets: { latencies: number[]; bytes: number }[];
  seconds: number;
  errors: number;
  statuses: Map<number, number>;
  bytes: number;
  gatewayCpu: number;
  clientCpu: number;
}

export const newRouteStats = (buckets: number): RouteStats => ({
  latencies: [],
  buckets: Array.from({ length: buckets }, () => ({ latencies: [], bytes: 0 })),
  seconds: 0,
  errors: 0,
  statuses: new Map(),
  bytes: 0,
  gatewayCpu: 0,
  clientCpu: 0,
});

export interface Route {
  name: string;
  /** The next request's path and the bucket it counts in. */
  next(): { path: string; bucket: number };
}

/** The load's shape: `connections` keep-alive connections; `rate` 0 for a closed loop, else R requests/s. */
export interface LoadShape {
  connections: number;
  rate: number;
}

/**
 * One slice of load on one route, recorded into `stats` (null: warm-up). Closed loop (rate 0): each of
 * the `connections` connections sends its next request as soon as the previous response is read, until
 * `ms` has passed; the slice ends with the last response. Open loop (rate R): requests are sent at R a
 * second on schedule whatever the answers, at most `connections` in flight (the rest wait in the pool's
 * queue), and latency runs from the scheduled moment, so that a stalled server is not hidden by the
 * client waiting for it (coordinated omission).
 */
export async function runSlice(
  pool: Pool,
  pid: number,
  route: Route,
  ms: number,
  stats: RouteStats | null,
  load: LoadShape,
) {
  const cpu0 = procCpuSeconds(pid);
  const client0 = process.cpuUsage();
  const started = performance.now();
  const stopAt = started + ms;
  let last = started;
  const one = async (t0: number) => {
    const { path: target, bucket } = route.next();
    let status = -1;
    let bytes = 0;
    try {
      const res = await pool.request({ method: 'GET', path: target });
      status = res.statusCode;
      for await (const chunk of res.body) bytes += (chunk as Buffer).length;
    } catch {
      // counted as an error below (status -1)
    }
    const t1 = performance.now();
    last = Math.max(last, t1);
    if (!stats) return;
    stats.statuses.set(status, (stats.statuses.get(status) ?? 0) + 1);
    if (status !== 200) {
      stats.errors++;
      return;
    }
    stats.latencies.push(t1 - t0);
    stats.bytes += bytes;
    stats.buckets[bucket]!.latencies.push(t1 - t0);
    stats.buckets[bucket]!.bytes += bytes;
  };
  if (load.rate === 0) {
    const loop = async () => {
      while (performance.now() < stopAt) await one(performance.now());
    };
    await Promise.all(Array.from({ length: load.connections }, loop));
  } else {
    const pending: Promise<void>[] = [];
    const total = Math.floor((load.rate * ms) / 1000);
    while (pending.length < total) {
      const due = Math.min(total, Math.floor(((performance.now() - started) * load.rate) / 1000) + 1);
      while (pending.length < due) pending.push(one(started + (pending.length * 1000) / load.rate));
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await Promise.all(pending);
  }
  if (!stats) return;
  // Open loop: the slice lasts its scheduled time (requests/s is the rate that was kept up).
  stats.seconds += load.rate === 0 ? (last - started) / 1000 : Math.max(ms, last - started) / 1000;
  stats.gatewayCpu += procCpuSeconds(pid) - cpu0;
  const client = process.cpuUsage(client0);
  stats.clientCpu += (client.user + client.system) / 1e6;
}

/** The p-th percentile of sorted values (nearest rank, rounded down). */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Refuses a command-line option that is not an integer of at least its least: `[name, value, least]`. */
export function requireIntegers(options: readonly (readonly [string, number, number])[]): void {
  for (const [name, value, min] of options)
    if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer >= ${min}`);
}
