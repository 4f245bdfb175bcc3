import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { enterprise, testGateway, type TestGateway } from '../helpers/gateway.ts';
import { order } from '../helpers/orders.ts';
import { STORES, startClickHouse, type TestClickHouse } from '../helpers/clickhouse.ts';

let server: TestClickHouse | undefined;
afterAll(async () => {
  await server?.close();
});

/**
 * The public check of a trace code and recalls (issue 23, docs/trace-codes.md), with orders in SQLite and
 * in ClickHouse (where each filing is loaded there and removed from SQLite before the next request: the
 * codes' index stays in SQLite, and a correction is compared with the order in ClickHouse).
 */
describe.each(STORES)('the public trace check, with orders in %s', (store) => {
  let t: TestGateway;
  beforeAll(async () => {
    if (store === 'clickhouse') server ??= await startClickHouse();
    t = testGateway({
      transactionsUrl: store === 'clickhouse' ? await server!.newDatabase() : undefined,
      // The recall's webhook is registered on 127.0.0.1 (never called here: its delivery is looked at).
      webhooks: { allowPrivateAddresses: true },
    });
    await t.fileSellers(t.platformA.key, [
      enterprise({ seller_id: 'PH-1', store_name: '第一大药房' }),
      enterprise({ seller_id: 'PH-2', store_name: '第二药店' }),
    ]);
    await t.fileSellers(t.platformB.key, [enterprise({ seller_id: 'B-9', store_name: '乙市场药店' })]);
  });
  afterAll(() => t.close());
  let n = 0;
  /** A code of the drug scheme no other test files. */
  const drugCode = () => `8123456${String(++n).padStart(13, '0')}`;
  const sale = (sellerId: string, code: string, overrides: Record<string, unknown> = {}) =>
    order(sellerId, {
      items: [
        {
          sku: 'MED-1',
          name: '阿莫西林胶囊',
          category: '药品',
          quantity: 1,
          unit_price: '12.50',
          trace_codes: [{ scheme: 'drug', code }],
        },
      ],
      total: '12.50',
      buyer_ref: 'buyer-secret-7f3a',
      ...overrides,
    });
  const check = (scheme: string, code: string) =>
    t.call('GET', `/public/trace/${scheme}/${encodeURIComponent(code)}`);

  test('a code never filed is not_found; one filed once is sold_once with the store, month and category, never the buyer', async () => {
    const unknown = await check('drug', drugCode());
    expect(unknown.status, unknown.text).toBe(200);
    expect(unknown.json).toMatchObject({ result: 'not_found', sale: null, sales: null, recall: null });

    const code = drugCode();
    expect((await t.fileTransactions([sale('PH-1', code)])).json.counts).toMatchObject({ created: 1 });
    const once = await check('drug', code);
    expect(once.json.result).toBe('sold_once');
    expect(once.json.sale).toMatchObject({
      platform: t.platformA.slug,
      platform_name: 'Alpha Mall',
      seller_id: 'PH-1',
      store_name: '第一大药房',
      month: '2026-03',
      category: '药品',
      verification: null,
    });
    expect(once.json.meaning).toMatch(/One sale/);
    expect(once.text).not.toContain('buyer-secret');
    expect(once.text).not.toMatch(/O-\d+/); // no order id either
  });

  test('sold by two stores on two platforms: sold_more_than_once with both stores, the months and the count', async () => {
    const code = drugCode();
    await t.fileTransactions([sale('PH-1', code)]);
    await t.fileTransactions(
      [sale('B-9', code, { placed_at: '2026-05-02T10:00:00+08:00' })],
      t.platformB.key,
    );
    const res = await check('drug', code);
    expect(res.json.result).toBe('sold_more_than_once');
    expect(res.json.sales).toMatchObject({
      count: 2,
      first_month: '2026-03',
      last_month: '2026-05',
      stores_total: 2,
    });
    expect(res.json.sales.stores.map((s: { seller_id: string }) => s.seller_id).sort()).toEqual([
      'B-9',
      'PH-1',
    ]);
    expect(res.json.meaning).toMatch(/complaint/);
    expect(res.text).not.toContain('buyer-secret');
  });

  test('a refund followed by a sale of the same store is a return and a resale: sold once; a cancelled order sold nothing', async () => {
    const code = drugCode();
    const first = sale('PH-2', code);
    await t.fileTransactions([first]);
    await t.fileTransactions([{ ...first, status: 'refunded' }]);
    await t.fileTransactions([sale('PH-2', code, { placed_at: '2026-04-01T10:00:00+08:00' })]);
    const res = await check('drug', code);
    expect(res.json).toMatchObject({ result: 'sold_once', returned_and_resold: 1 });
    expect(res.json.sale.month).toBe('2026-04');

    const cancelled = drugCode();
    await t.fileTransactions([sale('PH-2', cancelled, { status: 'cancelled' })]);
    expect((await check('drug', cancelled)).json.result).toBe('not_found');
    // Refunded, then sold by another store: not explained, two sales.
    const elsewhere = drugCode();
    const r = sale('PH-1', elsewhere, { status: 'refunded' });
    await t.fileTransactions([r]);
    await t.fileTransactions([sale('PH-2', elsewhere, { placed_at: '2026-04-01T10:00:00+08:00' })]);
    expect((await check('drug', elsewhere)).json.result).toBe('sold_more_than_once');
  });

  test('a correction that removes or changes a code changes what the check says; the history keeps it', async () => {
    const [a, b] = [drugCode(), drugCode()];
    const o = sale('PH-1', a);
    await t.fileTransactions([o]);
    const changed = {
      ...o,
      items: [{ ...(o.items as object[])[0], trace_codes: [{ scheme: 'drug', code: b }] }],
      correction_reason: 'scanned the wrong box',
    };
    expect((await t.fileTransactions([changed])).json.counts).toMatchObject({ updated: 1 });
    expect((await check('drug', a)).json.result).toBe('not_found');
    expect((await check('drug', b)).json.result).toBe('sold_once');
    const { trace_codes: _, ...noCodes } = (changed.items as Record<string, unknown>[])[0]!;
    await t.fileTransactions([{ ...changed, items: [noCodes], correction_reason: 'codes were not scanned' }]);
    expect((await check('drug', b)).json.result).toBe('not_found');
    const history = await t.call('GET', `/v1/transactions/${o.order_id}`, { key: t.platformA.key });
    expect(history.json.history).toHaveLength(3);
    // A status change keeps its codes (and a refund is what the check reads).
    const c = drugCode();
    const s = sale('PH-1', c);
    await t.fileTransactions([s]);
    await t.fileTransactions([{ ...s, status: 'shipped' }]);
    expect((await check('drug', c)).json.result).toBe('sold_once');
  });

  test('an order naming one code on two items is refused (a unit is sold once)', async () => {
    const code = drugCode();
    const item = {
      sku: 'M',
      name: 'm',
      quantity: 1,
      unit_price: '1.00',
      trace_codes: [{ scheme: 'drug', code }],
    };
    const res = await t.fileTransactions([
      order('PH-1', { items: [item, { ...item, sku: 'N' }], total: '2.00' }),
    ]);
    expect(res.json.counts).toMatchObject({ created: 0, rejected: 1 });
    expect(res.json.errors[0]).toMatchObject({ code: 'invalid_trace_code', field: 'items.1.trace_codes.0' });
    expect((await check('drug', code)).json.result).toBe('not_found');
  });

  test('a GS1 element string with its parentheses, percent-encoded; bad codes are refused with invalid_trace_code', async () => {
    const code = '(01)16291041500210(21)A1-7/x';
    const o = order('PH-1', {
      items: [
        { sku: 'G', name: 'g', quantity: 1, unit_price: '1.00', trace_codes: [{ scheme: 'gs1', code }] },
      ],
      total: '1.00',
    });
    expect((await t.fileTransactions([o])).json.counts).toMatchObject({ created: 1 });
    expect((await check('gs1', code)).json.result).toBe('sold_once');
    const badDigit = await check('gs1', '4006381333932');
    expect(badDigit.status).toBe(400);
    expect(badDigit.json.code).toBe('invalid_trace_code');
    expect((await check('rfid', 'ABCDEFGH')).json.code).toBe('invalid_trace_code');
    expect((await check('drug', '1'.repeat(65))).status).toBe(400);
  });

  test('a recall finds the orders that sold the codes, tells each platform (product.recalled), is audited, and the check says so', async () => {
    const prefix = `99${String(Date.now()).slice(-6)}`;
    const codes = [`${prefix}000000000001`, `${prefix}000000000002`, `${prefix}000000000003`];
    const sold = [
      sale('PH-1', codes[0]!),
      sale('PH-2', codes[1]!),
      sale('PH-1', codes[2]!, { status: 'cancelled' }),
    ];
    await t.fileTransactions(sold);
    const onB = sale('B-9', codes[1]!);
    await t.fileTransactions([onB], t.platformB.key);
    const body = (b: unknown) => ({
      key: t.regulator.token,
      body: JSON.stringify(b),
      type: 'application/json',
    });

    expect(
      (
        await t.call('POST', '/v1/regulator/recalls', {
          ...body({
            scheme: 'drug',
            code_prefix: prefix,
            reason: 'bad batch',
            legal_basis: '药品管理法第八十二条',
          }),
          key: t.platformA.key,
        })
      ).status,
    ).toBe(403);
    const bad = await t.call(
      'POST',
      '/v1/regulator/recalls',
      body({ scheme: 'drug', code_prefix: '99', reason: 'bad batch', legal_basis: '药品管理法' }),
    );
    expect([bad.status, bad.json.code]).toEqual([400, 'invalid_trace_code']);
    const both = await t.call(
      'POST',
      '/v1/regulator/recalls',
      body({ scheme: 'drug', codes, code_prefix: prefix, reason: 'bad batch', legal_basis: '药品管理法' }),
    );
    expect(both.status).toBe(400);

    const hook = await t.call('POST', '/v1/webhooks', {
      key: t.platformB.key,
      type: 'application/json',
      body: JSON.stringify({ url: 'http://127.0.0.1:9/recalls', events: ['product.recalled'] }),
    });
    expect(hook.status, hook.text).toBe(201);
    const res = await t.call(
      'POST',
      '/v1/regulator/recalls',
      body({
        scheme: 'drug',
        code_prefix: prefix,
        reason: 'bad batch 20260915',
        legal_basis: '药品管理法第八十二条',
      }),
    );
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({ codes: 0, code_prefix: prefix, codes_sold: 2, orders: 3 });
    expect(res.json.platforms).toEqual(
      [
        { platform: t.platformA.slug, orders: 2, codes: 2, event_seq: expect.any(Number) },
        { platform: t.platformB.slug, orders: 1, codes: 1, event_seq: expect.any(Number) },
      ].sort((x, y) => x.platform.localeCompare(y.platform)),
    );
    const feed = await t.call('GET', '/v1/events?type=product.recalled', { key: t.platformA.key });
    const mine = feed.json.events.filter(
      (e: { data: { recall_id: string } }) => e.data.recall_id === res.json.recall_id,
    );
    expect(mine).toHaveLength(1);
    expect(mine[0].data).toMatchObject({ orders_total: 2, codes_total: 2, reason: 'bad batch 20260915' });
    expect(mine[0].data.orders.sort()).toEqual([sold[0]!.order_id, sold[1]!.order_id].sort());
    expect(JSON.stringify(mine[0])).not.toContain(onB.order_id); // platform B's order is B's

    // Platform B's webhook has the recall's event to deliver: B's own event, with B's order only.
    const deliveries = await t.call('GET', `/v1/webhooks/${hook.json.webhook_id}/deliveries`, {
      key: t.platformB.key,
    });
    const bSeq = res.json.platforms.find(
      (p: { platform: string }) => p.platform === t.platformB.slug,
    ).event_seq;
    expect(deliveries.json.deliveries.map((d: { seq: number }) => d.seq)).toEqual([bSeq]);
    const bFeed = await t.call('GET', '/v1/events?type=product.recalled', { key: t.platformB.key });
    const bEvent = bFeed.json.events.find((e: { seq: number }) => e.seq === bSeq);
    expect(bEvent.data).toMatchObject({ orders: [onB.order_id], orders_total: 1, codes_total: 1 });
    const recalled = await check('drug', codes[0]!);
    expect(recalled.json.recall).toMatchObject({
      recall_id: res.json.recall_id,
      reason: 'bad batch 20260915',
    });
    expect((await check('drug', drugCode())).json.recall).toBeNull();
    const audit = t.gw.db
      .prepare("SELECT actor, action, target_id FROM audit_log WHERE action = 'recall.create'")
      .all();
    expect(audit).toContainEqual({
      actor: expect.stringMatching(/^regulator:/),
      action: 'recall.create',
      target_id: res.json.recall_id,
    });

    // Named codes: only those.
    const named = await t.call(
      'POST',
      '/v1/regulator/recalls',
      body({ scheme: 'drug', codes: [codes[0]], reason: 'one box', legal_basis: '药品管理法' }),
    );
    expect(named.json).toMatchObject({ codes: 1, codes_sold: 1, orders: 1 });
    const badCode = await t.call(
      'POST',
      '/v1/regulator/recalls',
      body({ scheme: 'drug', codes: ['123'], reason: 'one box', legal_basis: '药品管理法' }),
    );
    expect(badCode.json.code).toBe('invalid_trace_code');
  });

  test('the /trace page, in Chinese and English: a field for the code, the answer, and a complaint link that carries the code', async () => {
    const code = drugCode();
    await t.fileTransactions([sale('PH-1', code)]);
    await t.fileTransactions([sale('PH-2', code, { placed_at: '2026-06-01T10:00:00+08:00' })]);
    const empty = await t.call('GET', '/trace');
    expect(empty.status).toBe(200);
    expect(empty.text).toContain('追溯码查询');
    expect(empty.text).toMatch(/<input[^>]*name="code"/);
    // Pasted with spaces: they are not part of a code.
    const zh = await t.call('GET', `/trace?scheme=drug&code=${code.slice(0, 10)}%20${code.slice(10)}`);
    expect(zh.status).toBe(200);
    expect(zh.text).toContain('data-result="sold_more_than_once"');
    expect(zh.text).toContain('售出过不止一次');
    expect(zh.text).toContain('第一大药房');
    expect(zh.text).toContain(`/complaints/new?trace_scheme=drug&amp;trace_code=${code}`);
    expect(zh.text).not.toContain('buyer-secret');
    const en = await t.call('GET', `/trace?scheme=drug&code=${code}`, { headers: { cookie: 'lang=en' } });
    expect(en.text).toContain('Sold more than once');
    expect(en.text).toContain('2026-03 – 2026-06');
    const bad = await t.call('GET', '/trace?scheme=gs1&code=4006381333932', {
      headers: { cookie: 'lang=en' },
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/check digit/);
    const unknown = await t.call('GET', `/trace?scheme=drug&code=${drugCode()}`);
    expect(unknown.text).toContain('data-result="not_found"');
    expect(unknown.text).not.toContain('/complaints/new?trace_scheme');
  });
});
