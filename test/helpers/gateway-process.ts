import { spawn } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { BIN, REPO } from '../helpers/cli.ts';

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Milliseconds from the signal to the exit. */
  ms: number;
}

export interface GatewayProcess {
  url: string;
  pid: number;
  /** What it wrote to stdout and stderr so far. */
  output(): string;
  /** Sends `signal` (SIGTERM by default) and resolves once the process has exited. */
  signal(signal?: NodeJS.Signals): Promise<Exit>;
  stop(): Promise<void>;
}

/**
 * `marketgate serve` in its own process on a free port, as an operator runs it: the backup is taken
 * from another process, through the database file, never through the gateway's own connections.
 * Crawls may visit the fixture web on 127.0.0.1, statically and quickly. `env` adds to (or overrides)
 * its environment.
 */
export function startGatewayProcess(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<GatewayProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data', dataDir], {
      cwd: REPO,
      env: {
        ...process.env,
        MARKETGATE_LOG_LEVEL: 'silent',
        MARKETGATE_CHECK_WORKERS: '1',
        MARKETGATE_SWEEP_MINUTES: '0',
        MARKETGATE_CRAWL_ALLOW_PRIVATE: 'true',
        MARKETGATE_CRAWL_BROWSER_SLOTS: '0',
        MARKETGATE_CRAWL_SPACING_MS: '20',
        MARKETGATE_CRAWL_TIMEOUT_MS: '2000',
        MARKETGATE_COMPLAINTS_PER_ADDRESS_PER_HOUR: '1000',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((done) =>
      child.once('close', (code, signal) => done({ code, signal, at: performance.now() })),
    );
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 60_000);
    const onClose = (code: number | null) => reject(new Error(`serve exited ${code}: ${out}`));
    child.on('close', onClose);
    child.stderr.on('data', (d) => {
      out += d;
    });
    const signal = async (name: NodeJS.Signals = 'SIGTERM'): Promise<Exit> => {
      const sent = performance.now();
      if (child.exitCode === null && child.signalCode === null) child.kill(name);
      const exit = await exited;
      return { code: exit.code, signal: exit.signal, ms: Math.max(0, exit.at - sent) };
    };
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.off('close', onClose);
      resolve({
        url: m[1]!,
        pid: child.pid!,
        output: () => out,
        signal,
        stop: async () => void (await signal('SIGTERM')),
      });
    });
  });
}

/** Reads the live database of a gateway in `dataDir` from this process, as any other reader may. */
export function peek<T>(dataDir: string, sql: string, ...params: unknown[]): T {
  const db = new Database(path.join(dataDir, 'marketgate.db'), { readonly: true });
  try {
    return db
      .prepare(sql)
      .pluck()
      .get(...params) as T;
  } finally {
    db.close();
  }
}
