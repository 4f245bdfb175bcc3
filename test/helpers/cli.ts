import { spawn } from 'node:child_process';
import { Console } from 'node:console';
import path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from '../../src/cli/build.mjs';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(REPO, 'src/cli/marketgate.mjs');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs a marketgate command in this process, through the command line's own main(): its exit code and
 * what it printed, with `env` set for the call. For tests about what a command does; runCliProcess runs
 * the real `marketgate` process, for tests about the process itself (the launcher, a command that must
 * exit by itself, what a user types in another terminal). A process costs 1-4 s to start and load the
 * gateway; this, milliseconds. (`serve` and `demo` run until a signal: start them with startServeProcess.)
 */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  // One command at a time: each swaps the process's output and environment while it runs.
  const run = queue.then(() => runInProcess(args, env));
  queue = run.catch(() => undefined);
  return run;
}

async function runInProcess(args: string[], env: Record<string, string>): Promise<CliResult> {
  const out = { stdout: '', stderr: '' };
  const sink = (key: keyof typeof out) =>
    new Writable({
      write(chunk, _encoding, done) {
        out[key] += String(chunk);
        done();
      },
    });
  const write = (key: keyof typeof out) =>
    ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      out[key] += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
      const done = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
      done?.();
      return true;
    }) as typeof process.stdout.write;

  const saved = {
    console: globalThis.console,
    stdoutWrite: process.stdout.write,
    stderrWrite: process.stderr.write,
    exitCode: process.exitCode,
    env: Object.fromEntries(
      Object.keys({ MARKETGATE_LOG_LEVEL: '', ...env }).map((k) => [k, process.env[k]]),
    ),
  };
  Object.assign(process.env, { MARKETGATE_LOG_LEVEL: 'silent', ...env });
  globalThis.console = new Console({ stdout: sink('stdout'), stderr: sink('stderr'), colorMode: false });
  process.stdout.write = write('stdout');
  process.stderr.write = write('stderr');
  process.exitCode = undefined;
  try {
    // As the launcher (marketgate.mjs) does before a command: stale bundles are built again, so that
    // the command's worker threads load compiled code rather than start tsx each (docs/decisions/0008).
    await ensureBuilt('cli');
    // Imported on first use: files that only start processes do not load the whole command line.
    const { main } = await import('../../src/cli/main.ts');
    const code = await main(['node', 'marketgate', ...args]);
    return { code, ...out };
  } finally {
    globalThis.console = saved.console;
    process.stdout.write = saved.stdoutWrite;
    process.stderr.write = saved.stderrWrite;
    process.exitCode = saved.exitCode;
    for (const [key, value] of Object.entries(saved.env)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

/** Runs the marketgate command as a user would, in its own process. */
export function runCliProcess(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return runProcess(process.execPath, [BIN, ...args], env);
}

/**
 * Runs a line as printed for a user (`npx --no-install marketgate …`) through the shell, quoting and all;
 * npx's lookup is replaced by the command it finds in this repository (package.json "bin"), which is what
 * --no-install runs in this folder.
 */
export function runPrintedLine(line: string, env: Record<string, string> = {}): Promise<CliResult> {
  const prefix = 'npx --no-install marketgate ';
  if (!line.startsWith(prefix)) throw new Error(`not a marketgate command line: ${line}`);
  return runProcess('bash', ['-c', `exec "$MG_NODE" "$MG_BIN" ${line.slice(prefix.length)}`], {
    ...env,
    MG_NODE: process.execPath,
    MG_BIN: BIN,
  });
}

function runProcess(command: string, args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: REPO,
      env: { ...process.env, MARKETGATE_LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts `marketgate serve` on a free port and resolves with its URL once it listens. */
export function startServeProcess(dataDir: string): Promise<{ url: string; stop: () => Promise<void> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data', dataDir], {
      cwd: REPO,
      env: { ...process.env, MARKETGATE_LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 20_000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1]!,
          stop: () =>
            new Promise((done) => {
              child.once('close', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    child.on('close', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
}
