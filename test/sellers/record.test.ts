import { afterEach, describe, expect, test, vi } from 'vitest';
import { idCheckCharacter } from '../../src/lib/resident-id.ts';
import {
  type FieldProblem,
  SELLER_FIELDS,
  SELLER_REQUIRED_FIELDS,
  type SellerRecord,
  validateSellerRecord,
} from '../../src/sellers/record.ts';

let counter = 0;

/** A valid enterprise record with a unique seller_id and store URL. */
function enterprise(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter++;
  return {
    seller_id: `E-${counter}`,
    subject_type: 'enterprise',
    legal_name: '杭州示例商贸有限公司',
    uscc: '91330106673959654P',
    store_name: '示例旗舰店',
    store_url: `https://shop.example.cn/store/${counter}`,
    ...overrides,
  };
}

/** A valid natural-person record (no USCC, an ID number and the reason it is not registered). */
function naturalPerson(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter++;
  return {
    seller_id: `P-${counter}`,
    subject_type: 'natural_person',
    legal_name: '张三',
    id_number: '11010519491231002X',
    exemption_reason: '零星小额交易',
    store_name: '张三的小店',
    store_url: `https://shop.example.cn/store/${counter}`,
    ...overrides,
  };
}

/** An 18-character ID number with the right check character and the given birth date. */
function idBornOn(yyyymmdd: string): string {
  const first17 = `110105${yyyymmdd}002`;
  return first17 + idCheckCharacter(first17);
}

function accepted(raw: Record<string, unknown>): SellerRecord {
  const result = validateSellerRecord(raw);
  if (!result.ok) throw new Error(`expected the record to pass, got ${JSON.stringify(result.problems)}`);
  return result.record;
}

function problemsOf(raw: Record<string, unknown>): FieldProblem[] {
  const result = validateSellerRecord(raw);
  if (result.ok) throw new Error(`expected problems, the record passed as ${JSON.stringify(result.record)}`);
  expect(result.problems.length, 'a rejected record names at least one problem').toBeGreaterThan(0);
  return result.problems;
}

/** The problems as [field, code] pairs, the shape most assertions need. */
function codes(raw: Record<string, unknown>): [string, string][] {
  return problemsOf(raw).map((p) => [p.field, p.code]);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('valid records', () => {
  test('accepts an enterprise and defaults status to active', () => {
    const raw = enterprise();
    expect(accepted(raw)).toEqual({ ...raw, status: 'active' });
  });

  test('accepts an individual business with its USCC', () => {
    const record = accepted(enterprise({ subject_type: 'individual_business', uscc: '92310115MA1LAG5R9M' }));
    expect(record.subject_type).toBe('individual_business');
    expect(record.uscc).toBe('92310115MA1LAG5R9M');
  });

  test('accepts a natural person without a USCC', () => {
    const record = accepted(naturalPerson());
    expect(record.id_number).toBe('11010519491231002X');
    expect(record.uscc).toBeUndefined();
  });

  test('accepts every optional field', () => {
    const record = accepted(
      enterprise({
        address: '浙江省杭州市西湖区示例路1号',
        contact_phone: '13800138000',
        legal_representative: '李四',
        category: '服装',
        license_url: 'https://shop.example.cn/license',
        status: 'suspended',
        opened_at: '2020-01-15',
        closed_at: '2024-03-01',
      }),
    );
    expect(record).toMatchObject({ status: 'suspended', opened_at: '2020-01-15', closed_at: '2024-03-01' });
  });

  test.each(['active', 'suspended', 'closed'])('keeps status %s', (status) => {
    expect(accepted(enterprise({ status })).status).toBe(status);
  });

  test('does not change the record it was given', () => {
    const raw = enterprise({ uscc: '９１３３０１０６６７３９５９６５４ｐ', address: null });
    const copy = structuredClone(raw);
    validateSellerRecord(raw);
    expect(raw).toEqual(copy);
  });
});

describe('required fields', () => {
  test('an empty record misses exactly the five required fields', () => {
    expect(codes({})).toEqual(SELLER_REQUIRED_FIELDS.map((f) => [f, 'missing_field']));
  });

  describe.each(SELLER_REQUIRED_FIELDS)('%s', (field) => {
    test.each([
      ['omitted', undefined],
      ['null', null],
      ['the empty string', ''],
      ['blank', ' \t '],
    ])('%s -> missing_field', (_how, value) => {
      const raw = enterprise();
      if (value === undefined) delete raw[field];
      else raw[field] = value;
      const problems = problemsOf(raw);
      expect(problems.map((p) => [p.field, p.code])).toEqual([[field, 'missing_field']]);
      expect(problems[0]!.message).toContain(field);
    });
  });
});

describe('rules by subject_type', () => {
  test.each(['enterprise', 'individual_business'])('%s needs a USCC', (subject_type) => {
    expect(codes(enterprise({ subject_type, uscc: undefined }))).toEqual([['uscc', 'missing_field']]);
    expect(codes(enterprise({ subject_type, uscc: null }))).toEqual([['uscc', 'missing_field']]);
    expect(codes(enterprise({ subject_type, uscc: '  ' }))).toEqual([['uscc', 'missing_field']]);
  });

  test('a natural person needs an ID number', () => {
    expect(codes(naturalPerson({ id_number: undefined }))).toEqual([['id_number', 'missing_field']]);
  });

  test('a natural person needs an exemption reason', () => {
    expect(codes(naturalPerson({ exemption_reason: '' }))).toEqual([['exemption_reason', 'missing_field']]);
  });

  test('a natural person missing both gets both problems', () => {
    expect(codes(naturalPerson({ id_number: null, exemption_reason: null }))).toEqual([
      ['id_number', 'missing_field'],
      ['exemption_reason', 'missing_field'],
    ]);
  });

  test.each(['enterprise', 'individual_business'])('%s may not file an ID number', (subject_type) => {
    const problems = problemsOf(enterprise({ subject_type, id_number: '11010519491231002X' }));
    expect(problems.map((p) => [p.field, p.code])).toEqual([['id_number', 'field_not_allowed']]);
  });

  test('an enterprise with a blank or null ID number is fine: it is absent', () => {
    expect(accepted(enterprise({ id_number: '' })).id_number).toBeUndefined();
    expect(accepted(enterprise({ id_number: null })).id_number).toBeUndefined();
  });

  test('an enterprise with an invalid ID number gets one problem for the field, not two', () => {
    expect(codes(enterprise({ id_number: '11010519491231001X' }))).toEqual([
      ['id_number', 'invalid_id_number'],
    ]);
  });

  test('with an unknown subject_type, only that is reported (no conditional rule guesses)', () => {
    expect(codes(enterprise({ subject_type: 'company', uscc: undefined }))).toEqual([
      ['subject_type', 'invalid_enum'],
    ]);
  });
});

describe('field checks', () => {
  test.each([
    ['a wrong check character', '91330106673959654Q'],
    ['17 characters', '91330106673959654'],
    ['letters outside the alphabet', '9111000060003IOZSV'],
    ['not a code at all', 'invalid-uscc'],
    ['an early-pilot code that fails the GB 32100 check', '91350211M0000XUF46'],
  ])('invalid_uscc for %s', (_why, uscc) => {
    expect(codes(enterprise({ uscc }))).toEqual([['uscc', 'invalid_uscc']]);
  });

  test.each([
    ['a wrong check character', '11010519491231001X'],
    ['the 15-digit form', '110105491231002'],
    ['an unknown province', '990426199112010074'],
    ['February 30', '440308199902301512'],
    ['a birth date in the future', idBornOn('29990101')],
  ])('invalid_id_number for %s', (_why, id_number) => {
    expect(codes(naturalPerson({ id_number }))).toEqual([['id_number', 'invalid_id_number']]);
  });

  test.each([
    ['ftp', 'ftp://shop.example.cn/'],
    ['credentials', 'https://user:pw@shop.example.cn/'],
    ['a relative URL', '/store/1'],
    ['no scheme', 'shop.example.cn/store/1'],
    ['javascript:', 'javascript:alert(1)'],
  ])('invalid_url for store_url and license_url with %s', (_why, url) => {
    expect(codes(enterprise({ store_url: url }))).toEqual([['store_url', 'invalid_url']]);
    expect(codes(enterprise({ license_url: url }))).toEqual([['license_url', 'invalid_url']]);
  });

  test.each([
    ['subject_type', 'company'],
    ['subject_type', 'Enterprise'],
    ['status', 'deleted'],
    ['status', 'ACTIVE'],
  ])('invalid_enum for %s %j', (field, value) => {
    const problems = problemsOf(enterprise({ [field]: value }));
    expect(problems.map((p) => [p.field, p.code])).toEqual([[field, 'invalid_enum']]);
  });

  test('invalid_enum names the allowed values', () => {
    const [problem] = problemsOf(enterprise({ status: 'deleted' }));
    expect(problem!.message).toContain('active, suspended, closed');
  });

  test.each([
    ['seller_id', 1001],
    ['legal_name', 123],
    ['legal_name', true],
    ['legal_name', ['a']],
    ['legal_name', { zh: '杭州' }],
    ['uscc', 913301066739],
    ['store_url', 42],
    ['address', false],
    ['contact_phone', 13800138000],
    ['opened_at', 20240101],
  ])('invalid_type for %s given %j', (field, value) => {
    const problems = problemsOf(enterprise({ [field]: value }));
    expect(problems.map((p) => [p.field, p.code])).toEqual([[field, 'invalid_type']]);
    expect(problems[0]!.message).toContain('string');
  });

  test.each([
    ['legal_name', 200],
    ['store_name', 200],
    ['address', 500],
    ['exemption_reason', 500],
    ['legal_representative', 100],
    ['category', 100],
  ])('%s accepts %i characters and is too_long at one more', (field, max) => {
    expect(accepted(enterprise({ [field]: '店'.repeat(max) }))[field as keyof SellerRecord]).toBe(
      '店'.repeat(max),
    );
    const problems = problemsOf(enterprise({ [field]: '店'.repeat(max + 1) }));
    expect(problems.map((p) => [p.field, p.code])).toEqual([[field, 'too_long']]);
    expect(problems[0]!.message).toContain(String(max));
  });

  test('measures text after trimming', () => {
    expect(accepted(enterprise({ legal_name: `  ${'店'.repeat(200)}  ` })).legal_name).toBe('店'.repeat(200));
  });

  test.each([
    ['uscc', 64, enterprise],
    ['id_number', 64, naturalPerson],
    ['contact_phone', 32, enterprise],
  ] as const)('%s over %i characters is too_long', (field, max, make) => {
    expect(codes(make({ [field]: '1'.repeat(max + 1) }))).toEqual([[field, 'too_long']]);
  });

  test('a store URL over 2048 characters is too_long', () => {
    const url = `https://shop.example.cn/${'a'.repeat(2048)}`;
    expect(codes(enterprise({ store_url: url }))).toEqual([['store_url', 'too_long']]);
  });

  test('unknown_field names each unknown field', () => {
    const problems = problemsOf(enterprise({ shop_owner: '王五', 'Seller ID': 'x' }));
    expect(problems.map((p) => [p.field, p.code])).toEqual([
      ['shop_owner', 'unknown_field'],
      ['Seller ID', 'unknown_field'],
    ]);
    expect(problems[0]!.message).toContain('shop_owner');
  });

  test('field names are case-sensitive: Seller_Id is unknown', () => {
    const raw = enterprise();
    raw.Seller_Id = raw.seller_id;
    expect(codes(raw)).toEqual([['Seller_Id', 'unknown_field']]);
  });

  test('an own __proto__ member (as JSON.parse makes it) is an unknown field, not a prototype', () => {
    const raw = JSON.parse(`{"__proto__": {"x": 1}, ${JSON.stringify(enterprise()).slice(1)}`);
    expect(codes(raw)).toEqual([['__proto__', 'unknown_field']]);
  });
});

describe('seller_id format', () => {
  test.each(['S', 'S-1001', 'a.b_c:d-E', '0', 'x'.repeat(64)])('accepts %j', (seller_id) => {
    expect(accepted(enterprise({ seller_id })).seller_id).toBe(seller_id);
  });

  test.each([
    ['65 characters', 'x'.repeat(65)],
    ['a space inside', 'S 1001'],
    ['surrounding space', ' S-1001 '],
    ['a slash', 'S/1001'],
    ['CJK', '店1001'],
    ['a full-width letter', 'Ｓ-1001'],
    ['a plus', 'S+1'],
  ])('invalid_format for %s', (_why, seller_id) => {
    expect(codes(enterprise({ seller_id }))).toEqual([['seller_id', 'invalid_format']]);
  });
});

describe('dates', () => {
  test.each([
    ['a nonexistent date', '2023-02-29'],
    ['April 31', '2024-04-31'],
    ['another format', '2024/01/01'],
    ['a timestamp', '2024-01-01T00:00:00Z'],
    ['the far future', '2999-01-01'],
  ])('invalid_date for %s', (_why, date) => {
    expect(codes(enterprise({ opened_at: date }))).toEqual([['opened_at', 'invalid_date']]);
    expect(codes(enterprise({ closed_at: date }))).toEqual([['closed_at', 'invalid_date']]);
  });

  test('today (UTC) is accepted and tomorrow is in the future', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    // Noon UTC is 20:00 in Beijing: the same calendar day on both clocks.
    vi.setSystemTime(new Date('2024-06-15T12:00:00Z'));
    expect(accepted(enterprise({ opened_at: '2024-06-15' })).opened_at).toBe('2024-06-15');
    const problems = problemsOf(enterprise({ opened_at: '2024-06-16' }));
    expect(problems.map((p) => [p.field, p.code])).toEqual([['opened_at', 'invalid_date']]);
    expect(problems[0]!.message).toContain('future');
  });

  test('closed_at before opened_at is invalid_date on closed_at', () => {
    expect(codes(enterprise({ opened_at: '2024-03-10', closed_at: '2024-03-09' }))).toEqual([
      ['closed_at', 'invalid_date'],
    ]);
  });

  test('closed_at on the day of opened_at is fine', () => {
    expect(accepted(enterprise({ opened_at: '2024-03-10', closed_at: '2024-03-10' })).closed_at).toBe(
      '2024-03-10',
    );
  });

  test('a malformed closed_at is reported once, not also as before opened_at', () => {
    expect(codes(enterprise({ opened_at: '2024-03-10', closed_at: '2024-02-30' }))).toEqual([
      ['closed_at', 'invalid_date'],
    ]);
  });

  test('closed_at alone is fine', () => {
    expect(accepted(enterprise({ closed_at: '2024-03-10' })).opened_at).toBeUndefined();
  });
});

describe('contact_phone', () => {
  test.each([
    ['13800138000', '13800138000'],
    ['+86 138 0013 8000', '+8613800138000'],
    ['(0571) 8765-4321', '057187654321'],
    ['12345', '12345'],
  ])('accepts %j as %j', (phone, stored) => {
    expect(accepted(enterprise({ contact_phone: phone })).contact_phone).toBe(stored);
  });

  test.each([
    ['letters', '138abc5678'],
    ['4 digits', '1234'],
    ['21 digits', '1'.repeat(21)],
    ['a + in the middle', '138+0013800'],
    ['an extension mark', '0571-8765 ext 1'],
  ])('invalid_phone for %s', (_why, contact_phone) => {
    expect(codes(enterprise({ contact_phone }))).toEqual([['contact_phone', 'invalid_phone']]);
  });
});

describe('normalisation', () => {
  test('a full-width, spaced, lower-case USCC is accepted in its normal form', () => {
    expect(accepted(enterprise({ uscc: '９１３３\u30000106 673959654ｐ' })).uscc).toBe('91330106673959654P');
  });

  test('an ID number with a lower-case x and full-width digits is stored in its normal form', () => {
    expect(accepted(naturalPerson({ id_number: '１１０１０５ 19491231002x' })).id_number).toBe(
      '11010519491231002X',
    );
  });

  test('store_url and license_url are normalised', () => {
    const record = accepted(
      enterprise({
        store_url: 'HTTPS://Shop.Example.CN:443/store/1#top',
        license_url: 'https://例子.中国/证照',
      }),
    );
    expect(record.store_url).toBe('https://shop.example.cn/store/1');
    expect(record.license_url).toBe('https://xn--fsqu00a.xn--fiqs8s/%E8%AF%81%E7%85%A7');
  });

  test('text fields are trimmed', () => {
    const record = accepted(
      enterprise({ legal_name: '  杭州示例商贸有限公司\u3000', store_name: '\t示例旗舰店 ' }),
    );
    expect(record.legal_name).toBe('杭州示例商贸有限公司');
    expect(record.store_name).toBe('示例旗舰店');
  });

  test('null and blank optional fields are absent from the result', () => {
    const record = accepted(
      enterprise({ address: null, category: '', legal_representative: '   ', license_url: null, status: '' }),
    );
    for (const field of ['address', 'category', 'legal_representative', 'license_url']) {
      expect(Object.hasOwn(record, field), field).toBe(false);
    }
    expect(record.status).toBe('active');
  });
});

describe('problems', () => {
  test('every problem in the record is reported, not only the first', () => {
    const found = codes({
      seller_id: 'bad id',
      subject_type: 'enterprise',
      legal_name: 7,
      uscc: '91330106673959654Q',
      store_name: '示例旗舰店',
      store_url: 'ftp://x',
      status: 'gone',
      contact_phone: 'abc',
      opened_at: '2024-02-30',
      colour: 'red',
    });
    expect(found).toEqual(
      expect.arrayContaining([
        ['seller_id', 'invalid_format'],
        ['legal_name', 'invalid_type'],
        ['uscc', 'invalid_uscc'],
        ['store_url', 'invalid_url'],
        ['status', 'invalid_enum'],
        ['contact_phone', 'invalid_phone'],
        ['opened_at', 'invalid_date'],
        ['colour', 'unknown_field'],
      ]),
    );
    expect(found).toHaveLength(8);
  });

  test('each problem names a field of the record and starts its message with it', () => {
    const problems = problemsOf({ seller_id: 'x y', legal_name: 7, colour: 'red', uscc: 'x' });
    for (const p of problems) {
      expect([...SELLER_FIELDS, 'colour'], JSON.stringify(p)).toContain(p.field);
      expect(p.message.startsWith(p.field), JSON.stringify(p)).toBe(true);
    }
  });
});

describe('personal data is never echoed', () => {
  const idCases: [string, Record<string, unknown>, string][] = [
    ['a wrong check character', naturalPerson({ id_number: '11010519491231001X' }), '11010519491231001X'],
    ['a future birth date', naturalPerson({ id_number: idBornOn('29990101') }), idBornOn('29990101')],
    ['an unknown region', naturalPerson({ id_number: '990426199112010074' }), '990426199112010074'],
    ['a 15-digit number', naturalPerson({ id_number: '110105491231002' }), '110105491231002'],
    [
      'full-width and wrong',
      naturalPerson({ id_number: '１１０１０５１９４９１２３１００１Ｘ' }),
      '11010519491231001X',
    ],
    [
      'too long',
      naturalPerson({ id_number: `11010519491231002X${'7'.repeat(50)}` }),
      '11010519491231002X7777',
    ],
    [
      'a valid number on an enterprise',
      enterprise({ id_number: '11010519491231002X' }),
      '11010519491231002X',
    ],
    ['a number as a number', naturalPerson({ id_number: 11010519491231 }), '11010519491231'],
  ];

  test.each(idCases)('id_number with %s', (_why, raw, secret) => {
    const problems = problemsOf(raw);
    expect(problems.some((p) => p.field === 'id_number')).toBe(true);
    const text = JSON.stringify(problems);
    expect(text).not.toContain(secret);
    expect(text).not.toContain(String(raw.id_number));
    expect(text).not.toContain('19491231');
  });

  test.each([
    ['letters', '138-0013-abcd'],
    ['too short', '1380'],
    ['too long for the pattern', '13800138000138001380099'],
    ['too long for the field', `13800138000${'9'.repeat(30)}`],
  ])('contact_phone with %s', (_why, phone) => {
    const problems = problemsOf(enterprise({ contact_phone: phone }));
    expect(problems.map((p) => p.field)).toEqual(['contact_phone']);
    const text = JSON.stringify(problems);
    expect(text).not.toContain(phone);
    expect(text).not.toContain(phone.replace(/[\s()-]/g, ''));
    expect(text).not.toContain('0013');
  });

  test('nor alongside other problems in the same record', () => {
    const raw = naturalPerson({
      id_number: '11010519491231001X',
      contact_phone: '1380013800x',
      legal_name: 5,
    });
    const text = JSON.stringify(problemsOf(raw));
    expect(text).not.toContain('11010519491231001X');
    expect(text).not.toContain('1380013800');
  });
});

describe('control characters', () => {
  const CONTROLS = [
    ['NUL', '\u0000', 'U+0000'],
    ['a backspace', '\u0008', 'U+0008'],
    ['an escape (terminal sequences)', '\u001b[31m', 'U+001B'],
    ['a unit separator', '\u001f', 'U+001F'],
    ['DEL', '\u007f', 'U+007F'],
    ['a C1 control (NEL)', '\u0085', 'U+0085'],
    ['a C1 control (APC)', '\u009f', 'U+009F'],
    ['a lone high surrogate', '\ud83d', 'U+D83D'],
    ['a lone low surrogate', '\ude00', 'U+DE00'],
  ] as const;
  const NAMES = ['legal_name', 'legal_representative', 'category', 'store_name'] as const;
  const FREE_TEXT = ['address', 'exemption_reason'] as const;

  test.each(
    [...NAMES, ...FREE_TEXT].flatMap((field) => CONTROLS.map(([why, ch, code]) => [field, why, ch, code])),
  )('%s with %s -> control_character', (field, _why, ch, code) => {
    const problems = problemsOf(naturalPerson({ [field]: `杭州${ch}示例` }));
    expect(problems.map((p) => [p.field, p.code])).toEqual([[field, 'control_character']]);
    expect(problems[0]!.message).toBe(
      `${field} holds a control character (${code} at character 3); remove it`,
    );
  });

  test.each(NAMES.flatMap((field) => ['\t', '\n', '\r', '\u000b', '\u000c'].map((ch) => [field, ch])))(
    'the name %s refuses %j inside it, and trims it around it',
    (field, ch) => {
      expect(codes(enterprise({ [field]: `示例${ch}商贸` }))).toEqual([[field, 'control_character']]);
      expect(accepted(enterprise({ [field]: `${ch}示例商贸${ch}` }))[field as keyof SellerRecord]).toBe(
        '示例商贸',
      );
    },
  );

  test.each(FREE_TEXT)(
    'the free text %s may hold tab, line feed and carriage return, not vertical tab or form feed',
    (field) => {
      const value = '浙江省杭州市\r\n西湖区\t示例路1号';
      expect(accepted(naturalPerson({ [field]: value }))[field]).toBe(value);
      expect(codes(naturalPerson({ [field]: '浙江省\u000b杭州市' }))).toEqual([[field, 'control_character']]);
      expect(codes(naturalPerson({ [field]: '浙江省\u000c杭州市' }))).toEqual([[field, 'control_character']]);
    },
  );

  test('an emoji (a surrogate pair) is a character; either half alone is not', () => {
    expect(accepted(enterprise({ store_name: '茶🍵小店' })).store_name).toBe('茶🍵小店');
    expect(codes(enterprise({ store_name: '茶\ud83c小店' }))).toEqual([['store_name', 'control_character']]);
    expect(codes(enterprise({ store_name: '茶\udf75小店' }))).toEqual([['store_name', 'control_character']]);
  });

  test.each(['store_url', 'license_url'])(
    '%s refuses a control character the URL parser would drop or encode',
    (field) => {
      for (const url of [
        'https://shop.exa\tmple.cn/store/1',
        'https://shop.example.cn/sto\nre/1',
        'https://shop.example.cn/store/1\u0000',
        'https://shop.example.cn/\u001b[2J',
        'https://shop.example.cn/\u0085',
      ]) {
        expect(codes(enterprise({ [field]: url })), JSON.stringify(url)).toEqual([
          [field, 'control_character'],
        ]);
      }
    },
  );

  test('a URL with white space around it is still trimmed and taken; with a tab inside, refused', () => {
    expect(accepted(enterprise({ store_url: '  https://shop.example.cn/s/1\n' })).store_url).toBe(
      'https://shop.example.cn/s/1',
    );
    expect(codes(enterprise({ store_url: 'https://shop.example.cn/s/\t1' }))).toEqual([
      ['store_url', 'control_character'],
    ]);
  });

  // Every string field, each with a NUL inside: the names and texts get control_character, the fields
  // with an alphabet of their own refuse it with their own code, as they did.
  test('a NUL in any string field of a seller is refused, each with its field and code', () => {
    const found: Record<string, string> = {};
    for (const field of SELLER_FIELDS) {
      const make = field === 'uscc' ? enterprise : naturalPerson;
      const valid = make({
        address: '浙江省杭州市',
        contact_phone: '13800138000',
        legal_representative: '张三',
        category: '服装',
        license_url: 'https://shop.example.cn/license',
        status: 'closed',
        opened_at: '2020-01-01',
        closed_at: '2021-01-01',
      });
      const value = String(valid[field]);
      const problems = problemsOf({ ...valid, [field]: `${value.slice(0, 2)}\u0000${value.slice(2)}` });
      expect(
        problems.map((p) => p.field),
        field,
      ).toEqual([field]);
      found[field] = problems[0]!.code;
    }
    expect(found).toEqual({
      seller_id: 'invalid_format',
      subject_type: 'invalid_enum',
      legal_name: 'control_character',
      uscc: 'invalid_uscc',
      id_number: 'invalid_id_number',
      exemption_reason: 'control_character',
      address: 'control_character',
      contact_phone: 'invalid_phone',
      legal_representative: 'control_character',
      category: 'control_character',
      store_name: 'control_character',
      store_url: 'control_character',
      license_url: 'control_character',
      status: 'invalid_enum',
      opened_at: 'invalid_date',
      closed_at: 'invalid_date',
    });
  });

  test('the message never repeats the value', () => {
    const problems = problemsOf(naturalPerson({ legal_name: '王小明\u0000' }));
    expect(problems.map((p) => p.code)).toEqual(['control_character']);
    expect(JSON.stringify(problems)).not.toContain('王小明');
  });
});

describe('one problem per field, every field, in field order', () => {
  test('a date that is neither a calendar date nor in the past gets one problem, not two', () => {
    expect(problemsOf(enterprise({ opened_at: '2999-02-30' }))).toEqual([
      { field: 'opened_at', code: 'invalid_date', message: 'opened_at must be a date YYYY-MM-DD' },
    ]);
  });

  test('a name too long and with a NUL gets one problem', () => {
    expect(codes(enterprise({ legal_name: `${'店'.repeat(300)}\u0000` }))).toEqual([
      ['legal_name', 'control_character'],
    ]);
  });

  test('rules across fields are reported in field order among the fields’ own problems', () => {
    expect(
      codes(
        naturalPerson({
          id_number: undefined,
          exemption_reason: null,
          store_url: 'ftp://x',
          legal_name: 'a\u0000',
          opened_at: '2024-03-10',
          closed_at: '2024-03-09',
          colour: 'red',
        }),
      ),
    ).toEqual([
      ['legal_name', 'control_character'],
      ['id_number', 'missing_field'],
      ['exemption_reason', 'missing_field'],
      ['store_url', 'invalid_url'],
      ['closed_at', 'invalid_date'],
      ['colour', 'unknown_field'],
    ]);
  });

  test('an enterprise missing its USCC, with a bad store URL: both, USCC first', () => {
    expect(codes(enterprise({ uscc: null, store_url: 'javascript:alert(1)' }))).toEqual([
      ['uscc', 'missing_field'],
      ['store_url', 'invalid_url'],
    ]);
  });
});
