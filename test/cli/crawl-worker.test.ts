import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorker } from '../../src/accounts/service.ts';
import { loadConfig } from '../../src/config.ts';
import { openGateway } from '../../src/gateway.ts';
import { type RunningGateway, startGateway } from '../../src/http/server.ts';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/gateway.ts';
import { freePort } from '../helpers/redis.ts';

/** `marketgate crawl-worker`: what it refuses before taking any job, and how it says so. */
let gateway: RunningGateway;
let token: string;

beforeAll(async () => {
  const config = loadConfig({ dataDir: tempDir('mg-worker-cli-'), logLevel: 'silent', port: 0 }, {});
  gateway = await startGateway(config, openGateway(config, pino({ level: 'silent' })));
  token = addWorker(gateway.gateway.accounts, { name: 'cli-worker' }).token;
});
afterAll(() => gateway?.close());

const worker = (...args: string[]) => runCli(['crawl-worker', ...args], { MARKETGATE_WORKER_TOKEN: '' });

describe('marketgate crawl-worker', () => {
  it('refuses bad arguments as a usage error (exit 2), naming the argument', async () => {
    const redis = ['--redis', 'redis://127.0.0.1:6379'];
    const cases: [string[], RegExp][] = [
      [['--token', 'x', ...redis], /--gateway/],
      [
        ['--gateway', 'ftp://gateway.example', '--token', 'x', ...redis],
        /--gateway must be a http: or https: URL/,
      ],
      [['--gateway', 'not a url', '--token', 'x', ...redis], /--gateway must be a URL/],
      [
        ['--gateway', gateway.url, '--token', 'x', '--redis', 'http://127.0.0.1'],
        /--redis must be a redis: or rediss: URL/,
      ],
      [['--gateway', gateway.url, ...redis], /--token \(or MARKETGATE_WORKER_TOKEN\) is required/],
      [
        ['--gateway', gateway.url, '--token', 'x', ...redis, '--concurrency', '0'],
        /--concurrency must be 1-1000/,
      ],
      [
        ['--gateway', gateway.url, '--token', 'x', ...redis, '--browser-slots', '-1'],
        /--browser-slots must be 0-64/,
      ],
    ];
    for (const [args, message] of cases) {
      const run = await worker(...args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(message);
    }
  });

  it('says plainly when the gateway refuses its key or cannot be reached (exit 1), taking no job', async () => {
    const redis = ['--redis', `redis://127.0.0.1:${await freePort()}`];
    const refused = await worker('--gateway', gateway.url, '--token', 'mgw_WRONG000_xxxxxxxx', ...redis);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/the gateway refused this worker's key \(HTTP 401\)/);
    const unreachable = await worker(
      '--gateway',
      `http://127.0.0.1:${await freePort()}`,
      '--token',
      token,
      ...redis,
    );
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(/cannot reach the gateway at http:\/\/127\.0\.0\.1:\d+/);
    // The key never appears in what it prints.
    expect(unreachable.stderr + unreachable.stdout).not.toContain(token);
  }, 60_000);
});
