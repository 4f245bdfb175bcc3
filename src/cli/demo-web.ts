import type { FixtureWeb } from '../../fixtures/web/index.ts';
import { addPlatform } from '../accounts/service.ts';
import type { RunningGateway } from '../http/server.ts';

export const DEMO_WEB_PLATFORM = { slug: 'demo-web', name: '示例网店平台', uscc: '91310115MA1K3YJ12G' };

/**
 * The demo's crawlable stores: every case of the fixture web (honest, dishonest, slow, broken), filed
 * by the platform `demo-web`. The fixture web listens on new ports at every start, so the stores are
 * filed again each time (a new version of each seller: the store moved) and a crawl of them is started.
 */
export async function fileDemoWebStores(
  running: RunningGateway,
  web: FixtureWeb,
  key: string,
): Promise<string> {
  const records = web.cases.map((store) => ({
    seller_id: `W-${store.id}`,
    subject_type: store.filed.uscc?.startsWith('92') ? 'individual_business' : 'enterprise',
    legal_name: store.filed.name,
    uscc: store.filed.uscc,
    store_name: store.title.slice(0, 200),
    store_url: store.url,
  }));
  const res = await fetch(`${running.url}/v1/sellers`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(records),
  });
  if (!res.ok) throw new Error(`demo filing of the fixture stores failed: ${res.status} ${await res.text()}`);
  const platform = running.gateway.accounts.platformBySlug(DEMO_WEB_PLATFORM.slug)!;
  return running.gateway.crawls.start({ platform_ids: [platform.id] }, 'demo').id;
}

/** The demo-web platform and its key, created in data folders seeded before it existed. */
export function ensureDemoWebPlatform(running: RunningGateway): { slug: string; name: string; key: string } {
  return { ...addPlatform(running.gateway.accounts, DEMO_WEB_PLATFORM), name: DEMO_WEB_PLATFORM.name };
}
