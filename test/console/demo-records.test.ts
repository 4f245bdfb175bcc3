import { afterAll, expect, test } from 'vitest';
import { DEMO_WEB_PLATFORM, seedDemoRecords } from '../../src/cli/demo-web.ts';
import { addPlatform, addRegulator } from '../../src/accounts/service.ts';
import { enterprise, testGateway } from '../helpers/gateway.ts';

/** The demo's complaints at every stage, penalties and list entries, made once. */
const t = testGateway();
afterAll(() => t.close());

test('the demo records cover every complaint stage, both lists and penalties, once', async () => {
  const web = addPlatform(t.gw.accounts, DEMO_WEB_PLATFORM);
  const regulator = addRegulator(t.gw.accounts, { name: 'demo-regulator' });
  const stores = ['W-footer-text', 'W-identity-missing', 'W-name-mismatch', 'W-other-company-code'];
  const usccs = ['91330106673959654P', '91110108795101314G', '91310115MA1K3YJ12G', '91440300708461136T'];
  const filed = await t.fileSellers(
    web.key,
    stores.map((seller_id, i) =>
      enterprise({
        seller_id,
        uscc: usccs[i],
        legal_name: `示例企业${i}有限公司`,
        // Listing a subject crawls its stores: this address refuses at once, without leaving the machine.
        store_url: `http://127.0.0.1:9/${seller_id}`,
      }),
    ),
  );
  expect(filed.status, filed.text).toBe(201);
  const summary = seedDemoRecords(t.gw, regulator.name);
  expect(summary).toMatch(/10 complaints/);
  const byStatus = t.gw.complaints.countsByStatus();
  for (const status of ['submitted', 'accepted', 'rejected', 'forwarded', 'answered', 'mediation', 'closed'])
    expect(byStatus[status], `${status} in ${JSON.stringify(byStatus)}`).toBeGreaterThan(0);
  expect(t.gw.creditRecords.entries('serious', 'open', 10)).toHaveLength(1);
  expect(t.gw.creditRecords.entries('abnormal', 'open', 10)).toHaveLength(1);
  expect(t.gw.creditRecords.recentPenalties(10)).toHaveLength(2);
  // A second run changes nothing.
  expect(seedDemoRecords(t.gw, regulator.name)).toBeNull();
  await t.gw.crawls.stop();
});
