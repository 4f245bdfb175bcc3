import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { complaintSeverity, sweepComplaints } from '../../src/complaints/service.ts';
import { MAX_FILE_BYTES } from '../../src/complaints/files.ts';
import { addWorkingDays } from '../../src/lib/working-days.ts';
import { chinaToday } from '../../src/lib/dates.ts';
import { usccCheckCharacter } from '../../crawlers/lib/uscc.ts';
import { enterprise, testGateway, type TestGateway } from '../helpers/gateway.ts';
import { ndjson, order } from '../helpers/orders.ts';

/**
 * Consumer complaints over HTTP: lodging and what it links to, abuse limits, evidence files, every
 * party's view, the workflow through the routes, the sweep, and what reaches the credit record.
 */
let t: TestGateway;
const json = (body: unknown) => ({ type: 'application/json', body: JSON.stringify(body) });
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(64)]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
let phones = 0;
const complainant = () => ({
  name: '李四',
  phone: `1391234${String(++phones).padStart(4, '0')}`,
  email: 'li.si@example.com',
});

const lodge = (body: Record<string, unknown>) =>
  t.call(
    'POST',
    '/public/complaints',
    json({
      platform: t.platformA.slug,
      seller_id: 'shop-1',
      category: 'quality',
      description: '收到的茶叶发霉，商家拒绝退款。',
      complainant: complainant(),
      ...body,
    }),
  );
const asConsumer = (method: string, code: string, path: string, token: string, body?: unknown) =>
  t.call(method, `/public/complaints/${code}${path}`, {
    headers: { authorization: `Bearer ${token}` },
    ...(body === undefined ? {} : json(body)),
  });
const regulatorStep = (id: string, body: unknown) =>
  t.call('POST', `/v1/regulator/complaints/${id}/steps`, { key: t.regulator.token, ...json(body) });
const respond = (id: string, body: unknown, key = t.platformA.key) =>
  t.call('POST', `/v1/complaints/${id}/responses`, { key, ...json(body) });
function upload(code: string, token: string, files: { name: string; bytes: Buffer; type?: string }[]) {
  const form = new FormData();
  for (const f of files)
    form.append(
      'file',
      new Blob([new Uint8Array(f.bytes)], { type: f.type ?? 'application/octet-stream' }),
      f.name,
    );
  return t.call('POST', `/public/complaints/${code}/files`, {
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
}

beforeAll(async () => {
  t = testGateway();
  // Every request here comes from one address: the limits per address are tested in test/http/rate-limit.test.ts.
  t.config.complaints.perAddressPerHour = 1000;
  t.config.publicRequestsPerMinute = 1_000_000;
  const sellers = await t.fileSellers(t.platformA.key, [
    enterprise({ seller_id: 'shop-1', uscc: `91330106000000777${usccCheckCharacter('91330106000000777')}` }),
    enterprise({ seller_id: 'shop-2', uscc: '91110108795101314G' }),
  ]);
  expect(sellers.status, sellers.text).toBe(201);
  const orders = [
    order('shop-1', { order_id: 'ORD-1' }),
    order('shop-1', { order_id: 'ORD-2' }),
    order('shop-1', { order_id: 'ORD-3' }),
    order('shop-2', { order_id: 'ORD-OTHER' }),
    order('shop-1', {
      order_id: 'ORD-OLD',
      placed_at: '2022-06-01T10:00:00+08:00',
      status: 'completed',
      completed_at: '2022-06-05T10:00:00+08:00',
    }),
  ];
  const filed = await t.call('POST', '/v1/transactions', {
    key: t.platformA.key,
    type: 'application/x-ndjson',
    body: ndjson(orders),
  });
  expect(filed.status, filed.text).toBe(201);
  expect(filed.json.counts.rejected).toBe(0);
});

afterAll(async () => {
  await t?.close();
});

describe('lodging', () => {
  test('an order the platform filed for the named store is a verified purchase, linked to store and subject', async () => {
    const res = await lodge({
      order_id: 'ORD-1',
      amount_claimed: '129.90',
      currency: 'CNY',
      publish_consent: true,
    });
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({
      status: 'submitted',
      tracking_code: expect.stringMatching(/^C-[0-9A-Z]{4}-[0-9A-Z]{4}$/),
      access_token: expect.any(String),
      linked: { order_id: 'ORD-1', order: 'verified', verified_purchase: true, order_store_differs: false },
      store: { seller_id: 'shop-1', filed: true },
      amount_claimed: '129.90',
      deadlines: { decision: addWorkingDays(chinaToday(), 7, t.gw.calendar), answer: null, mediation: null },
      complainant: { name: '李*', phone: expect.stringMatching(/^139\*+\d{4}$/), email: 'l***@example.com' },
    });
    expect(res.text).not.toContain('李四');
    expect(res.headers.get('cache-control')).toBe('no-store');
    // The token is shown once: tracking shows the complaint, never the token.
    const tracked = await asConsumer('GET', res.json.tracking_code, '', res.json.access_token);
    expect(tracked.status).toBe(200);
    expect(tracked.json.access_token).toBeUndefined();
    expect(tracked.json.events.map((e: { action: string }) => e.action)).toEqual(['submit']);
    // Stored encrypted: the database holds neither name nor phone in clear.
    const row = t.gw.db.prepare('SELECT * FROM complaints WHERE id = ?').get(res.json.complaint_id) as Record<
      string,
      unknown
    >;
    expect(JSON.stringify(row)).not.toContain('李四');
    expect(Buffer.isBuffer(row.phone_enc)).toBe(true);
  });

  test('an unknown order is accepted as unverified; an order of another store is flagged; a store by URL is found', async () => {
    const unknown = await lodge({ order_id: 'NOPE-1', category: 'non_delivery' });
    expect(unknown.status).toBe(201);
    expect(unknown.json.linked).toMatchObject({ order: 'unverified', verified_purchase: false });
    const wrong = await lodge({ order_id: 'ORD-OTHER', category: 'non_delivery' });
    expect(wrong.json.linked).toMatchObject({
      order: 'wrong_store',
      order_store_differs: true,
      verified_purchase: false,
    });
    const seller = t.gw.sellers.seller(t.gw.accounts.platformBySlug(t.platformA.slug)!.id, 'shop-1')!;
    const byUrl = await lodge({
      seller_id: undefined,
      store_url: seller.store_url.replace('shop.example.cn', 'SHOP.Example.CN'),
    });
    expect(byUrl.status, byUrl.text).toBe(201);
    expect(byUrl.json.store).toMatchObject({ seller_id: 'shop-1', filed: true });
    const unfiled = await lodge({ seller_id: undefined, store_url: 'https://unfiled.example.cn/' });
    expect(unfiled.json.store).toMatchObject({ seller_id: null, filed: false });
  });

  test('a purchase more than three years ago is refused with the reason', async () => {
    const res = await lodge({ order_id: 'ORD-OLD' });
    expect(res.status).toBe(422);
    expect(res.json).toMatchObject({
      code: 'complaint_time_barred',
      detail: expect.stringMatching(/2022-06-01.*three years/),
    });
  });

  test('the same order and category open already is refused, without naming it; another category is not', async () => {
    const first = await lodge({ order_id: 'ORD-2', category: 'counterfeit' });
    expect(first.status).toBe(201);
    const again = await lodge({ order_id: 'ORD-2', category: 'counterfeit' });
    expect(again.status).toBe(409);
    // Lodging needs no login: the other complaint's tracking code is part of its access, never told.
    expect(again.json.code).toBe('duplicate_complaint');
    expect(again.text).not.toContain(first.json.tracking_code);
    expect((await lodge({ order_id: 'ORD-2', category: 'price_fraud' })).status).toBe(201);
  });

  test('rate limits: per phone a day, per client address an hour, with Retry-After', async () => {
    const phone = '13700000001';
    const withPhone = () => lodge({ complainant: { name: '赵六', phone } });
    for (let i = 0; i < 3; i++) expect((await withPhone()).status).toBe(201);
    const limited = await withPhone();
    expect(limited.status).toBe(429);
    expect(limited.json.code).toBe('rate_limited');
    expect(limited.headers.get('retry-after')).toBeTruthy();
    // The same phone written differently is the same phone.
    expect((await lodge({ complainant: { name: '赵六', phone: '137-0000-0001' } })).status).toBe(429);

    t.config.complaints.perAddressPerHour = 0;
    const byAddress = await lodge({});
    expect(byAddress.status).toBe(429);
    expect(Number(byAddress.headers.get('retry-after'))).toBeGreaterThan(0);
    t.config.complaints.perAddressPerHour = 1000;
  });

  test('bad bodies get a clear error and lodge nothing', async () => {
    const before = (t.gw.db.prepare('SELECT count(*) AS n FROM complaints').get() as { n: number }).n;
    const post = (body: string, type = 'application/json') =>
      t.call('POST', '/public/complaints', { type, body });
    expect((await post('{"platform":')).json.code).toBe('malformed_json');
    expect((await post('{}', 'text/plain')).status).toBe(415);
    const missing = await post(
      JSON.stringify({
        platform: t.platformA.slug,
        category: 'quality',
        description: 'x'.repeat(20),
        complainant: complainant(),
      }),
    );
    expect(missing.status).toBe(400);
    expect(missing.json.errors).toEqual([
      expect.objectContaining({
        field: 'store_url',
        message: expect.stringMatching(/store_url or seller_id/),
      }),
    ]);
    const bad = await lodge({
      category: 'rude_staff',
      description: 'short',
      complainant: { name: '', phone: 'call me' },
      extra: true,
    });
    expect(bad.status).toBe(400);
    expect(bad.json.errors.map((e: { field: string }) => e.field).sort()).toEqual(
      ['', 'category', 'complainant.name', 'complainant.phone', 'description'].sort(),
    );
    expect((await lodge({ description: 'x'.repeat(5001) })).status).toBe(400);
    expect((await lodge({ amount_claimed: '12.345', currency: 'CNY' })).json.errors[0].field).toBe(
      'amount_claimed',
    );
    expect((await lodge({ amount_claimed: '12' })).json.errors[0].field).toBe('currency');
    expect((await lodge({ platform: 'no-such-platform' })).json.errors[0].field).toBe('platform');
    expect((await lodge({ seller_id: undefined, store_url: 'javascript:alert(1)' })).status).toBe(400);
    const huge = await post(JSON.stringify({ description: 'x'.repeat(100 * 1024) }));
    expect(huge.status).toBe(413);
    expect((t.gw.db.prepare('SELECT count(*) AS n FROM complaints').get() as { n: number }).n).toBe(before);
  });
});

describe('evidence files', () => {
  let code: string;
  let token: string;
  beforeAll(async () => {
    const res = await lodge({ category: 'false_advertising' });
    ({ tracking_code: code, access_token: token } = res.json);
  });

  test('images and PDF are taken by their content; another type named .jpg is refused and nothing is kept', async () => {
    const ok = await upload(code, token, [
      { name: 'photo.png', bytes: PNG, type: 'image/png' },
      { name: '../../etc/发票.pdf', bytes: PDF, type: 'application/pdf' },
    ]);
    expect(ok.status, ok.text).toBe(201);
    // Named by their hash and sniffed type, never by the names they were uploaded with.
    expect(ok.json.files.map((f: { media_type: string; name: string }) => [f.media_type, f.name])).toEqual([
      ['image/png', `${ok.json.files[0].sha256.slice(0, 16)}.png`],
      ['application/pdf', `${ok.json.files[1].sha256.slice(0, 16)}.pdf`],
    ]);
    const disguised = await upload(code, token, [
      { name: 'real.png', bytes: PNG },
      { name: 'evil.jpg', bytes: Buffer.from('<script>alert(1)</script>'.repeat(4)), type: 'image/jpeg' },
    ]);
    expect(disguised.status).toBe(415);
    expect(disguised.json).toMatchObject({
      code: 'unsupported_file_type',
      detail: expect.stringMatching(/evil\.jpg/),
    });
    const tracked = await asConsumer('GET', code, '', token);
    expect(tracked.json.files).toHaveLength(2);

    const back = await t.call('GET', `/public/complaints/${code}/files/${ok.json.files[1].sha256}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(back.status).toBe(200);
    expect(back.headers.get('content-type')).toBe('application/pdf');
    expect(back.headers.get('x-content-type-options')).toBe('nosniff');
    expect(back.headers.get('content-disposition')).toBe(
      `attachment; filename="${ok.json.files[1].sha256.slice(0, 16)}.pdf"`,
    );
    const asRegulator = await t.call(
      'GET',
      `/v1/regulator/complaints/${tracked.json.complaint_id}/files/${ok.json.files[0].sha256}`,
      { key: t.regulator.token },
    );
    expect(asRegulator.status).toBe(200);
  });

  test('a file past 5 MB, a body without a file, a wrong token: refused', async () => {
    const big = Buffer.concat([PNG, Buffer.alloc(MAX_FILE_BYTES)]);
    expect((await upload(code, token, [{ name: 'big.png', bytes: big }])).status).toBe(413);
    const empty = await t.call('POST', `/public/complaints/${code}/files`, {
      headers: { authorization: `Bearer ${token}` },
      body: new FormData(),
    });
    expect(empty.status).toBe(400);
    expect((await upload(code, 'wrong-token', [{ name: 'a.png', bytes: PNG }])).status).toBe(404);
    expect((await t.call('POST', `/public/complaints/${code}/files`, { body: new FormData() })).status).toBe(
      401,
    );
  });
});

describe('the workflow through every party', () => {
  test('regulator accepts and forwards, the platform answers, the consumer accepts: closed for the consumer, and the seller’s credit shows it', async () => {
    const lodged = await lodge({
      order_id: 'ORD-3',
      category: 'counterfeit',
      amount_claimed: '6000.00',
      currency: 'CNY',
      publish_consent: true,
      description: '买到假货，联系客服电话13812345678无人处理，李四。',
    });
    const { complaint_id: id, tracking_code: code, access_token: token } = lodged.json;

    const queue = await t.call('GET', '/v1/regulator/complaints', { key: t.regulator.token });
    const dues = queue.json.complaints.map((c: { next_due: string }) => c.next_due);
    expect([...dues].sort()).toEqual(dues);
    expect(queue.json.complaints.map((c: { complaint_id: string }) => c.complaint_id)).toContain(id);

    // Not forwarded yet: the platform does not see it among forwarded ones.
    const before = await t.call('GET', '/v1/complaints?status=forwarded', { key: t.platformA.key });
    expect(before.json.complaints.map((c: { complaint_id: string }) => c.complaint_id)).not.toContain(id);
    expect((await regulatorStep(id, { type: 'accept' })).json.status).toBe('accepted');
    const forwarded = await regulatorStep(id, { type: 'forward', message: '请平台10个工作日内处理' });
    expect(forwarded.json).toMatchObject({
      status: 'forwarded',
      deadlines: { answer: addWorkingDays(chinaToday(), 10, t.gw.calendar) },
    });

    const listed = await t.call('GET', '/v1/complaints?status=forwarded', { key: t.platformA.key });
    const mine = listed.json.complaints.find((c: { complaint_id: string }) => c.complaint_id === id);
    expect(mine).toMatchObject({ complainant: { name: '李*' }, linked: { order: 'verified' } });
    expect(mine.tracking_code).toBeUndefined();
    // What the consumer wrote reaches the platform without the consumer's name and phone in it.
    expect(JSON.stringify(listed.json)).not.toContain('李四');
    expect(JSON.stringify(listed.json)).not.toContain('13812345678');
    expect(mine.description).toBe('买到假货，联系客服电话[phone]无人处理，[name]。');
    // Nobody sees another's complaint: platform B gets 404, and sees none in its list.
    expect((await t.call('GET', `/v1/complaints/${id}`, { key: t.platformB.key })).status).toBe(404);
    expect((await respond(id, { kind: 'refund', message: 'x' }, t.platformB.key)).status).toBe(404);
    expect((await t.call('GET', '/v1/complaints', { key: t.platformB.key })).json.complaints).toEqual([]);

    const answered = await respond(id, { kind: 'refund', message: '已全额退款' });
    expect(answered.status, answered.text).toBe(200);
    expect(answered.json).toMatchObject({ status: 'answered', answer: { kind: 'refund', untimely: false } });

    const accepted = await asConsumer('POST', code, '/accept', token, { message: '已收到退款' });
    expect(accepted.status, accepted.text).toBe(200);
    expect(accepted.json).toMatchObject({ status: 'closed', outcome: 'resolved_for_consumer' });
    expect(accepted.json.events.map((e: { action: string }) => e.action)).toEqual([
      'submit',
      'accept',
      'forward',
      'respond',
      'consumer_accept',
      'close',
    ]);

    // Into the seller's credit: substantiated, moderate (counterfeit) raised to serious by CNY 6,000.
    const subject =
      accepted.json.linked.subject_id ??
      t.gw.sellers.seller(t.gw.accounts.platformBySlug(t.platformA.slug)!.id, 'shop-1')!.subject_id;
    const events = t.gw.credit.eventsOf(subject).filter((e) => e.source === 'complaint');
    expect(events).toEqual([
      expect.objectContaining({ kind: 'complaint_substantiated', severity: 'serious', source_id: id }),
    ]);
    const page = await t.call('GET', `/public/credit/subjects/${subject}`);
    expect(page.json.complaints).toMatchObject({
      received: expect.any(Number),
      closed: 1,
      substantiated: 1,
      share_substantiated: 1,
    });
    expect(page.json.complaints.orders_filed).toBe(4);
    expect(page.json.complaints.per_thousand_orders).toBe((page.json.complaints.received / 4) * 1000);
    expect(page.json.narratives).toEqual([
      expect.objectContaining({
        category: 'counterfeit',
        outcome: 'resolved_for_consumer',
        narrative: '买到假货，联系客服电话[phone]无人处理，[name]。',
      }),
    ]);
    // Closed: the consumer can no longer withdraw; the refusal says what is allowed.
    const late = await asConsumer('POST', code, '/withdraw', token, {});
    expect(late.status).toBe(409);
    expect(late.json).toMatchObject({ code: 'illegal_transition', allowed: [] });
  });

  test('illegal and forbidden steps: 409 with the allowed steps, 403 for the wrong party, 401 without a key', async () => {
    const {
      complaint_id: id,
      tracking_code: code,
      access_token: token,
    } = (await lodge({ category: 'other' })).json;
    const early = await respond(id, { kind: 'explanation', message: '说明' });
    expect(early.status).toBe(409);
    expect(early.json.allowed.map((s: { action: string }) => s.action)).toContain('accept');
    expect((await asConsumer('POST', code, '/accept', token, {})).status).toBe(409);
    expect((await regulatorStep(id, { type: 'reject', reason: 'not_consumer_dispute' })).json.status).toBe(
      'rejected',
    );
    expect((await regulatorStep(id, { type: 'accept' })).status).toBe(409);
    expect((await regulatorStep(id, { type: 'reject', reason: 'because' })).status).toBe(400);
    expect(
      (
        await t.call('POST', `/v1/regulator/complaints/${id}/steps`, {
          key: t.platformA.key,
          ...json({ type: 'accept' }),
        })
      ).status,
    ).toBe(403);
    expect((await t.call('GET', '/v1/regulator/complaints')).status).toBe(401);
    expect((await t.call('GET', '/v1/complaints', { key: t.regulator.token })).status).toBe(403);
  });

  test('mediation: the consumer rejects the answer, the regulator finds the seller at fault, mediation fails: it counts', async () => {
    const {
      complaint_id: id,
      tracking_code: code,
      access_token: token,
    } = (await lodge({ category: 'refund_refused' })).json;
    await regulatorStep(id, { type: 'accept' });
    await regulatorStep(id, { type: 'forward' });
    await respond(id, { kind: 'decline', message: '不同意退款' });
    const rejected = await asConsumer('POST', code, '/reject', token, { message: '不接受' });
    expect(rejected.json).toMatchObject({
      status: 'mediation',
      deadlines: { mediation: addWorkingDays(chinaToday(), 45, t.gw.calendar) },
    });
    expect(
      (await regulatorStep(id, { type: 'substantiate', message: '商家违反七日无理由退货规定' })).json
        .substantiated,
    ).toBe(true);
    const closed = await regulatorStep(id, { type: 'close', outcome: 'mediation_failed' });
    expect(closed.json).toMatchObject({ status: 'closed', outcome: 'mediation_failed' });
    expect(t.gw.credit.eventOf('complaint', id, 'complaint_substantiated')).toMatchObject({
      severity: 'minor',
    });
    // Every regulator step is in the audit log.
    expect(
      t.gw.audit
        .ofTarget('complaint', id)
        .map((e) => e.action)
        .reverse(),
    ).toEqual(['complaint.accept', 'complaint.forward', 'complaint.substantiate', 'complaint.close']);
  });

  test('mediation failing without a finding against the seller does not count; a withdrawn complaint neither', async () => {
    const a = (await lodge({ category: 'quality' })).json;
    await regulatorStep(a.complaint_id, { type: 'accept' });
    await regulatorStep(a.complaint_id, { type: 'forward' });
    await regulatorStep(a.complaint_id, { type: 'mediate' });
    await regulatorStep(a.complaint_id, { type: 'close', outcome: 'mediation_failed' });
    expect(t.gw.credit.eventOf('complaint', a.complaint_id, 'complaint_substantiated')).toBeUndefined();
    const b = (await lodge({ category: 'quality' })).json;
    const withdrawn = await asConsumer('POST', b.tracking_code, '/withdraw', b.access_token, {
      message: '已私下解决',
    });
    expect(withdrawn.json).toMatchObject({ status: 'closed', outcome: 'withdrawn' });
    expect(t.gw.credit.eventOf('complaint', b.complaint_id, 'complaint_substantiated')).toBeUndefined();
  });

  test('the sweep marks an unanswered complaint late, which counts against the seller; a late answer is untimely', async () => {
    const { complaint_id: id } = (await lodge({ category: 'non_delivery' })).json;
    await regulatorStep(id, { type: 'accept' });
    const forwarded = await regulatorStep(id, { type: 'forward' });
    const due = forwarded.json.deadlines.answer as string;
    const onDue = new Date(`${due}T23:00:00+08:00`);
    const dayAfter = new Date(`${due}T23:00:00+08:00`);
    dayAfter.setUTCDate(dayAfter.getUTCDate() + 1);
    expect(sweepComplaints(t.gw, onDue).late).not.toContain(id);
    const swept = sweepComplaints(t.gw, dayAfter);
    expect(swept.late).toContain(id);
    expect(sweepComplaints(t.gw, dayAfter).late).not.toContain(id); // once
    const late = t.gw.credit.eventOf('complaint', id, 'complaint_response_late');
    expect(late).toMatchObject({ severity: 'minor' });
    const view = await t.call('GET', `/v1/regulator/complaints/${id}`, { key: t.regulator.token });
    expect(view.json.overdue).toEqual(['answer']);
    expect(view.json.events.at(-1)).toMatchObject({
      action: 'sweep',
      actor: 'system',
      newly_overdue: ['answer'],
    });
  });

  test('only the handling regulator sees the complainant unmasked, for a reason that is audited', async () => {
    const { complaint_id: id } = (
      await lodge({ category: 'personal_data_misuse', complainant: { name: '钱七', phone: '13655556666' } })
    ).json;
    const noReason = await t.call('POST', `/v1/regulator/complaints/${id}/reveal`, {
      key: t.regulator.token,
      ...json({}),
    });
    expect(noReason.status).toBe(400);
    const revealed = await t.call('POST', `/v1/regulator/complaints/${id}/reveal`, {
      key: t.regulator.token,
      ...json({ reason: '电话联系投诉人核实情况' }),
    });
    expect(revealed.json.complainant).toEqual({ name: '钱七', phone: '13655556666', email: null });
    expect(t.gw.audit.ofTarget('complaint', id)[0]).toMatchObject({
      action: 'personal_data.reveal',
      reason: '电话联系投诉人核实情况',
    });
    expect(
      (
        await t.call('POST', `/v1/regulator/complaints/${id}/reveal`, {
          key: t.platformA.key,
          ...json({ reason: '想看看' }),
        })
      ).status,
    ).toBe(403);
  });

  test('a configured rule accepts and forwards a verified purchase at once', async () => {
    t.config.complaints.autoAccept = ['quality'];
    try {
      const orders = await t.call('POST', '/v1/transactions', {
        key: t.platformA.key,
        type: 'application/x-ndjson',
        body: ndjson([order('shop-1', { order_id: 'ORD-AUTO' })]),
      });
      expect(orders.status).toBe(201);
      const auto = await lodge({ order_id: 'ORD-AUTO', category: 'quality' });
      expect(auto.json).toMatchObject({ status: 'forwarded' });
      expect(
        auto.json.events.map((e: { action: string; actor: string }) => `${e.action}:${e.actor}`),
      ).toEqual(['submit:consumer', 'accept:system', 'forward:system']);
      const unverified = await lodge({ order_id: 'NOPE-AUTO', category: 'quality' });
      expect(unverified.json.status).toBe('submitted');
    } finally {
      t.config.complaints.autoAccept = [];
    }
  });
});

test('severity of a substantiated complaint: by category, raised by the amount in CNY', () => {
  expect(complaintSeverity('quality', null, null)).toBe('minor');
  expect(complaintSeverity('quality', 499_999, 'CNY')).toBe('minor');
  expect(complaintSeverity('quality', 500_000, 'CNY')).toBe('moderate');
  expect(complaintSeverity('counterfeit', null, null)).toBe('moderate');
  expect(complaintSeverity('counterfeit', 500_000, 'CNY')).toBe('serious');
  expect(complaintSeverity('quality', 5_000_000, 'CNY')).toBe('serious');
  expect(complaintSeverity('quality', 5_000_000, 'USD')).toBe('minor');
});
