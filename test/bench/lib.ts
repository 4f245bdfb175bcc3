import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';

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
export function startGatewayChild(
  dataDir: string,
  options: { env?: NodeJS.ProcessEnv; nodeArgs?: string[] } = {},
): Promise<GatewayChild> {
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), CLI, 'serve', '--port', '0', '--data', dataDir],
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
