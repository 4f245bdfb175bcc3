import { createHash } from 'node:crypto';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MAX_FILE_BYTES } from '../../src/complaints/files.ts';
import {
  ANSWER_WORKING_DAYS,
  type ComplaintState,
  deadlinesOf,
  MEDIATION_WORKING_DAYS,
} from '../../src/complaints/workflow.ts';
import { signFormToken } from '../../src/console/security.ts';
import { enterprise, testGateway, type TestGateway } from '../helpers/gateway.ts';
import { ndjson, order } from '../helpers/orders.ts';

/**
 * The consumer's complaint pages (issue 18): the confirmation says what happens next and by when (the
 * domain's deadlines, in China Standard Time); evidence files through the lodging form and the tracking
 * page, refused as the API refuses them and keeping what was typed; a duplicate refused without naming
 * the other complaint, in the reader's language.
 */
let t: TestGateway;
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(64)]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const ZH = { 'accept-language': 'zh-CN,zh;q=0.9' };
const EN = { 'accept-language': 'en-GB,en;q=0.9' };

let phones = 0;
/** The lodging form's fields, filled in as a consumer would; override any. */
const fields = (over: Record<string, string> = {}): Record<string, string> => ({
  _form: signFormToken(t.gw.keys, 'lodge'),
  platform: t.platformA.slug,
  seller_id: 'shop-1',
  category: 'quality',
  description: '收到的茶叶发霉，商家拒绝退款。',
  name: '李四',
  phone: `1381234${String(++phones).padStart(4, '0')}`,
  ...over,
});

type FileIn = { name: string; bytes: Buffer };

/** A page form as a browser sends it: urlencoded, or multipart/form-data when it has a file input. */
async function post(
  path: string,
  values: Record<string, string>,
  files?: FileIn[],
  headers: Record<string, string> = ZH,
) {
  let body: BodyInit;
  const h = { ...headers };
  if (files) {
    const form = new FormData();
    for (const [k, v] of Object.entries(values)) form.append(k, v);
    for (const f of files) form.append('file', new Blob([new Uint8Array(f.bytes)]), f.name);
    body = form;
  } else {
    body = new URLSearchParams(values).toString();
    h['content-type'] = 'application/x-www-form-urlencoded';
  }
  const res = await t.app.request(path, { method: 'POST', headers: h, body });
  const html = await res.text();
  return { status: res.status, headers: res.headers, html, $: cheerio.load(html) };
}

const lodged = (page: { $: cheerio.CheerioAPI }) => {
  const code = page.$('[data-testid=tracking-code]').text().trim();
  const token = page.$('[data-testid=access-token]').text().trim();
  return { code, token, row: t.gw.complaints.byCode(code)! };
};
const stateOf = (row: { state: string }) => JSON.parse(row.state) as ComplaintState;
const nextSteps = ($: cheerio.CheerioAPI) =>
  $('[data-testid=next-steps] tbody tr')
    .map((_, tr) =>
      $(tr)
        .find('td')
        .map((__, td) => $(td).text().trim())
        .get()
        .join(' | '),
    )
    .get();
/** What a text field, a textarea or a select holds on a page that came back. */
const valueOf = ($: cheerio.CheerioAPI, name: string) => {
  const el = $(`[name="${name}"]`).first();
  if (el.is('textarea')) return el.text();
  if (el.is('select')) return el.find('option[selected]').attr('value');
  return el.attr('value');
};
const complaintsNow = () => t.gw.complaints.queue('open', 1000).length;

beforeAll(async () => {
  t = testGateway();
  // Every request here comes from one address: the per-address limits are tested in test/http/.
  t.config.complaints.perAddressPerHour = 1000;
  t.config.publicRequestsPerMinute = 1_000_000;
  const sellers = await t.fileSellers(t.platformA.key, [enterprise({ seller_id: 'shop-1' })]);
  expect(sellers.status, sellers.text).toBe(201);
  const filed = await t.call('POST', '/v1/transactions', {
    key: t.platformA.key,
    type: 'application/x-ndjson',
    body: ndjson([order('shop-1', { order_id: 'ORD-1' }), order('shop-1', { order_id: 'ORD-2' })]),
  });
  expect(filed.status, filed.text).toBe(201);
});

afterAll(async () => {
  await t?.close();
});

describe('the confirmation says what happens next and by when', () => {
  test('a submitted complaint: the regulator decides by the end of the date the domain set, in CST', async () => {
    const page = await post('/complaints/new', fields());
    expect(page.status, page.html).toBe(201);
    const { row } = lodged(page);
    const running = deadlinesOf(stateOf(row));
    expect(running).toEqual([{ step: 'decision', due: stateOf(row).deadlines.decision, party: 'regulator' }]);
    const due = running[0]!.due;
    expect(nextSteps(page.$)).toEqual([
      `决定是否受理您的投诉；受理后转交平台处理 | 监管部门 | ${due} 23:59 北京时间`,
      `答复您的投诉 | 平台 | 转交平台后 ${ANSWER_WORKING_DAYS} 个工作日内`,
      '接受平台的答复，或不接受并申请调解 | 消费者 | 平台答复后，无期限',
      `组织调解（您不接受平台答复时） | 监管部门 | 调解开始后 ${MEDIATION_WORKING_DAYS} 个工作日内`,
    ]);
    // The instant for machines: the last moment of that day in Beijing.
    expect(page.$('[data-step=decision] time').attr('datetime')).toBe(
      new Date(`${due}T23:59:59.999+08:00`).toISOString(),
    );
  });

  test('accepted and forwarded at once (a verified purchase): the platform answers by the domain’s date', async () => {
    t.config.complaints.autoAccept = ['quality'];
    try {
      const page = await post('/complaints/new', fields({ order_id: 'ORD-1' }), undefined, EN);
      expect(page.status, page.html).toBe(201);
      const { row } = lodged(page);
      expect(row.status).toBe('forwarded');
      const [answer] = deadlinesOf(stateOf(row));
      expect(answer).toMatchObject({ step: 'answer', party: 'platform' });
      expect(nextSteps(page.$)).toEqual([
        `Answers your complaint | Platform | ${answer!.due} 23:59 CST`,
        "Accept the platform's answer, or reject it and ask for mediation | Consumer | After the answer; no deadline",
        `Mediates, if you reject the answer | Regulator | Within ${MEDIATION_WORKING_DAYS} working days of its start`,
      ]);
    } finally {
      t.config.complaints.autoAccept = [];
    }
  });
});

describe('evidence files on the lodging form', () => {
  test('a file sent with the form is kept by the domain and served by the API', async () => {
    const page = await post('/complaints/new', fields(), [{ name: 'receipt.png', bytes: PNG }]);
    expect(page.status, page.html).toBe(201);
    const { code, token, row } = lodged(page);
    expect(t.gw.complaints.files(row.id)).toMatchObject([
      { sha256: sha256(PNG), media_type: 'image/png', size: PNG.length },
    ]);
    const api = await t.app.request(`/public/complaints/${code}/files/${sha256(PNG)}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(api.status).toBe(200);
    expect(Buffer.from(await api.arrayBuffer()).equals(PNG)).toBe(true);
    expect(page.$('[data-testid=files] tbody tr').text()).toContain('PNG 图片');
  });

  test('a file input left empty lodges the complaint without files', async () => {
    const page = await post('/complaints/new', fields(), [{ name: '', bytes: Buffer.alloc(0) }]);
    expect(page.status, page.html).toBe(201);
    expect(t.gw.complaints.files(lodged(page).row.id)).toEqual([]);
  });

  test.each([
    [
      'not an image or PDF by its content',
      'evil.png',
      Buffer.from('<html><script>alert(1)</script>'),
      415,
      /JPEG、PNG、GIF、WebP 图片或 PDF/,
    ],
    ['past 5 MB', 'big.png', Buffer.concat([PNG, Buffer.alloc(MAX_FILE_BYTES)]), 413, /每个不超过 5 MB/],
  ])(
    'a file %s is refused beside the field; nothing is lodged and everything typed stays',
    async (_, name, bytes, status, said) => {
      const before = complaintsNow();
      const typed = fields({
        order_id: 'ORD-1',
        description: '茶叶发霉，附上照片为证。',
        email: 'li@example.com',
      });
      const page = await post('/complaints/new', typed, [{ name, bytes }]);
      expect(page.status, page.html).toBe(status);
      expect(page.$('#e-file').text()).toMatch(said);
      expect(page.$('.notice.error').text()).toBe('请更正下面标出的内容。');
      for (const field of [
        'platform',
        'seller_id',
        'order_id',
        'category',
        'description',
        'name',
        'phone',
        'email',
      ])
        expect(valueOf(page.$, field), field).toBe(typed[field]);
      // No English detail, and not the uploader's file name either.
      expect(page.$('main').text()).not.toMatch(/is not a JPEG|is past|bytes/);
      expect(complaintsNow()).toBe(before);
    },
  );

  test('a refused file and a wrong field are both said; a missing form token refuses it all', async () => {
    const typed = fields({ phone: 'nope' });
    const page = await post('/complaints/new', typed, [
      { name: 'a.txt', bytes: Buffer.from('hello world!!') },
    ]);
    expect(page.status).toBe(400);
    expect(page.$('#e-phone').text()).toContain('电话');
    expect(page.$('#e-file').text()).toContain('PDF');
    const before = complaintsNow();
    const forged = await post('/complaints/new', { ...fields(), _form: 'nope' }, [
      { name: 'r.png', bytes: PNG },
    ]);
    expect(forged.status).toBe(403);
    expect(complaintsNow()).toBe(before);
  });

  test('a body past the limit is refused before it is read, saying why', async () => {
    const three = Array.from({ length: 3 }, (_, i) => ({
      name: `p${i}.png`,
      bytes: Buffer.concat([PNG, Buffer.alloc(MAX_FILE_BYTES - PNG.length - i)]),
    }));
    const before = complaintsNow();
    const page = await post('/complaints/new', fields(), three);
    expect(page.status).toBe(413);
    expect(page.$('.notice.error').text()).toBe('投诉尚未提交。');
    expect(page.$('#e-file').text()).toContain('10 MB');
    expect(complaintsNow()).toBe(before);
  });
});

describe('adding files on the tracking page', () => {
  let code = '';
  let token = '';
  let id = '';
  /** The tracking page as the consumer opens it, and the add-files form's token on it. */
  async function track() {
    const page = await post('/complaints/track', { _form: signFormToken(t.gw.keys, 'track'), code, token });
    expect(page.status, page.html).toBe(200);
    const form = page.$('form[data-testid=add-files]');
    expect(form.attr('enctype')).toBe('multipart/form-data');
    return { page, formToken: form.find('input[name=_form]').attr('value')! };
  }
  const files = () => t.gw.complaints.files(id).map((f) => f.sha256);

  beforeAll(async () => {
    const page = await post('/complaints/new', fields());
    ({ code, token } = lodged(page));
    id = lodged(page).row.id;
  });

  test('the consumer with the token adds a file; the page lists it and says what happens next', async () => {
    const { page, formToken } = await track();
    expect(nextSteps(page.$)[0]).toContain(stateOf(t.gw.complaints.byId(id)!).deadlines.decision);
    const added = await post('/complaints/track/files', { code, token, _form: formToken }, [
      { name: 'invoice.pdf', bytes: PDF },
    ]);
    expect(added.status, added.html).toBe(201);
    expect(added.$('.notice').text()).toBe('文件已添加。');
    expect(files()).toEqual([sha256(PDF)]);
    expect(added.$('[data-testid=files] tbody').text()).toContain('PDF 文件');
  });

  test('a wrong token, a missing or foreign form token, or another site are refused; nothing is added', async () => {
    const { formToken } = await track();
    const before = files();
    const send = (values: Record<string, string>, headers: Record<string, string> = ZH) =>
      post('/complaints/track/files', values, [{ name: 'x.png', bytes: PNG }], headers);
    expect((await send({ code, token: 'wrong', _form: formToken })).status).toBe(404);
    expect((await send({ code, token })).status).toBe(403);
    expect((await send({ code, token, _form: 'nope' })).status).toBe(403);
    // The step form's token, and one for another complaint, do not serve.
    expect((await send({ code, token, _form: signFormToken(t.gw.keys, 'step', code) })).status).toBe(403);
    expect(
      (await send({ code, token, _form: signFormToken(t.gw.keys, 'files', 'C-AAAA-AAAA') })).status,
    ).toBe(403);
    expect((await send({ code, token, _form: signFormToken(t.gw.keys, 'files', code, -1000) })).status).toBe(
      403,
    );
    expect(
      (await send({ code, token, _form: formToken }, { ...ZH, 'sec-fetch-site': 'cross-site' })).status,
    ).toBe(403);
    expect(files()).toEqual(before);
  });

  test('a refused file says why in the reader’s language and adds nothing', async () => {
    const { formToken } = await track();
    const before = files();
    const wrong = await post(
      '/complaints/track/files',
      { code, token, _form: formToken },
      [{ name: 'a.exe', bytes: Buffer.from('MZ this is no image at all') }],
      EN,
    );
    expect(wrong.status).toBe(415);
    expect(wrong.$('.notice.error').text()).toBe(
      'Each file must be a JPEG, PNG, GIF or WebP image or a PDF, judged by its content, not its name.',
    );
    const none = await post('/complaints/track/files', { code, token, _form: formToken }, []);
    expect(none.status).toBe(400);
    expect(none.$('.notice.error').text()).toBe('请选择要添加的文件。');
    expect(files()).toEqual(before);
  });
});

describe('a duplicate complaint', () => {
  test('is refused in Chinese only, without the other complaint’s tracking code', async () => {
    const first = await post('/complaints/new', fields({ order_id: 'ORD-2', category: 'counterfeit' }));
    expect(first.status).toBe(201);
    const { code } = lodged(first);
    const before = complaintsNow();
    const again = await post('/complaints/new', fields({ order_id: 'ORD-2', category: 'counterfeit' }));
    expect(again.status).toBe(409);
    expect(complaintsNow()).toBe(before);
    expect(again.html).not.toContain(code);
    const notice = again.$('.notice.error').text();
    expect(notice).toContain('已在处理中');
    expect(notice).toContain('查询码');
    expect(notice, notice).not.toMatch(/[A-Za-z]/);
    // Not one word of the English detail anywhere on the page (options and what was typed aside).
    again.$('option, textarea').remove();
    const text = again.$('main').text();
    for (const word of ['complaint', 'order', 'category', 'open', 'already', 'track', 'duplicate'])
      expect(text.toLowerCase(), word).not.toContain(word);

    const en = await post(
      '/complaints/new',
      fields({ order_id: 'ORD-2', category: 'counterfeit' }),
      undefined,
      EN,
    );
    expect(en.status).toBe(409);
    expect(en.html).not.toContain(code);
    expect(en.$('.notice.error').text()).toMatch(
      /^A complaint about this order in this category is already being handled/,
    );
    expect(en.$('.notice.error').text()).not.toMatch(/[\u4e00-\u9fff]/);
  });

  test('the API does not name it either: lodging has no login, and the code is half of what opens it', async () => {
    const body = (phone: string) =>
      JSON.stringify({
        platform: t.platformA.slug,
        seller_id: 'shop-1',
        order_id: 'ORD-2',
        category: 'price_fraud',
        description: '标价与结算价不一致，多收了钱。',
        complainant: { name: '王五', phone },
      });
    const first = await t.call('POST', '/public/complaints', {
      type: 'application/json',
      body: body('13700009991'),
    });
    expect(first.status, first.text).toBe(201);
    const again = await t.call('POST', '/public/complaints', {
      type: 'application/json',
      body: body('13700009992'),
    });
    expect(again.status).toBe(409);
    expect(again.json.code).toBe('duplicate_complaint');
    expect(again.json.tracking_code).toBeUndefined();
    expect(again.text).not.toContain(first.json.tracking_code);
  });
});
