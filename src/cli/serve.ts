import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { type Config, loadConfig } from '../config.ts';
import { CliError, EXIT } from './output.ts';

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

function waitForSignal(close: () => Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

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
      const running = await startGateway(config);
      console.log(`marketgate listening on ${running.url} (data: ${running.gateway.config.dataDir})`);
      console.log(`API docs: ${running.url}/docs`);
      await waitForSignal(running.close);
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
      // The demo's crawls run on a fleet of two workers when this machine has Redis (the setup installs
      // it), as a province's would; otherwise in this process.
      const redis = config.crawl.redisUrl ? null : await startDemoRedis(config.dataDir);
      if (redis) config.crawl.redisUrl = redis.url;
      const running = await startGateway(config);
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
      const close = async () => {
        // The workers first: they send what they have in flight to the gateway.
        await fleet?.stop();
        await running.close();
        await redis?.close();
        await web.close();
      };
      try {
        const demo = await seedDemo(running, web);
        console.log(demo);
        // After the demo crawl (half a minute: its slow stores take 20 s): said when it is there.
        void publishDemoOpenData(running).then(
          (line) => line && console.log(line),
          (err: unknown) =>
            console.error(`marketgate: the demo's open data was not published: ${String(err)}`),
        );
      } catch (err) {
        await close();
        throw err;
      }
      await waitForSignal(close);
    });
}
