import { spawn } from 'node:child_process';
import { BIN, REPO } from '../helpers/cli.ts';

export interface GatewayProcess {
  url: string;
  pid: number;
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
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 60_000);
    const onClose = (code: number | null) => reject(new Error(`serve exited ${code}: ${out}`));
    child.on('close', onClose);
    child.stderr.on('data', (d) => {
      out += d;
    });
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.off('close', onClose);
      resolve({
        url: m[1]!,
        pid: child.pid!,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once('close', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
