import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';

/**
 * A redis-server of this machine's, started as a child process on 127.0.0.1: for the demo's fleet and
 * the tests (never for production, where Redis is run as a service of its own).
 */

/** Where Debian puts the server (the setup installs it); null when this machine lacks it. */
export function redisServerPath(): string | null {
  for (const candidate of ['/usr/bin/redis-server', '/usr/local/bin/redis-server']) {
    if (fs.existsSync(candidate)) return candidate;
  }
  try {
    return execFileSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

/** A port nobody listens on now (the kernel's pick, released at once). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts redis-server on `port` with its files in `dir` (no snapshots; the append-only file when
 * `appendonly`, fsynced every second as production would run it) and resolves once it answers PING.
 */
export async function launchRedis(
  bin: string,
  port: number,
  dir: string,
  options: { appendonly?: boolean } = {},
): Promise<ChildProcess> {
  const args = [
    ...['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''],
    ...['--appendonly', options.appendonly ? 'yes' : 'no', '--daemonize', 'no'],
    ...['--protected-mode', 'yes', '--loglevel', 'warning'],
  ];
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += String(d)));
  child.stderr!.on('data', (d) => (output += String(d)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${output}`)), 10_000);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited (${code}): ${output}`));
    };
    child.once('exit', onExit);
    const ready = () => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.write('PING\r\n');
        socket.once('data', (data) => {
          socket.destroy();
          if (!String(data).startsWith('+PONG')) return void setTimeout(ready, 20);
          clearTimeout(timer);
          child.off('exit', onExit);
          resolve();
        });
      });
      socket.once('error', () => setTimeout(ready, 20));
    };
    ready();
  });
  return child;
}

/** Stops a server started by launchRedis with `signal` and waits for it to exit. */
export async function stopRedis(child: ChildProcess | undefined, signal: NodeJS.Signals): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}
