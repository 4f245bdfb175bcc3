import { afterAll, beforeAll, expect, test } from 'vitest';
import { seedDemoAssistance } from '../../src/assistance/demo.ts';
import { runRisk } from '../../src/risk/run.ts';
import type { TestGateway } from '../helpers/gateway.ts';
import { assistanceGateway } from './helpers.ts';

/** What the demo gets from seedDemoAssistance: an answered request, an overdue one, and the warning it makes. */
let t: TestGateway;
beforeAll(async () => {
  t = await assistanceGateway();
});
afterAll(() => t.close());

test('one request answered in time with a file, one overdue; the risk run warns on the platform', async () => {
  const seeded = (await seedDemoAssistance(t.gw, { platform: t.platformA.slug, sellerId: 'shop-a' }))!;
  const get = (id: string) =>
    t.call('GET', `/v1/regulator/assistance-requests/${id}`, { key: t.regulator.token });
  const answered = await get(seeded.answeredRequestId);
  expect(answered.json).toMatchObject({ status: 'answered', late: false });
  expect(answered.json.answers.map((a: any) => a.answer_id)).toEqual([seeded.answerId]);
  const file = await t.app.request(answered.json.answers[0].download, {
    headers: { authorization: `Bearer ${t.regulator.token}` },
  });
  expect(JSON.parse((await file.text()).trim())).toMatchObject({ record: 'identity', seller_id: 'shop-a' });
  expect((await get(seeded.overdueRequestId)).json).toMatchObject({ status: 'open', overdue: true });
  const report = runRisk(t.gw, { signals: ['assistance_overdue'] });
  expect(report.signals[0]).toMatchObject({ fired: 1 });
  // Made once: a second start of the demo asks nothing more.
  expect(await seedDemoAssistance(t.gw, { platform: t.platformA.slug, sellerId: 'shop-a' })).toBeNull();
});
