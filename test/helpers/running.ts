import pino from 'pino';
import { expect } from 'vitest';
import { addPlatform } from '../../src/accounts/service.ts';
import { type Config, loadConfig } from '../../src/config.ts';
import { openGateway } from '../../src/gateway.ts';
import { type RunningGateway, startGateway } from '../../src/http/server.ts';
import { enterprise, tempDir } from './gateway.ts';

/**
 * On a running gateway: a new platform `slug` files one enterprise store over HTTP. Returns the store's
 * subject (its public credit page is the hot path's).
 */
export async function fileOneStore(running: RunningGateway, slug: string, sellerId: string): Promise<string> {
  const { key } = addPlatform(running.gateway.accounts, {
    slug,
    name: '热点商城',
    uscc: '91330106673959654P',
  });
  const filed = await fetch(`${running.url}/v1/sellers`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify([enterprise({ seller_id: sellerId })]),
  });
  expect(filed.status, await filed.clone().text()).toBe(201);
  return running.gateway.sellers.seller(running.gateway.accounts.platformBySlug(slug)!.id, sellerId)!
    .subject_id;
}

/**
 * A gateway listening on a free port of 127.0.0.1, on a new data folder, logging nothing, with no
 * background sweeps; `adjust` changes its configuration before it starts.
 */
export async function startTestServer(adjust: (config: Config) => void = () => {}): Promise<RunningGateway> {
  const config = loadConfig({ dataDir: tempDir(), port: 0, host: '127.0.0.1', logLevel: 'silent' });
  config.sweepMinutes = 0;
  adjust(config);
  return startGateway(config, openGateway(config, pino({ level: 'silent' })));
}
