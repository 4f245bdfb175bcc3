import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addDepartment } from '../../src/accounts/service.ts';
import { verifyReceipt } from '../../src/filings/receipt.ts';
import { chinaToday } from '../../src/lib/dates.ts';
import { addWorkingDays } from '../../src/lib/working-days.ts';
import type { TestGateway } from '../helpers/gateway.ts';
import { assistanceGateway, createRequest, json, requestBody, upload, zipOf } from './helpers.ts';

/**
 * Assistance requests over HTTP, end to end: a regulator asks, the platform is told (feed and webhook),
 * reads, answers with NDJSON, CSV and ZIP files under signed receipts, the regulator downloads the very
 * bytes; each step audited; another platform sees nothing of it.
 */
let t: TestGateway;
beforeAll(async () => {
  t = await assistanceGateway();
});
afterAll(async () => {
  await t.close();
});

const asRegulator = (method: string, url: string, body?: unknown) =>
  t.call(method, url, { key: t.regulator.token, ...(body === undefined ? {} : json(body)) });
const audit = (id: string) =>
  t.gw.audit
    .ofTarget('assistance_request', id)
    .map((e) => e.action)
    .reverse();

describe('a request and its answers', () => {
  test('created with its due date in working days, announced to the platform by event and webhook', async () => {
    const received: string[] = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push(body);
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
      const hook = await t.call('POST', '/v1/webhooks', {
        key: t.platformA.key,
        ...json({ url, events: ['assistance.requested'] }),
      });
      expect(hook.status, hook.text).toBe(201);
      const hookB = await t.call('POST', '/v1/webhooks', {
        key: t.platformB.key,
        ...json({ url: `${url}/b`, events: ['assistance.requested'] }),
      });
      expect(hookB.status, hookB.text).toBe(201);

      const r = await createRequest(t, { due_working_days: 5, note: '请提供该店铺的全部订单。' });
      expect(r).toMatchObject({
        platform: t.platformA.slug,
        seller_id: 'shop-a',
        scope: ['identity', 'orders', 'payments'],
        status: 'open',
        overdue: false,
        late: null,
        due_working_days: 5,
        due_date: addWorkingDays(chinaToday(), 5, t.gw.calendar),
        answers: [],
      });
      expect(r.due_at).toBe(new Date(`${r.due_date}T24:00:00+08:00`).toISOString());

      // The platform's feed holds the event; the other platform's does not.
      const feed = await t.call('GET', '/v1/events?type=assistance.requested', { key: t.platformA.key });
      expect(feed.status, feed.text).toBe(200);
      const event = feed.json.events.find((e: any) => e.data.request_id === r.request_id);
      expect(event, feed.text).toMatchObject({
        type: 'assistance.requested',
        data: {
          request_id: r.request_id,
          case_number: '杭市监案〔2026〕118号',
          seller_id: 'shop-a',
          scope: ['identity', 'orders', 'payments'],
          due_date: r.due_date,
        },
      });
      // The note may name people: it stays out of the event.
      expect(JSON.stringify(event)).not.toContain('请提供');
      const feedB = await t.call('GET', '/v1/events?type=assistance.requested', { key: t.platformB.key });
      expect(feedB.text).not.toContain(r.request_id);

      expect(await t.gw.webhooks.runDue()).toBe(1);
      expect(received).toHaveLength(1);
      expect(JSON.parse(received[0]!)).toMatchObject({
        type: 'assistance.requested',
        data: { request_id: r.request_id, seller_id: 'shop-a' },
      });
      expect(audit(r.request_id)).toEqual(['assistance.requested']);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  test('the platform lists and reads it (first view audited once); another platform gets 404', async () => {
    const r = await createRequest(t);
    const list = await t.call('GET', '/v1/assistance-requests', { key: t.platformA.key });
    expect(list.status, list.text).toBe(200);
    const listed = list.json.requests.find((x: any) => x.request_id === r.request_id);
    expect(listed).toMatchObject({ status: 'open', seller_id: 'shop-a' });
    expect(listed.requested_by, 'the platform is not told which regulator asked').toBeUndefined();
    expect(listed.first_viewed_at).toEqual(expect.any(String));
    const one = await t.call('GET', `/v1/assistance-requests/${r.request_id}`, { key: t.platformA.key });
    expect(one.status, one.text).toBe(200);
    expect(one.json.first_viewed_at).toBe(listed.first_viewed_at);
    expect(audit(r.request_id)).toEqual(['assistance.requested', 'assistance.viewed']);

    const other = await t.call('GET', `/v1/assistance-requests/${r.request_id}`, { key: t.platformB.key });
    expect(other.status).toBe(404);
    expect(other.json).toMatchObject({ code: 'not_found' });
    const otherList = await t.call('GET', '/v1/assistance-requests', { key: t.platformB.key });
    expect(otherList.text).not.toContain(r.request_id);
    const otherAnswer = await upload(t, r.request_id, '{"a":1}\n', 'application/x-ndjson', {
      key: t.platformB.key,
    });
    expect(otherAnswer.status, otherAnswer.text).toBe(404);
    expect(audit(r.request_id)).toEqual(['assistance.requested', 'assistance.viewed']);
  });

  test('answered in parts (NDJSON, CSV, ZIP) with signed receipts; the regulator downloads the very bytes', async () => {
    const r = await createRequest(t, { scope: ['identity', 'orders', 'logistics'] });
    const ndjson = Buffer.from(
      '{"record":"identity","seller_id":"shop-a"}\r\n\n{"record":"order","order_id":"O-1","total":"12.50"}',
    );
    const csv = Buffer.from('\uFEFForder_id,carrier,tracking\nO-1,"顺丰, 速运",SF123\nO-2,EMS,"E""9"\n');
    const zip = zipOf({ 'orders.ndjson': '{"order_id":"O-1"}\n', 'logistics/波单.csv': 'a,b\n1,2\n' });
    const key = await t.call('GET', '/v1/receipt-key');
    const parts = [
      { body: ndjson, type: 'application/x-ndjson', query: '?final=false' },
      { body: csv, type: 'text/csv; charset=utf-8', query: '?final=false' },
      { body: zip, type: 'application/zip', query: '' },
    ];
    const receipts: any[] = [];
    for (const [i, p] of parts.entries()) {
      const res = await upload(t, r.request_id, new Uint8Array(p.body), p.type, { query: p.query });
      expect(res.status, res.text).toBe(201);
      expect(res.json).toMatchObject({
        receipt_type: 'assistance_answer',
        request_id: r.request_id,
        platform: t.platformA.slug,
        seller_id: 'shop-a',
        part: i + 1,
        bytes: p.body.length,
        late: false,
        completes_request: i === 2,
      });
      expect(res.json.sha256).toBe(createHash('sha256').update(p.body).digest('hex'));
      expect(verifyReceipt(res.json, key.json.public_key_pem)).toMatchObject({ valid: true });
      // Altered, it no longer verifies.
      expect(verifyReceipt({ ...res.json, late: true }, key.json.public_key_pem)).toMatchObject({
        valid: false,
      });
      receipts.push(res.json);
      const again = await t.call(
        'GET',
        `/v1/assistance-requests/${r.request_id}/answers/${res.json.answer_id}`,
        {
          key: t.platformA.key,
        },
      );
      expect(again.json).toEqual(res.json);
    }
    const view = await asRegulator('GET', `/v1/regulator/assistance-requests/${r.request_id}`);
    expect(view.json).toMatchObject({ status: 'answered', late: false, overdue: false });
    expect(view.json.answers.map((a: any) => a.media_type)).toEqual([
      'application/x-ndjson',
      'text/csv',
      'application/zip',
    ]);

    for (const [i, p] of parts.entries()) {
      const res = await t.app.request(view.json.answers[i].download, {
        headers: { authorization: `Bearer ${t.regulator.token}` },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(view.json.answers[i].media_type);
      expect(res.headers.get('content-disposition')).toMatch(
        /^attachment; filename="[0-9A-Z]{26}-part\d\.(ndjson|csv|zip)"$/,
      );
      expect(Buffer.from(await res.arrayBuffer()).equals(p.body), `part ${i + 1} byte for byte`).toBe(true);
    }
    // A completed request takes no more.
    const late = await upload(t, r.request_id, '{"a":1}\n', 'application/x-ndjson');
    expect(late.status, late.text).toBe(409);
    expect(audit(r.request_id)).toEqual([
      'assistance.requested',
      'assistance.answered',
      'assistance.answered',
      'assistance.answered',
      'assistance.completed',
      'assistance.answer_downloaded',
      'assistance.answer_downloaded',
      'assistance.answer_downloaded',
    ]);
    const download = t.gw.audit.ofTarget('assistance_request', r.request_id)[0]!;
    expect(download.actor).toMatch(/^regulator:\d+$/);
    expect(JSON.parse(download.detail)).toMatchObject({ answer_id: receipts[2].answer_id, via: 'api' });
    // The platform's view has no download links, and a platform cannot use the regulator's.
    const mine = await t.call('GET', `/v1/assistance-requests/${r.request_id}`, { key: t.platformA.key });
    expect(mine.json.answers[0].download).toBeUndefined();
    const refused = await t.call('GET', view.json.answers[0].download, { key: t.platformA.key });
    expect(refused.status).toBe(403);
    expect(t.gw.audit.verify()).toMatchObject({ ok: true });
  });

  test('the regulator lists by status and platform, pages, and cancels an open request', async () => {
    const r = await createRequest(t, { case_number: 'CANCEL-1' });
    const open = await asRegulator(
      'GET',
      `/v1/regulator/assistance-requests?status=open&platform=${t.platformA.slug}&limit=1`,
    );
    expect(open.status, open.text).toBe(200);
    expect(open.json.requests).toHaveLength(1);
    expect(open.json.requests[0].status).toBe('open');
    expect(open.json.total).toBeGreaterThan(1);
    expect(open.json.next_offset).toBe(1);
    const none = await asRegulator('GET', `/v1/regulator/assistance-requests?platform=${t.platformB.slug}`);
    expect(none.json).toMatchObject({ requests: [], total: 0, next_offset: null });

    const cancelled = await asRegulator('POST', `/v1/regulator/assistance-requests/${r.request_id}/cancel`, {
      reason: '案件已撤销',
    });
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(cancelled.json).toMatchObject({ status: 'cancelled', cancel_reason: '案件已撤销' });
    const twice = await asRegulator('POST', `/v1/regulator/assistance-requests/${r.request_id}/cancel`, {
      reason: 'x',
    });
    expect(twice.status).toBe(409);
    const answer = await upload(t, r.request_id, '{"a":1}\n', 'application/x-ndjson');
    expect(answer.status).toBe(409);
    expect(audit(r.request_id)).toEqual(['assistance.requested', 'assistance.cancelled']);
    const listed = await asRegulator('GET', '/v1/regulator/assistance-requests?status=cancelled');
    expect(listed.json.requests.map((x: any) => x.request_id)).toContain(r.request_id);
  });
});

describe('bad input', () => {
  const refusedCreate = async (overrides: Record<string, unknown>, field: string, code = 'invalid_body') => {
    const res = await asRegulator('POST', '/v1/regulator/assistance-requests', requestBody(t, overrides));
    expect(res.status, res.text).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.json.code, res.text).toBe(code);
    expect(
      res.json.errors.map((e: any) => e.field),
      res.text,
    ).toContain(field);
  };

  test('creating: every field is checked, against the records too', async () => {
    const before = t.gw.events.head();
    await refusedCreate({ platform: 'no-such-platform' }, 'platform');
    await refusedCreate({ seller_id: 'shop-b' }, 'seller_id'); // B's seller, not A's
    await refusedCreate({ scope: [] }, 'scope');
    await refusedCreate({ scope: ['identity', 'identity'] }, 'scope');
    await refusedCreate({ scope: ['bank_accounts'] }, 'scope.0');
    await refusedCreate({ from: '2026-04-01', to: '2026-03-01' }, 'to');
    await refusedCreate({ from: '2026-02-30' }, 'from');
    await refusedCreate({ to: '2999-01-01' }, 'to');
    await refusedCreate({ due_working_days: 0 }, 'due_working_days');
    await refusedCreate({ due_working_days: 31 }, 'due_working_days');
    await refusedCreate({ due_working_days: 2.5 }, 'due_working_days');
    await refusedCreate({ legal_basis: '   ' }, 'legal_basis');
    await refusedCreate({ case_number: undefined }, 'case_number');
    await refusedCreate({ extra: 1 }, '');
    const malformed = await t.call('POST', '/v1/regulator/assistance-requests', {
      key: t.regulator.token,
      type: 'application/json',
      body: '{"platform": ',
    });
    expect(malformed.json).toMatchObject({ status: 400, code: 'malformed_json' });
    const notJson = await t.call('POST', '/v1/regulator/assistance-requests', {
      key: t.regulator.token,
      type: 'text/plain',
      body: '{}',
    });
    expect(notJson.json).toMatchObject({ status: 415, code: 'unsupported_media_type' });
    expect(t.gw.events.head(), 'nothing announced').toBe(before);
  });

  test('a department cannot be asked; platform keys cannot ask', async () => {
    addDepartment(t.gw.accounts, { slug: 'tax-bureau', name: '税务局' });
    await refusedCreate({ platform: 'tax-bureau' }, 'platform');
    const byPlatform = await t.call('POST', '/v1/regulator/assistance-requests', {
      key: t.platformA.key,
      ...json(requestBody(t)),
    });
    expect(byPlatform.status).toBe(403);
    const noKey = await t.call('GET', '/v1/assistance-requests');
    expect(noKey.status).toBe(401);
    const regulatorAsPlatform = await t.call('GET', '/v1/assistance-requests', { key: t.regulator.token });
    expect(regulatorAsPlatform.status).toBe(403);
  });

  test('reading: bad ids, statuses, platforms, pages; unknown ids are 404', async () => {
    const cases: [string, string, number, string][] = [
      ['GET', '/v1/regulator/assistance-requests/not-an-id', 400, 'invalid_parameter'],
      ['GET', '/v1/regulator/assistance-requests/01ARZ3NDEKTSV4RRFFQ69G5FAV', 404, 'not_found'],
      ['GET', '/v1/regulator/assistance-requests?status=late', 400, 'invalid_parameter'],
      ['GET', '/v1/regulator/assistance-requests?platform=nobody', 400, 'invalid_parameter'],
      ['GET', '/v1/regulator/assistance-requests?limit=0', 400, 'invalid_parameter'],
      ['GET', '/v1/regulator/assistance-requests?offset=-1', 400, 'invalid_parameter'],
      [
        'GET',
        '/v1/regulator/assistance-requests/01ARZ3NDEKTSV4RRFFQ69G5FAV/answers/01ARZ3NDEKTSV4RRFFQ69G5FAV',
        404,
        'not_found',
      ],
      [
        'GET',
        '/v1/regulator/assistance-requests/01ARZ3NDEKTSV4RRFFQ69G5FAV/answers/x',
        400,
        'invalid_parameter',
      ],
    ];
    for (const [method, url, status, code] of cases) {
      const res = await asRegulator(method, url);
      expect(res.status, `${url}: ${res.text}`).toBe(status);
      expect(res.json, url).toMatchObject({ code });
    }
    const r = await createRequest(t);
    const noAnswer = await asRegulator(
      'GET',
      `/v1/regulator/assistance-requests/${r.request_id}/answers/01ARZ3NDEKTSV4RRFFQ69G5FAV`,
    );
    expect(noAnswer.status).toBe(404);
    const cancelNoReason = await asRegulator(
      'POST',
      `/v1/regulator/assistance-requests/${r.request_id}/cancel`,
      {},
    );
    expect(cancelNoReason.json).toMatchObject({ status: 400, code: 'invalid_body' });
    const platformBad = await t.call('GET', '/v1/assistance-requests?status=nope', { key: t.platformA.key });
    expect(platformBad.json).toMatchObject({ status: 400, code: 'invalid_parameter' });
    const badFinal = await upload(t, r.request_id, '{"a":1}\n', 'application/x-ndjson', {
      query: '?final=maybe',
    });
    expect(badFinal.json).toMatchObject({ status: 400, code: 'invalid_parameter' });
  });
});
