import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { type Config, loadConfig } from '../config.ts';
import { CliError, EXIT } from './output.ts';
import { SignalShutdown } from './signals.ts';

export function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new CliError(`--port must be 0-65535, got "${value}"`, EXIT.usage);
  return n;
}

/** The gateway runs without a browser, but says at once that script-rendered stores need one. */
async function warnWithoutBrowser(config: Config): Promise<void> {
  const { BrowserNotFound, findChromium } = await import('../../crawlers/browser/chromium.ts');
  try {
    findChromium(config.chromiumPath);
  } catch (err) {
    if (!(err instanceof BrowserNotFound)) throw err;
    console.warn(`warning: ${err.message} Until then, stores rendered by script cannot be verified.`);
  }
}

/** Time the demo keeps back from its deadline for its Redis and fixture web, after the gateway stopped. */
const DEMO_LAST_MS = 500;

export function serveCommands(program: Command): void {
  program
    .command('serve')
    .description('run the gateway')
    .option('--port <n>', 'port to listen on (0 picks a free one)', port)
    .option('--host <address>', 'address to listen on')

    .action(async (o: { port?: number; host?: string; data?: string }) => {
      const config = loadConfig({ port: o.port, host: o.host, dataDir: o.data });
      // The gateway's code is loaded when it starts, not with the command line (src/cli/main.ts).
      const { startGateway } = await import('../http/server.ts');
      await warnWithoutBrowser(config);
      const signals = new SignalShutdown(config.shutdownMs);
      const running = await startGateway(config);
      signals.watch(running);
      console.log(`marketgate listening on ${running.url} (data: ${running.gateway.config.dataDir})`);
      console.log(`API docs: ${running.url}/docs`);
      const deadline = await signals.requested;
      await signals.end(() => running.close(deadline));
    });

  program
    .command('demo')
    .description('run the gateway with demo platforms and filed sellers (created on first run)')
    .option('--port <n>', 'port to listen on', port)
    .option('--host <address>', 'address to listen on')

    .action(async (o: { port?: number; host?: string; data?: string }) => {
      const config = loadConfig({ port: o.port, host: o.host, dataDir: o.data });
      // The demo talks to a person at a terminal: request logs would bury what it prints.
      if (config.logLevel === 'info') config.logLevel = 'warn';
      // The fixture web's stores are on 127.0.0.1: the demo's crawler may visit them (never by default).
      config.crawl.allowPrivateAddresses = true;
      // The metrics, for whoever runs the demo on this machine (unless configured otherwise).
      if (!config.metrics.token && config.metrics.addresses.length === 0)
        config.metrics.addresses = ['127.0.0.1', '::1'];
      const [
        { startGateway },
        { startFixtureWeb },
        { seedDemo },
        { publishDemoOpenData },
        { startDemoRedis, startDemoWorkers },
      ] = await Promise.all([
        import('../http/server.ts'),
        import('../../fixtures/web/index.ts'),
        import('./demo.ts'),
        import('./demo-opendata.ts'),
        import('./demo-fleet.ts'),
      ]);
      await warnWithoutBrowser(config);
      const signals = new SignalShutdown(config.shutdownMs);
      // The demo's crawls run on a fleet of two workers when this machine has Redis (the setup installs
      // it), as a province's would; otherwise in this process.
      const redis = config.crawl.redisUrl ? null : await startDemoRedis(config.dataDir);
      if (redis) config.crawl.redisUrl = redis.url;
      const running = await startGateway(config);
      signals.watch(running);
      const fleet = config.crawl.redisUrl
        ? startDemoWorkers(running.gateway, running.url, config.crawl.redisUrl)
        : undefined;
      console.log(
        fleet
          ? `crawls run on a fleet: ${fleet.workers.length} crawl-worker processes and ${redis ? `a Redis of the demo's at ${redis.url} (${config.dataDir}/demo-redis)` : 'the Redis of MARKETGATE_REDIS_URL'}; the console's Crawls page shows the workers`
          : 'crawls run in this process (no redis-server on this machine: install it for the crawler fleet)',
      );
      // The slow fixture stores outlast the crawler's 15 s deadline, as in the tests they outlast 1 s, so
      // every store gets the verdict its case expects.
      const web = await startFixtureWeb({ slowMs: 20_000 });
      // The fixture's two trust-mark issuers are recognised the way an operator adds any issuer: by a
      // file (read when the first crawl starts, below).
      if (!config.marks.issuersFile) {
        config.marks.issuersFile = path.join(config.dataDir, 'demo-mark-issuers.json');
        fs.writeFileSync(config.marks.issuersFile, JSON.stringify(web.markIssuers, null, 2));
      }
      let stopping = false;
      const close = async (deadline: number) => {
        stopping = true;
        // The workers first, for half the time: they send what they have in flight to the gateway,
        // which still answers them.
        await fleet?.stop(Math.max(0, (deadline - Date.now()) / 2));
        await running.close(deadline - DEMO_LAST_MS);
        await Promise.all([redis?.close(), web.close()]);
      };
      const seeded = seedDemo(running, web).then((demo) => {
        console.log(demo);
        // After the demo crawl (about 100 s on 2 cores: 66 stores, a second between two requests to a host,
        // its slow stores 20 s each): said when it is there.
        void publishDemoOpenData(running).then(
          (line) => line && console.log(line),
          (err: unknown) => {
            // A stop under way fails what it closes under the build: that is no news.
            if (!stopping)
              console.error(`marketgate: the demo's open data was not published: ${String(err)}`);
          },
        );
      });
      // A signal during the seeding stops the demo: the seeding's requests are cut off with the rest.
      seeded.catch(() => {});
      try {
        await Promise.race([seeded, signals.requested]);
      } catch (err) {
        await close(Date.now() + config.shutdownMs);
        throw err;
      }
      const deadline = await signals.requested;
      await signals.end(() => close(deadline));
    });
}
