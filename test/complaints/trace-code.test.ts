import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signFormToken } from '../../src/console/security.ts';
import { consoleCookie, consolePage } from '../helpers/console.ts';
import { enterprise, testGateway, type TestGateway } from '../helpers/gateway.ts';

/**
 * A complaint naming the product trace code of the unit it is about (issue 23): checked by its scheme as
 * filed orders' codes are, kept with the complaint, shown in every party's view and on the complaint
 * pages; the lodging form takes it, filled in from the link the public trace check gives.
 */
let t: TestGateway;
const json = (body: unknown) => ({ type: 'application/json', body: JSON.stringify(body) });
const ZH = { 'accept-language': 'zh-CN,zh;q=0.9' };
const EN = { 'accept-language': 'en-GB,en;q=0.9' };

const DRUG = { scheme: 'drug', code: '81234560012345678901' };
const GS1 = { scheme: 'gs1', code: '(01)06901234567892(21)LJ250-0117' };

let phones = 0;
const phone = () => `1371234${String(++phones).padStart(4, '0')}`;
const complaintBody = (over: Record<string, unknown> = {}) => ({
  platform: t.platformA.slug,
  seller_id: 'shop-1',
  category: 'counterfeit',
  description: '药盒上的追溯码查询显示已多次售出，怀疑是假药。',
  complainant: { name: '王五', phone: phone() },
  ...over,
});
const lodge = (body: Record<string, unknown>) => t.call('POST', '/public/complaints', json(body));
const complaintCount = () =>
  t.gw.db.prepare('SELECT count(*) FROM complaints').pluck().get() as unknown as number;

/** A page form as a browser sends it (urlencoded). */
async function post(path: string, values: Record<string, string>, headers: Record<string, string> = ZH) {
  const res = await t.app.request(path, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(values).toString(),
  });
  const html = await res.text();
  return { status: res.status, html, $: cheerio.load(html) };
}
async function get(path: string, headers: Record<string, string> = ZH) {
  const res = await t.app.request(path, { headers });
  const html = await res.text();
  return { status: res.status, html, $: cheerio.load(html) };
}
/** The lodging form's fields, filled in as a consumer would; override any. */
const formFields = (over: Record<string, string> = {}): Record<string, string> => ({
  _form: signFormToken(t.gw.keys, 'lodge'),
  platform: t.platformA.slug,
  seller_id: 'shop-1',
  category: 'counterfeit',
  description: '药盒上的追溯码查询显示已多次售出。',
  name: '王五',
  phone: phone(),
  ...over,
});

beforeAll(async () => {
  t = testGateway();
  // Every request here comes from one address: the per-address limits are tested in test/http/.
  t.config.complaints.perAddressPerHour = 1000;
  t.config.publicRequestsPerMinute = 1_000_000;
  const sellers = await t.fileSellers(t.platformA.key, [enterprise({ seller_id: 'shop-1' })]);
  expect(sellers.status, sellers.text).toBe(201);
});

afterAll(async () => {
  await t?.close();
});

describe('the API', () => {
  test('a valid code is kept with the complaint and shown in every party’s view', async () => {
    for (const trace of [DRUG, GS1]) {
      const res = await lodge(complaintBody({ trace_code: trace }));
      expect(res.status, res.text).toBe(201);
      expect(res.json.trace_code).toEqual(trace);
      const { complaint_id: id, tracking_code: code, access_token: token } = res.json;
      const row = t.gw.complaints.byId(id)!;
      expect([row.trace_scheme, row.trace_code]).toEqual([trace.scheme, trace.code]);

      const views = {
        consumer: await t.call('GET', `/public/complaints/${code}`, {
          headers: { authorization: `Bearer ${token}` },
        }),
        platform: await t.call('GET', `/v1/complaints/${id}`, { key: t.platformA.key }),
        regulator: await t.call('GET', `/v1/regulator/complaints/${id}`, { key: t.regulator.token }),
      };
      for (const [who, view] of Object.entries(views)) {
        expect(view.status, `${who}: ${view.text}`).toBe(200);
        expect(view.json.trace_code, who).toEqual(trace);
      }
      const list = await t.call('GET', '/v1/complaints', { key: t.platformA.key });
      const queue = await t.call('GET', '/v1/regulator/complaints?limit=1000', { key: t.regulator.token });
      for (const listed of [list.json.complaints, queue.json.complaints])
        expect(listed.find((c: { complaint_id: string }) => c.complaint_id === id)?.trace_code).toEqual(
          trace,
        );
    }
  });

  test('a complaint without a code shows null, and stores none', async () => {
    const res = await lodge(complaintBody());
    expect(res.status, res.text).toBe(201);
    expect(res.json).toHaveProperty('trace_code', null);
    const row = t.gw.complaints.byId(res.json.complaint_id)!;
    expect([row.trace_scheme, row.trace_code]).toEqual([null, null]);
    const regulator = await t.call('GET', `/v1/regulator/complaints/${res.json.complaint_id}`, {
      key: t.regulator.token,
    });
    expect(regulator.json).toHaveProperty('trace_code', null);
  });

  test.each([
    ['a GS1 code whose check digit is wrong', { scheme: 'gs1', code: '4006381333932' }, /check digit/],
    ['a scheme that is not one', { scheme: 'rfid', code: 'ABCDEFGH-1234' }, /scheme must be one of/],
    ['a drug code that is not 20 digits', { scheme: 'drug', code: '8123456001234567890' }, /20 digits/],
    [
      'a GS1 element string with a space in its serial',
      { scheme: 'gs1', code: '(01)06901234567892(21)A B' },
      /GTIN/,
    ],
  ])('%s is refused with invalid_trace_code, and no complaint is made', async (_, trace, why) => {
    const before = complaintCount();
    const body = complaintBody({ trace_code: trace });
    const res = await lodge(body);
    expect(res.status, res.text).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.json.code).toBe('invalid_trace_code');
    expect(res.json.detail).toMatch(why);
    expect(res.json.errors).toEqual([{ field: 'trace_code', message: expect.stringMatching(why) }]);
    expect(complaintCount()).toBe(before);
    // The same body with a valid code is lodged: the code alone was refused.
    const control = await lodge({ ...body, trace_code: GS1 });
    expect(control.status, control.text).toBe(201);
    expect(complaintCount()).toBe(before + 1);
  });

  test('a trace code that is not a scheme and a code is a body the schema refuses', async () => {
    const before = complaintCount();
    for (const [trace, field] of [
      [{ scheme: 'drug' }, 'trace_code.code'],
      [{ ...DRUG, extra: 1 }, 'trace_code'],
      [{ scheme: 'drug', code: 12345678 }, 'trace_code.code'],
    ] as const) {
      const res = await lodge(complaintBody({ trace_code: trace }));
      expect(res.status, res.text).toBe(400);
      expect(res.json.code).toBe('invalid_body');
      expect(res.json.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    }
    expect(complaintCount()).toBe(before);
  });
});

describe('the lodging form', () => {
  test('is filled in from the link the trace check gives, and labels the fields in both languages', async () => {
    const query = new URLSearchParams({ trace_scheme: 'gs1', trace_code: GS1.code });
    const zh = await get(`/complaints/new?${query}`, ZH);
    expect(zh.status, zh.html).toBe(200);
    expect(
      zh
        .$('#f-trace_scheme option[selected]')
        .map((_, o) => zh.$(o).attr('value'))
        .get(),
    ).toEqual(['gs1']);
    expect(zh.$('#f-trace_code').attr('value')).toBe(GS1.code);
    expect(zh.$('label[for=f-trace_scheme]').text()).toContain('追溯码类型');
    expect(zh.$('label[for=f-trace_code]').text()).toContain('商品追溯码');
    expect(zh.$('#f-trace_scheme option[value=drug]').text()).toBe('药品追溯码');

    const en = await get(`/complaints/new?${query}`, EN);
    expect(en.$('label[for=f-trace_scheme]').text()).toContain('Type of trace code');
    expect(en.$('label[for=f-trace_code]').text()).toContain('Product trace code');
    expect(en.$('#f-trace_scheme option[value=gs1]').text()).toBe('GS1 code (GTIN)');

    // Without the query nothing is chosen or filled in.
    const plain = await get('/complaints/new');
    expect(plain.$('#f-trace_scheme option[selected]').length).toBe(0);
    expect(plain.$('#f-trace_code').attr('value') ?? '').toBe('');
  });

  test('what the query holds is shown as text, never as markup', async () => {
    const hostile = '"><script>alert(1)</script>';
    const page = await get(`/complaints/new?${new URLSearchParams({ trace_code: hostile })}`);
    expect(page.status).toBe(200);
    expect(page.$('#f-trace_code').attr('value')).toBe(hostile);
    expect(page.$('script:not([src])').text()).not.toContain('alert(1)');
  });

  test('a code sent with the form is kept (as typed with full-width digits and spaces) and confirmed', async () => {
    const typed = '８１２３ ４５６０ ０１２３ ４５６７ ８９０１';
    const page = await post('/complaints/new', formFields({ trace_scheme: 'drug', trace_code: typed }));
    expect(page.status, page.html).toBe(201);
    const code = page.$('[data-testid=tracking-code]').text().trim();
    const row = t.gw.complaints.byCode(code)!;
    expect([row.trace_scheme, row.trace_code]).toEqual(['drug', DRUG.code]);
    expect(page.$('[data-testid=trace-code]').attr('data-scheme')).toBe('drug');
    expect(page.$('[data-testid=trace-code] code').text()).toBe(DRUG.code);
  });

  test('a form without a code lodges a complaint without one, whatever the scheme select says', async () => {
    const page = await post('/complaints/new', formFields({ trace_scheme: 'gs1', trace_code: '  ' }));
    expect(page.status, page.html).toBe(201);
    const row = t.gw.complaints.byCode(page.$('[data-testid=tracking-code]').text().trim())!;
    expect([row.trace_scheme, row.trace_code]).toEqual([null, null]);
    expect(page.$('[data-testid=trace-code]').length).toBe(0);
  });

  test('a bad code comes back on the form, said in the reader’s language, and nothing is lodged', async () => {
    const before = complaintCount();
    for (const [headers, words] of [
      [ZH, '追溯码与所选类型不符'],
      [EN, 'does not fit the type chosen'],
    ] as const) {
      const values = formFields({
        trace_scheme: 'gs1',
        trace_code: '4006381333932',
        description: '追溯码有问题的药品。',
      });
      const page = await post('/complaints/new', values, headers);
      expect(page.status, page.html).toBe(400);
      expect(page.$('#e-trace_code').text()).toContain(words);
      // What was typed is kept.
      expect(page.$('#f-trace_code').attr('value')).toBe('4006381333932');
      expect(page.$('#f-trace_scheme option[selected]').attr('value')).toBe('gs1');
      expect(page.$('[name=description]').text()).toBe('追溯码有问题的药品。');
    }
    expect(complaintCount()).toBe(before);
  });
});

describe('the complaint pages', () => {
  let code = '';
  let token = '';
  let id = '';
  let bare = '';
  beforeAll(async () => {
    const res = await lodge(complaintBody({ trace_code: DRUG }));
    expect(res.status, res.text).toBe(201);
    ({ tracking_code: code, access_token: token, complaint_id: id } = res.json);
    const without = await lodge(complaintBody());
    bare = without.json.complaint_id;
  });

  test('the consumer’s tracking page shows the code', async () => {
    const page = await post(
      '/complaints/track',
      { _form: signFormToken(t.gw.keys, 'track'), code, token },
      EN,
    );
    expect(page.status, page.html).toBe(200);
    const fact = page.$('[data-testid=trace-code]');
    expect(fact.prev('dt').text()).toBe('Product trace code');
    expect(fact.text()).toContain('Drug trace code');
    expect(fact.find('code').text()).toBe(DRUG.code);
  });

  test('the regulator’s complaint page shows the code, and nothing for a complaint without one', async () => {
    const cookie = await consoleCookie(t);
    const page = await consolePage(t, cookie, `/console/complaints/${id}`, 'zh');
    expect(page.status, page.text).toBe(200);
    const $ = cheerio.load(page.text);
    expect($('[data-testid=trace-code]').prev('dt').text()).toBe('商品追溯码');
    expect($('[data-testid=trace-code]').text()).toContain('药品追溯码');
    expect($('[data-testid=trace-code] code').text()).toBe(DRUG.code);

    const other = cheerio.load((await consolePage(t, cookie, `/console/complaints/${bare}`)).text);
    expect(other('[data-testid=status]').length).toBe(1);
    expect(other('[data-testid=trace-code]').length).toBe(0);
  });
});
