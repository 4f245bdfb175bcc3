import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Config } from '../config.ts';
import { type Gateway, openGateway } from '../gateway.ts';
import { createApp } from './app.ts';

export interface RunningGateway {
  gateway: Gateway;
  url: string;
  close(): Promise<void>;
}

/** Opens the data folder and listens; `port: 0` picks a free port (tests, benchmarks). */
export async function startGateway(
  config: Config,
  gateway: Gateway = openGateway(config),
): Promise<RunningGateway> {
  // Filings cut off by the last stop left staged rows behind; nobody can see them, and now they go.
  await gateway.writer.discardAbandoned();
  await gateway.checks.warm();
  // Crawls that the last stop interrupted go on with the stores they had not visited.
  gateway.crawls.resume();
  const schedule = scheduleCrawls(gateway);
  const app = createApp(gateway);
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, () => resolve(s));
    s.once('error', reject);
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  // Port 0 picked a free port: the gateway is reached there.
  if (config.publicUrl.endsWith(':0')) config.publicUrl = `http://${host}:${port}`;
  return {
    gateway,
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(schedule);
        server.close(() => void gateway.close().then(resolve));
        // Idle keep-alive connections would hold close() open.
        (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
      }),
  };
}

/**
 * With MARKETGATE_CRAWL_EVERY_MINUTES set, starts a crawl of the active stores not verified within
 * MARKETGATE_CRAWL_STALE_DAYS, unless one is still queued or running.
 */
function scheduleCrawls(gateway: Gateway): NodeJS.Timeout | undefined {
  const { everyMinutes, staleDays } = gateway.config.crawl;
  if (everyMinutes <= 0) return undefined;
  const timer = setInterval(() => {
    if (gateway.verifications.unfinishedCrawls().length > 0) return;
    const crawl = gateway.crawls.start({ stale_days: staleDays }, 'schedule');
    gateway.logger.info({ crawl: crawl.id, stores: crawl.total }, 'scheduled crawl started');
  }, everyMinutes * 60_000);
  timer.unref();
  return timer;
}
