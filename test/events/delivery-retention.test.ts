import { afterEach, expect, test } from 'vitest';
import { authenticate } from '../../src/accounts/service.ts';
import { createWebhook, pruneDeliveries } from '../../src/events/webhooks.ts';
import { type TestGateway, testGateway } from '../helpers/gateway.ts';

/** Webhook deliveries are kept `MARKETGATE_WEBHOOK_DELIVERY_DAYS` after they ended; pending ones always. */
let t: TestGateway;
afterEach(() => t?.close());

const DAY = 86_400_000;

test('the sweep removes ended deliveries older than the retention, keeps pending and recent ones and the events', async () => {
  t = testGateway({ webhooks: { allowPrivateAddresses: true, deliveryDays: 30 } });
  const principal = authenticate(t.gw.accounts, t.regulator.token);
  createWebhook(t.gw, principal, { url: 'http://127.0.0.1:9/hook', events: ['penalty.published'] });
  const now = new Date('2026-12-06T00:00:00Z');
  // Deliveries created 40 and 10 days ago, one of each status.
  const made: Record<string, { age: number; status: string }> = {};
  for (const age of [40, 10])
    for (const status of ['delivered', 'failed', 'cancelled', 'pending']) {
      const seq = t.gw.events.append(
        { type: 'penalty.published', data: { age, status } },
        new Date(now.getTime() - age * DAY),
      );
      const row = t.gw.db
        .prepare<[number], { id: string }>('SELECT id FROM webhook_deliveries WHERE seq = ?')
        .get(seq)!;
      t.gw.db.prepare('UPDATE webhook_deliveries SET status = ? WHERE id = ?').run(status, row.id);
      made[row.id] = { age, status };
    }
  const events = () => t.gw.db.prepare<[], number>('SELECT count(*) FROM events').pluck().get();
  const before = events();

  expect(await pruneDeliveries(t.gw, now)).toBe(3);
  const left = t.gw.db
    .prepare<[], { id: string }>('SELECT id FROM webhook_deliveries')
    .all()
    .map((r) => made[r.id]!);
  expect(left.filter((d) => d.age === 40).map((d) => d.status)).toEqual(['pending']);
  expect(left.filter((d) => d.age === 10)).toHaveLength(4);
  expect(events()).toBe(before);
  // Nothing more to remove: a second sweep removes nothing.
  expect(await pruneDeliveries(t.gw, now)).toBe(0);
});

test('the retention comes from MARKETGATE_WEBHOOK_DELIVERY_DAYS, at least a day', async () => {
  const { loadConfig } = await import('../../src/config.ts');
  expect(loadConfig({}, {}).webhooks.deliveryDays).toBe(30);
  expect(loadConfig({}, { MARKETGATE_WEBHOOK_DELIVERY_DAYS: '7' }).webhooks.deliveryDays).toBe(7);
  expect(loadConfig({}, { MARKETGATE_WEBHOOK_DELIVERY_DAYS: '0' }).webhooks.deliveryDays).toBe(1);
});
