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
  const app = createApp(gateway);
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, () => resolve(s));
    s.once('error', reject);
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    gateway,
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          gateway.close();
          resolve();
        });
        // Idle keep-alive connections would hold close() open.
        (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
      }),
  };
}
