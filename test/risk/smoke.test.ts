import { afterEach, describe, expect, it } from 'vitest';
import { runRisk } from '../../src/risk/run.ts';
import { enterprise, type TestGateway, testGateway } from '../helpers/gateway.ts';
import { ndjson, order } from '../helpers/orders.ts';

let t: TestGateway;
afterEach(async () => t?.close());

const fileOrders = (key: string, records: unknown[]) =>
  t.call('POST', '/v1/transactions', { key, type: 'application/x-ndjson', body: ndjson(records) });

describe('risk smoke', () => {
  it('raises order_brushing for a store whose hour of orders came from two buyers', async () => {
    t = testGateway();
    const s = enterprise();
    expect((await t.fileSellers(t.platformA.key, [s])).status).toBe(201);
    const now = new Date();
    const at = new Date(now.getTime() - 2 * 3_600_000);
    at.setUTCMinutes(0, 0, 0);
    const placed = (m: number) => new Date(at.getTime() + m * 60_000).toISOString();
    const orders = Array.from({ length: 12 }, (_, i) =>
      order(s.seller_id, { placed_at: placed(i * 4), buyer_ref: `brusher-${i % 2}` }),
    );
    const filed = await fileOrders(t.platformA.key, orders);
    expect(filed.status, filed.text).toBe(201);
    const report = runRisk(t.gw, { now });
    expect(report.fold.orders).toBe(12);
    const brushing = report.signals.find((x) => x.signal === 'order_brushing')!;
    expect(brushing.new).toBe(1);
    const res = await t.call('GET', '/v1/regulator/risk/warnings?signal=order_brushing', {
      key: t.regulator.token,
    });
    expect(res.status, res.text).toBe(200);
    expect(res.json.warnings).toHaveLength(1);
    const w = res.json.warnings[0];
    expect(w.seller_id).toBe(s.seller_id);
    expect(w.explanation.found.worst_orders).toBe(12);
    expect(w.explanation.found.worst_buyers).toBe(2);
    expect(w.evidence.orders.total).toBe(12);
    const again = runRisk(t.gw, { now });
    expect(again.signals.find((x) => x.signal === 'order_brushing')!.unchanged).toBe(1);
  });
});
