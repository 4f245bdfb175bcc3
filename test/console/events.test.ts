import { afterAll, beforeAll, expect, test } from 'vitest';
import { enterList } from '../../src/credit/service.ts';
import { createWebhook } from '../../src/events/webhooks.ts';
import { enterprise, testGateway, type TestGateway } from '../helpers/gateway.ts';
import { consoleCookie } from '../helpers/console.ts';

/**
 * The events page of the console (issue 16): the feed newest first with its type filter and paging,
 * each event's acknowledgements by the platforms it concerns, and the registered webhooks; signed-in
 * regulators only; a hostile subject name is escaped.
 */
let t: TestGateway;
let cookie = '';
const HOSTILE = '<script>alert("x")</script>示例商贸有限公司';

beforeAll(async () => {
  t = testGateway();
  expect((await t.fileSellers(t.platformA.key, [enterprise({ legal_name: HOSTILE })])).status).toBe(201);
  const subjectId = t.gw.db.prepare<[], { subject_id: string }>('SELECT subject_id FROM sellers').get()!
    .subject_id;
  const platform = t.gw.accounts.platformBySlug(t.platformA.slug)!;
  createWebhook(
    t.gw,
    { kind: 'platform', platformId: platform.id, slug: platform.slug, keyPrefix: 'x' },
    { url: 'https://hooks.example.com/a', events: ['list.entered'] },
  );
  enterList(t.gw, 'abnormal', { subject_id: subjectId, reason: 'r', legal_basis: 'b' }, 'regulator:1');
  const ack = await t.call('POST', '/v1/events/1/ack', { key: t.platformA.key });
  expect(ack.status).toBe(200);
  cookie = await consoleCookie(t);
});
afterAll(async () => {
  await t.gw.crawls.idle();
  await t.close();
});

const page = async (path: string) => {
  const res = await t.app.request(path, { headers: { cookie: `${cookie}; lang=en` } });
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return text;
};

test('the feed shows each event with who acknowledged it, and the webhooks with their deliveries', async () => {
  const html = await page('/console/events');
  expect(html).toContain('data-testid="events"');
  expect(html).toContain('list.entered');
  expect(html).toContain('1/1'); // acknowledged by the one platform it concerns
  expect(html).toContain(t.platformA.slug);
  expect(html).toContain('https://hooks.example.com/a');
  expect(html).toContain('1/0/0/0'); // one delivery pending
  expect(html).not.toContain('<script>alert');
  expect(html).toContain('&lt;script&gt;');
});

test('the type filter and paging narrow the feed', async () => {
  const marks = await page('/console/events?type=mark.revoked');
  expect(marks).not.toContain('data-testid="events"');
  const older = await page('/console/events?before=1');
  expect(older).not.toContain('data-testid="events"');
  const hostile = await page('/console/events?type=%3Cscript%3E&before=abc');
  expect(hostile).toContain('list.entered');
});

test('is for signed-in regulators only', async () => {
  const res = await t.app.request('/console/events');
  expect([302, 303]).toContain(res.status);
});
