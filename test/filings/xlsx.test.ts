import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cellText, XLSX_LIMITS, xlsxRecords } from '../../src/filings/xlsx.ts';
import { SELLER_FIELDS, SELLER_REQUIRED_FIELDS } from '../../src/sellers/record.ts';
import { enterprise, naturalPerson, type TestGateway, testGateway } from '../helpers/gateway.ts';
import { deflatedZeros, sheetRows, workbook, XLSX, zip, type ZipPart } from '../helpers/xlsx.ts';

let t: TestGateway;
beforeAll(() => {
  t = testGateway();
});
afterAll(() => t.close());

const fileXlsx = (
  body: Buffer,
  opts: { key?: string; query?: string; idempotencyKey?: string; type?: string } = {},
) =>
  t.call('POST', `/v1/sellers${opts.query ?? ''}`, {
    key: opts.key ?? t.platformA.key,
    body: new Uint8Array(body),
    type: opts.type ?? XLSX,
    headers: opts.idempotencyKey ? { 'idempotency-key': opts.idempotencyKey } : {},
  });

const storedRecord = async (key: string, sellerId: string) => {
  const res = await t.call('GET', `/v1/sellers/${sellerId}`, { key });
  return res.status === 200 ? res.json.record : undefined;
};

const csvOf = (fields: readonly string[], records: Record<string, unknown>[]) =>
  [fields.join(','), ...records.map((r) => fields.map((f) => String(r[f] ?? '')).join(','))].join('\n');

const COLUMNS = [...SELLER_FIELDS];
const SELLER_SOURCE_FOR_XLSX = {
  requiredColumns: SELLER_REQUIRED_FIELDS,
  maxRecordBytes: 64 * 1024,
  checkHeader: () => {},
};
/** The columns an enterprise needs. */
const BASIC = [...SELLER_REQUIRED_FIELDS, 'uscc'];

describe('filing sellers as .xlsx', () => {
  test('files the same sellers as the equivalent CSV', async () => {
    const records = [
      enterprise({ opened_at: '2024-03-01', address: '杭州市西湖区文三路 1 号' }),
      naturalPerson(),
      enterprise({ status: 'suspended', license_url: 'https://shop.example.cn/license' }),
    ];
    const csv = await t.fileSellers(t.platformA.key, csvOf(COLUMNS, records), { type: 'text/csv' });
    const xlsx = await fileXlsx(await workbook(sheetRows(COLUMNS, records)), { key: t.platformB.key });
    expect(csv.status, csv.text).toBe(201);
    expect(xlsx.status, xlsx.text).toBe(201);
    expect(xlsx.json.counts).toEqual(csv.json.counts);
    expect(xlsx.json.counts).toMatchObject({ received: 3, created: 3, rejected: 0 });
    for (const r of records) {
      const fromCsv = await storedRecord(t.platformA.key, r.seller_id);
      expect(fromCsv).toBeDefined();
      expect(await storedRecord(t.platformB.key, r.seller_id)).toEqual(fromCsv);
    }
  });

  test('rejected rows carry their row number in the sheet, blank rows included', async () => {
    const good = enterprise();
    const bad = enterprise({ uscc: '91330106673959654Q' });
    const rows = sheetRows(COLUMNS, [good]);
    rows.push([], [], sheetRows(COLUMNS, [bad])[1]!);
    const res = await fileXlsx(await workbook(rows));
    expect(res.status, res.text).toBe(201);
    expect(res.json.counts).toMatchObject({ received: 2, created: 1, rejected: 1 });
    expect(res.json.errors).toEqual([
      expect.objectContaining({ line: 5, seller_id: bad.seller_id, field: 'uscc', code: 'invalid_uscc' }),
    ]);
  });

  test('cells are read as text: numbers, dates, rich text, formulas', async () => {
    const a = enterprise();
    const buf = await workbook(
      [
        [
          'seller_id',
          'subject_type',
          'legal_name',
          'uscc',
          'store_name',
          'store_url',
          'contact_phone',
          'opened_at',
          'closed_at',
        ],
        [
          a.seller_id,
          'enterprise',
          { richText: [{ text: '杭州示例' }, { text: '商贸有限公司', font: { bold: true } }] },
          a.uscc,
          { formula: '"示例"&"旗舰店"', result: '示例旗舰店' },
          a.store_url,
          13812345678,
          new Date(Date.UTC(2024, 2, 1)),
          { formula: 'DATE(2024,5,6)', result: 45418 },
        ],
      ],
      (_wb, sheet) => {
        sheet.getCell('I2').numFmt = 'yyyy-mm-dd';
      },
    );
    const res = await fileXlsx(buf);
    expect(res.status, res.text).toBe(201);
    expect(res.json.counts.created, res.text).toBe(1);
    expect(await storedRecord(t.platformA.key, a.seller_id)).toMatchObject({
      legal_name: '杭州示例商贸有限公司',
      store_name: '示例旗舰店',
      contact_phone: expect.stringMatching(/^138\*+5678$|^138/),
      opened_at: '2024-03-01',
      closed_at: '2024-05-06',
    });
  });

  test('an ID number typed as a number rejects its row (its last digits are lost); as text it files', async () => {
    const asNumber = naturalPerson();
    const asText = naturalPerson();
    const fields = [
      'seller_id',
      'subject_type',
      'legal_name',
      'id_number',
      'exemption_reason',
      'store_name',
      'store_url',
    ];
    const rows = sheetRows(fields, [asNumber, asText]);
    rows[1]![3] = 110105194912310020;
    const res = await fileXlsx(await workbook(rows));
    expect(res.status, res.text).toBe(201);
    expect(res.json.counts).toMatchObject({ received: 2, created: 1, rejected: 1 });
    expect(res.json.errors).toEqual([
      expect.objectContaining({ line: 2, field: 'id_number', code: 'invalid_type' }),
    ]);
    expect(res.json.errors[0].message).toContain('Text');
    expect(await storedRecord(t.platformA.key, asNumber.seller_id)).toBeUndefined();
  });

  test('a value under a column without a header, or a spreadsheet error, rejects its row', async () => {
    const a = enterprise();
    const b = enterprise();
    const rows = sheetRows(BASIC, [a, b]);
    rows[1]!.push(null, 'stray');
    rows[2]![2] = { error: '#N/A' };
    const res = await fileXlsx(await workbook(rows));
    expect(res.status, res.text).toBe(201);
    expect(res.json.errors).toEqual([
      expect.objectContaining({ line: 2, code: 'wrong_column_count' }),
      expect.objectContaining({ line: 3, field: 'legal_name', code: 'invalid_type' }),
    ]);
    expect(res.json.errors[0].message).toContain('column H');
  });

  test('only the first worksheet is filed, and a leading empty row is skipped', async () => {
    const a = enterprise();
    const buf = await workbook([[], ...sheetRows(BASIC, [a])], (wb) => {
      wb.addWorksheet('other').addRow(['anything', 'at all']);
    });
    const res = await fileXlsx(buf);
    expect(res.status, res.text).toBe(201);
    expect(res.json.counts).toMatchObject({ received: 1, created: 1 });
    expect(res.json.errors).toEqual([]);
  });

  test('a retry with the same Idempotency-Key returns the original receipt; another body is refused', async () => {
    const buf = await workbook(sheetRows(BASIC, [enterprise(), enterprise()]));
    const first = await fileXlsx(buf, { idempotencyKey: 'xlsx-batch-1' });
    expect(first.status, first.text).toBe(201);
    const again = await fileXlsx(buf, { idempotencyKey: 'xlsx-batch-1' });
    expect(again.status, again.text).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.json.filing_id).toBe(first.json.filing_id);
    const other = await workbook(sheetRows(BASIC, [enterprise()]));
    const reused = await fileXlsx(other, { idempotencyKey: 'xlsx-batch-1' });
    expect(reused.status, reused.text).toBe(422);
    expect(reused.json.code).toBe('idempotency_key_reused');
  });

  test('?atomic=true files nothing when a row is rejected', async () => {
    const a = enterprise();
    const rows = sheetRows(BASIC, [a, enterprise({ store_url: 'not a url' })]);
    const res = await fileXlsx(await workbook(rows), { query: '?atomic=true' });
    expect(res.status, res.text).toBe(422);
    expect(res.json.code).toBe('atomic_filing_rejected');
    expect(await storedRecord(t.platformA.key, a.seller_id)).toBeUndefined();
  });

  test('transactions are not filed as spreadsheets', async () => {
    const res = await t.call('POST', '/v1/transactions', {
      key: t.platformA.key,
      body: new Uint8Array(await workbook([['order_id']])),
      type: XLSX,
    });
    expect(res.status, res.text).toBe(415);
  });
});

const WORKBOOK_XML = Buffer.from(
  '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="s" sheetId="1" r:id="rId1"/></sheets></workbook>',
);
const RELS_XML = Buffer.from(
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
);
/** A workbook as a minimal writer makes it: no styles, no shared strings, inline strings. */
const handMade = (sheet: ZipPart) =>
  zip([
    { name: 'xl/workbook.xml', data: WORKBOOK_XML },
    { name: 'xl/_rels/workbook.xml.rels', data: RELS_XML },
    sheet,
  ]);
const inlineRow = (n: number, values: string[]) =>
  `<row r="${n}">${values.map((v, i) => `<c r="${String.fromCharCode(65 + i)}${n}" t="inlineStr"><is><t>${v}</t></is></c>`).join('')}</row>`;
const sheetXml = (rows: string) =>
  Buffer.from(
    `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`,
  );

describe('workbooks from other writers', () => {
  test('a minimal workbook without styles or shared strings files its rows', async () => {
    const a = enterprise();
    const values = BASIC.map((f) => String(a[f as keyof typeof a]));
    const body = handMade({
      name: 'xl/worksheets/sheet1.xml',
      data: sheetXml(inlineRow(1, BASIC) + inlineRow(2, values)),
    });
    const res = await fileXlsx(body);
    expect(res.status, res.text).toBe(201);
    expect(res.json.counts).toMatchObject({ received: 1, created: 1 });
  });
});

describe('hostile and broken workbooks file nothing', () => {
  const refused = async (body: Buffer, status: number, code: string) => {
    const before = await t.call('GET', '/v1/sellers/NOTHING-FILED', { key: t.platformA.key });
    const res = await fileXlsx(body);
    expect(res.status, res.text).toBe(status);
    expect(res.json.code, res.text).toBe(code);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(before.status).toBe(404);
    return res.json;
  };

  test('a body that is not a ZIP', async () => {
    const p = await refused(Buffer.from('seller_id,subject_type\nA,enterprise\n'), 400, 'malformed_xlsx');
    expect(p.reason).toBe('not_a_zip');
  });

  test('an Excel 97-2003 .xls', async () => {
    const p = await refused(
      Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]),
      400,
      'malformed_xlsx',
    );
    expect(p.reason).toBe('xls');
    expect(p.detail).toContain('.xlsx');
  });

  test('a ZIP that is not a workbook', async () => {
    const p = await refused(zip([{ name: 'readme.txt', data: Buffer.from('hello') }]), 400, 'malformed_xlsx');
    expect(p.reason).toBe('not_a_workbook');
  });

  test('a workbook cut short', async () => {
    const whole = await workbook(sheetRows(BASIC, [enterprise()]));
    const p = await refused(whole.subarray(0, Math.floor(whole.length / 2)), 400, 'malformed_xlsx');
    expect(p.reason).toBe('corrupt_zip');
  });

  test('a worksheet that is not XML', async () => {
    const body = handMade({
      name: 'xl/worksheets/sheet1.xml',
      data: Buffer.from('<worksheet><sheetData><row r="1"></sheetData></row></worksheet>'),
    });
    const p = await refused(body, 400, 'malformed_xlsx');
    expect(p.reason).toBe('unreadable');
  });

  test('a zip bomb whose headers claim a small size is refused once it unpacks past the limit', async () => {
    const unpacked = XLSX_LIMITS.maxUnpackedBytes + 1024 * 1024;
    const packed = await deflatedZeros(unpacked);
    expect(packed.length).toBeLessThan(1024 * 1024);
    const body = handMade({
      name: 'xl/worksheets/sheet1.xml',
      data: Buffer.alloc(0),
      packed,
      claimedSize: 1000,
    });
    const p = await refused(body, 413, 'payload_too_large');
    expect(p.limit_unpacked_bytes).toBe(XLSX_LIMITS.maxUnpackedBytes);
  }, 30_000);

  test('a part that claims more than the limit is refused before anything is unpacked', async () => {
    const body = handMade({
      name: 'xl/worksheets/sheet1.xml',
      data: sheetXml(''),
      claimedSize: XLSX_LIMITS.maxUnpackedBytes + 1,
    });
    await refused(body, 413, 'payload_too_large');
  });

  test('unknown and missing header columns, as for CSV', async () => {
    const unknown = await refused(
      await workbook([[...SELLER_REQUIRED_FIELDS, 'shop_owner']]),
      400,
      'unknown_columns',
    );
    expect(unknown.unknown).toEqual(['shop_owner']);
    expect(unknown.detail).toContain('spreadsheet header');
    const missing = await refused(
      await workbook([
        ['seller_id', 'legal_name'],
        ['A', 'B'],
      ]),
      400,
      'missing_columns',
    );
    expect(missing.missing).toEqual(['subject_type', 'store_name', 'store_url']);
  });

  test('an empty sheet', async () => {
    const p = await refused(await workbook([]), 400, 'missing_columns');
    expect(p.detail).toContain('empty');
  });

  test('more rows than the limit: the whole filing is refused and nothing of it is filed', async () => {
    const records = [enterprise(), enterprise(), enterprise(), enterprise()];
    const body = await workbook(sheetRows(BASIC, records));
    const saved = XLSX_LIMITS.maxRows;
    XLSX_LIMITS.maxRows = 3;
    try {
      const p = await refused(body, 413, 'payload_too_large');
      expect(p.detail).toContain('more than 3 rows');
    } finally {
      XLSX_LIMITS.maxRows = saved;
    }
    for (const r of records) expect(await storedRecord(t.platformA.key, r.seller_id)).toBeUndefined();
  });

  test('a spreadsheet larger than its own limit, however large the body limit', async () => {
    const chunks = (async function* () {
      yield new Uint8Array(600);
    })();
    await expect(async () => {
      for await (const _ of xlsxRecords(
        chunks,
        { ...SELLER_SOURCE_FOR_XLSX },
        { ...XLSX_LIMITS, maxBytes: 500 },
      ));
    }).rejects.toMatchObject({ code: 'payload_too_large' });
  });
});

describe('cellText', () => {
  test('numbers keep their digits up to 15; longer or exponent ones are refused', () => {
    expect(cellText(13812345678)).toBe('13812345678');
    expect(cellText(123456789012345)).toBe('123456789012345');
    expect(cellText(0.5)).toBe('0.5');
    expect(cellText(1.10101199003071e17)).toMatchObject({ code: 'invalid_type' });
    expect(cellText(1234567890123456)).toMatchObject({ code: 'invalid_type' });
    expect(cellText(1e-7)).toMatchObject({ code: 'invalid_type' });
  });

  test('dates, booleans, empty values and formulas without a result', () => {
    expect(cellText(new Date(Date.UTC(2023, 11, 31)))).toBe('2023-12-31');
    expect(cellText(45293, 'yyyy-mm-dd')).toBe('2024-01-02');
    expect(cellText(45293, '[$-804]0.00')).toBe('45293');
    expect(cellText(true)).toBe('true');
    expect(cellText(null)).toBeUndefined();
    expect(cellText('')).toBeUndefined();
    expect(cellText({ richText: [] })).toBeUndefined();
    expect(cellText({ formula: 'A1' } as ExcelJS.CellFormulaValue)).toMatchObject({ code: 'invalid_type' });
  });
});

describe('GET /v1/templates/sellers.xlsx', () => {
  test('downloads without a key as an attachment whose header row is the field list', async () => {
    const res = await t.app.request('/v1/templates/sellers.xlsx');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="sellers.xlsx"');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const [sellers, fields] = wb.worksheets;
    expect(sellers!.name).toBe('sellers');
    expect((sellers!.getRow(1).values as unknown[]).slice(1)).toEqual([...SELLER_FIELDS]);
    const note = sellers!.getCell(1, 1).note;
    expect(typeof note === 'string' ? note : JSON.stringify(note)).toContain('required');
    const explained = new Map<string, string>();
    fields!.eachRow((row, n) => {
      if (n > 1 && n <= SELLER_FIELDS.length + 1)
        explained.set(String(row.getCell(1).value), String(row.getCell(2).value));
    });
    expect([...explained.keys()]).toEqual([...SELLER_FIELDS]);
    for (const f of SELLER_REQUIRED_FIELDS) expect(explained.get(f)).toBe('required');
    expect(explained.get('uscc')).toBe('required by subject_type');
    expect(explained.get('address')).toBe('optional');
  });

  test('a filled-in template files as it is', async () => {
    const res = await t.app.request('/v1/templates/sellers.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const sheet = wb.getWorksheet('sellers')!;
    const records = [enterprise(), naturalPerson()];
    for (const r of records)
      sheet.addRow(SELLER_FIELDS.map((f) => (r as Record<string, unknown>)[f] ?? null));
    const filed = await fileXlsx(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(filed.status, filed.text).toBe(201);
    expect(filed.json.counts).toMatchObject({ received: 2, created: 2, rejected: 0 });
    expect(await storedRecord(t.platformA.key, records[1]!.seller_id)).toMatchObject({
      subject_type: 'natural_person',
    });
  });

  test('is described in the OpenAPI document, and the seller filing names the xlsx body', async () => {
    const doc = (await t.call('GET', '/openapi.json')).json;
    expect(doc.paths['/v1/templates/sellers.xlsx'].get.responses['200'].content).toHaveProperty([XLSX]);
    expect(doc.paths['/v1/sellers'].post.requestBody.content).toHaveProperty([XLSX]);
  });
});
