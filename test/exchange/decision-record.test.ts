import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  DECISION_FIELDS,
  DECISION_KINDS,
  DECISION_REQUIRED_FIELDS,
  DECISION_STATUSES,
  type DecisionRecord,
  type FieldProblem,
  ID_DOCUMENT_TYPES,
  LICENSE_CATEGORIES,
  LICENSE_STATES,
  PENALTY_CATEGORIES,
  SUBJECT_CATEGORIES,
  validateDecisionRecord,
} from '../../src/exchange/decision-record.ts';
import {
  DECISION_SOURCE,
  decisionChecker,
  revivePreparedDecision,
} from '../../src/exchange/file-decisions.ts';
import { decisionKey, prepareDecision } from '../../src/exchange/prepare-decision.ts';
import { openKeyring } from '../../src/keys/keyring.ts';
import { idCheckCharacter } from '../../src/lib/resident-id.ts';
import { HASH_DOMAIN } from '../../src/sellers/prepare.ts';
import {
  AUTHORITY,
  COMPANY,
  ID,
  license,
  penalty,
  personPenalty,
  SHOP,
  withCheck,
} from '../helpers/decisions.ts';

const NOW = new Date('2026-06-01T10:00:00+08:00');
const keys = openKeyring(mkdtempSync(path.join(os.tmpdir(), 'mg-decisions-')));

function accepted(raw: Record<string, unknown>): DecisionRecord {
  const result = validateDecisionRecord(raw, NOW);
  if (!result.ok) throw new Error(`expected the record to pass, got ${JSON.stringify(result.problems)}`);
  return result.record;
}

function problemsOf(raw: Record<string, unknown>): FieldProblem[] {
  const result = validateDecisionRecord(raw, NOW);
  if (result.ok) throw new Error(`expected problems, the record passed as ${JSON.stringify(result.record)}`);
  expect(result.problems.length, 'a rejected record names at least one problem').toBeGreaterThan(0);
  return result.problems;
}

const codes = (raw: Record<string, unknown>): [string, string][] =>
  problemsOf(raw).map((p) => [p.field, p.code]);

describe('valid decisions', () => {
  test('a penalty: amounts become fen, the data source defaults to the authority', () => {
    const record = accepted(penalty());
    expect(record).toMatchObject({
      kind: 'penalty',
      status: 'in_force',
      penalty_categories: ['fine', 'confiscate_illegal_gains'],
      fine_fen: 1_250_000,
      confiscated_fen: 30_000,
      source_name: '杭州市市场监督管理局',
      source_uscc: AUTHORITY,
    });
    expect(record).not.toHaveProperty('fine_yuan');
    expect(record).not.toHaveProperty('license_status');
  });

  test('a license: its state defaults to valid', () => {
    const record = accepted(license());
    expect(record.kind).toBe('license');
    expect(record.license_status).toBe('valid');
    expect(record.subject_uscc).toBe(SHOP);
  });

  test('a penalty on a natural person with a resident ID', () => {
    expect(accepted(personPenalty()).id_number).toBe(ID);
  });

  test('a data source other than the authority, given with its code', () => {
    const source = withCheck('11330000002482448');
    const record = accepted(penalty({ source_name: '浙江省市场监督管理局', source_uscc: source }));
    expect([record.source_name, record.source_uscc]).toEqual(['浙江省市场监督管理局', source]);
  });

  test('the CSV columns are the fields, the always-required ones among them', () => {
    expect(DECISION_SOURCE.fields).toBe(DECISION_FIELDS);
    for (const f of DECISION_REQUIRED_FIELDS) expect(DECISION_FIELDS).toContain(f);
  });
});

describe('CSV: every value a string, blank cells for what is not given', () => {
  const blankRow = () => Object.fromEntries(DECISION_FIELDS.map((f) => [f, '']));

  test('a penalty row in Chinese labels, categories in one cell', () => {
    const row = {
      ...blankRow(),
      ...penalty({ kind: '行政处罚', subject_category: '法人及非法人组织', status: '' }),
      penalty_categories: '罚款；没收违法所得',
    };
    expect(Object.values(row).every((v) => typeof v === 'string')).toBe(true);
    const record = accepted(row);
    expect(record.penalty_categories).toEqual(['fine', 'confiscate_illegal_gains']);
    expect(record.status).toBe('in_force');
  });

  test('a license row, codes with surrounding space and full-width digits in the code fields', () => {
    const row = {
      ...blankRow(),
      ...license({ license_category: ' 核准 ', subject_uscc: '９２３１０１１５ＭＡ１ＬＡＧ５Ｒ９Ｍ' }),
    };
    const record = accepted(row);
    expect(record.license_category).toBe('approval');
    expect(record.subject_uscc).toBe(SHOP);
  });
});

describe('closed lists', () => {
  const lists = [
    ['kind', DECISION_KINDS, () => penalty()],
    ['status', DECISION_STATUSES, () => penalty()],
    ['subject_category', SUBJECT_CATEGORIES, () => penalty()],
    ['id_type', ID_DOCUMENT_TYPES, () => personPenalty()],
    ['license_category', LICENSE_CATEGORIES, () => license()],
    ['license_status', LICENSE_STATES, () => license()],
  ] as const;

  test.each(lists)('%s refuses a value outside its list and names the codes', (field, list, make) => {
    const found = problemsOf({ ...make(), [field]: 'something_else' }).find((p) => p.field === field);
    expect(found?.code).toBe('invalid_enum');
    for (const { code } of list) expect(found?.message).toContain(code);
  });

  test.each(lists)('%s accepts every Chinese label as its code', (field, list, make) => {
    for (const { code, label } of list) {
      const result = validateDecisionRecord({ ...make(), [field]: label }, NOW);
      // A label may make the record break a rule across fields (kind license on a penalty record): the
      // field itself is never the problem.
      const own = result.ok ? [] : result.problems.filter((p) => p.field === field);
      expect(own, `${field} ${label}`).toEqual([]);
      if (result.ok) expect(result.record[field as keyof DecisionRecord]).toBe(code);
    }
  });

  test('penalty categories: an unknown one is refused at its position, known ones dedupe in list order', () => {
    expect(codes(penalty({ penalty_categories: ['fine', 'flogging'] }))).toContainEqual([
      'penalty_categories.1',
      'invalid_enum',
    ]);
    expect(accepted(penalty({ penalty_categories: '没收违法所得;罚款;罚款' })).penalty_categories).toEqual([
      'fine',
      'confiscate_illegal_gains',
    ]);
    expect(codes(penalty({ penalty_categories: [] }))).toContainEqual([
      'penalty_categories',
      'missing_field',
    ]);
    expect(PENALTY_CATEGORIES.map((c) => c.label)).toHaveLength(14);
  });

  test('other needs category_other, and category_other needs other', () => {
    const bare = { penalty_categories: ['other'], fine_yuan: undefined, confiscated_yuan: undefined };
    expect(codes(penalty(bare))).toEqual([['category_other', 'missing_field']]);
    expect(accepted(penalty({ ...bare, category_other: '责令改正' })).category_other).toBe('责令改正');
    expect(codes(penalty({ category_other: '责令改正' }))).toEqual([['category_other', 'field_not_allowed']]);
    expect(codes(license({ license_category: 'other' }))).toEqual([['category_other', 'missing_field']]);
  });
});

describe('money', () => {
  test.each([
    ['12500', 1_250_000],
    ['0.01', 1],
    ['99999999.99', 9_999_999_999],
    ['１２.５', 1250],
  ])('fine_yuan %s is %i fen', (yuan, fen) => {
    expect(accepted(penalty({ fine_yuan: yuan })).fine_fen).toBe(fen);
  });

  test.each([
    ['1.234', 'invalid_amount'],
    ['-5', 'invalid_amount'],
    ['1,000', 'invalid_amount'],
    ['1e3', 'invalid_amount'],
    ['0', 'too_small'],
    ['0.00', 'too_small'],
  ])('fine_yuan %s is refused (%s)', (yuan, code) => {
    expect(codes(penalty({ fine_yuan: yuan }))).toEqual([['fine_yuan', code]]);
  });

  test('a JSON number is refused: amounts are decimal strings, never floats', () => {
    expect(codes(penalty({ fine_yuan: 12500 }))).toEqual([['fine_yuan', 'invalid_type']]);
  });

  test('an amount goes with its category, and only with it', () => {
    expect(codes(penalty({ fine_yuan: undefined }))).toEqual([['fine_yuan', 'missing_field']]);
    expect(codes(penalty({ penalty_categories: ['warning', 'fine'], confiscated_yuan: '1' }))).toEqual([
      ['confiscated_yuan', 'field_not_allowed'],
    ]);
    expect(codes(license({ fine_yuan: '100' }))).toEqual([['fine_yuan', 'field_not_allowed']]);
  });
});

describe('dates', () => {
  test('a date that does not exist, or another format', () => {
    expect(codes(penalty({ decided_on: '2026-02-30' }))).toEqual([['decided_on', 'invalid_date']]);
    expect(codes(penalty({ decided_on: '2026/05/20' }))).toEqual([['decided_on', 'invalid_date']]);
  });

  test('a decision is not in the future of China Standard Time', () => {
    // NOW is 10:00 in Beijing on 2026-06-01, 02:00 UTC the same day; 23:30 UTC on 05-31 is already 06-01 in Beijing.
    expect(accepted(penalty({ decided_on: '2026-06-01' })).decided_on).toBe('2026-06-01');
    expect(codes(penalty({ decided_on: '2026-06-02', valid_until: '2029-06-02' }))).toEqual([
      ['decided_on', 'invalid_date'],
    ]);
    const lateUtc = new Date('2026-05-31T23:30:00Z');
    expect(validateDecisionRecord(penalty({ decided_on: '2026-06-01' }), lateUtc).ok).toBe(true);
  });

  test('validity ends after it begins and after the decision; 2099-12-31 means long-term', () => {
    expect(codes(penalty({ valid_until: '2026-05-19' }))).toEqual([['valid_until', 'invalid_date']]);
    expect(codes(license({ valid_from: '2026-05-01', valid_until: '2026-04-30' }))).toEqual([
      ['valid_until', 'invalid_date'],
    ]);
    expect(accepted(license({ valid_until: '2099-12-31' })).valid_until).toBe('2099-12-31');
  });
});

describe('rules by kind and subject', () => {
  test('each kind requires its own fields and refuses the other kind’s', () => {
    expect(codes(penalty({ violation_facts: undefined, valid_until: '' }))).toEqual([
      ['violation_facts', 'missing_field'],
      ['valid_until', 'missing_field'],
    ]);
    expect(codes(license({ license_category: undefined, violation_type: '虚假宣传' }))).toEqual([
      ['violation_type', 'field_not_allowed'],
      ['license_category', 'missing_field'],
    ]);
  });

  test('an organization has a USCC and a representative, and no ID number', () => {
    expect(
      codes(penalty({ subject_uscc: undefined, legal_representative: undefined, id_number: ID })),
    ).toEqual([
      ['subject_uscc', 'missing_field'],
      ['legal_representative', 'missing_field'],
      ['id_number', 'field_not_allowed'],
    ]);
  });

  test('a natural person has a document type and number, and no USCC', () => {
    expect(codes(personPenalty({ id_type: undefined, subject_uscc: COMPANY }))).toEqual([
      ['subject_uscc', 'field_not_allowed'],
      ['id_type', 'missing_field'],
    ]);
    expect(codes(personPenalty({ id_number: undefined }))).toEqual([['id_number', 'missing_field']]);
  });

  test('document numbers are checked by type', () => {
    const wrongCheck = ID.slice(0, 17) + (ID[17] === '1' ? '2' : '1');
    expect(codes(personPenalty({ id_number: wrongCheck }))).toEqual([['id_number', 'invalid_id_number']]);
    expect(accepted(personPenalty({ id_type: '护照', id_number: 'e 1234 5678' })).id_number).toBe(
      'E12345678',
    );
    expect(accepted(personPenalty({ id_type: 'hk_macao_permit', id_number: 'H1234567801' })).id_type).toBe(
      'hk_macao_permit',
    );
    expect(codes(personPenalty({ id_type: 'taiwan_permit', id_number: 'T1234567' }))).toEqual([
      ['id_number', 'invalid_id_number'],
    ]);
  });

  test('a USCC whose check character fails is refused, for the subject and the authority alike', () => {
    const flip = (code: string) => code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
    expect(codes(penalty({ subject_uscc: flip(COMPANY), authority_uscc: flip(AUTHORITY) }))).toEqual([
      ['subject_uscc', 'invalid_uscc'],
      ['authority_uscc', 'invalid_uscc'],
    ]);
  });

  test('a data source comes with its code', () => {
    expect(codes(penalty({ source_name: '浙江省市场监督管理局' }))).toEqual([
      ['source_uscc', 'missing_field'],
    ]);
  });

  test('unknown fields and control characters are refused, never echoing the value', () => {
    const problems = problemsOf(penalty({ secret_field: ID, subject_name: '杭州\u0000公司' }));
    expect(problems.map((p) => [p.field, p.code])).toEqual([
      ['subject_name', 'control_character'],
      ['secret_field', 'unknown_field'],
    ]);
    expect(JSON.stringify(problems)).not.toContain(ID);
  });
});

describe('withdrawal', () => {
  test('a withdrawn decision says when and why; an in-force one says neither', () => {
    expect(codes(penalty({ status: 'withdrawn' }))).toEqual([
      ['withdrawn_on', 'missing_field'],
      ['withdrawal_reason', 'missing_field'],
    ]);
    expect(codes(penalty({ withdrawal_reason: '复议撤销' }))).toEqual([
      ['withdrawal_reason', 'field_not_allowed'],
    ]);
    expect(
      codes(penalty({ status: '撤销', withdrawn_on: '2026-05-19', withdrawal_reason: '复议撤销' })),
    ).toEqual([['withdrawn_on', 'invalid_date']]);
  });

  test('re-filing the same number with status withdrawn is the same decision, changed', () => {
    const filed = penalty();
    const first = prepareDecision(keys, accepted(filed));
    const withdrawn = prepareDecision(
      keys,
      accepted({
        ...filed,
        status: 'withdrawn',
        withdrawn_on: '2026-05-30',
        withdrawal_reason: '行政复议决定撤销',
      }),
    );
    expect(withdrawn.key).toBe(first.key);
    expect([first.status, withdrawn.status]).toEqual(['in_force', 'withdrawn']);
    expect(withdrawn.withdrawnOn).toBe('2026-05-30');
    expect(Buffer.from(withdrawn.digest).equals(Buffer.from(first.digest))).toBe(false);
    // Filed again unchanged: the same digest, so the intake counts it unchanged.
    expect(Buffer.from(prepareDecision(keys, accepted(filed)).digest).equals(Buffer.from(first.digest))).toBe(
      true,
    );
  });

  test('the key ignores how the brackets, widths and spaces of the number were typed', () => {
    expect(decisionKey(AUTHORITY, '杭市监处罚〔2026〕15号')).toBe(`${AUTHORITY}:杭市监处罚〔2026〕15号`);
    for (const typed of ['杭市监处罚[2026]15号', '杭市监处罚（２０２６）15号', ' 杭市监处罚【2026】 15号'])
      expect(decisionKey(AUTHORITY, typed)).toBe(decisionKey(AUTHORITY, '杭市监处罚〔2026〕15号'));
  });
});

describe('a natural person’s document number never leaves the check', () => {
  test('the prepared value holds its mask and keyed hash only', () => {
    const prepared = prepareDecision(keys, accepted(personPenalty()));
    const json = JSON.stringify(prepared);
    expect(json).not.toContain(ID);
    expect(JSON.parse(prepared.storedRecord).id_number).toBe('110105********002X');
    // Hashed as a seller's ID number is: a person who sells and is penalised is one subject.
    expect(Buffer.from(prepared.subject.idHash!).equals(keys.keyedHash(HASH_DOMAIN.idNumber, ID))).toBe(true);
    expect(prepared.subject).toMatchObject({ category: 'natural_person', uscc: null, idType: 'resident_id' });
  });

  test('other documents are masked too: first character and last two at most', () => {
    for (const [type, number] of [
      ['hk_macao_permit', 'H1234567801'],
      ['passport', 'E12345678'],
      ['taiwan_permit', '12345678'],
    ] as const) {
      const prepared = prepareDecision(keys, accepted(personPenalty({ id_type: type, id_number: number })));
      expect(JSON.stringify(prepared), type).not.toContain(number);
      expect(JSON.stringify(prepared), type).not.toContain(number.slice(1, -2));
    }
  });

  test('property: for any valid resident ID, neither the prepared value nor its clone holds it', () => {
    const region = fc.constantFrom('110105', '330106', '440305', '510107');
    const birth = fc
      .date({ min: new Date('1930-01-01'), max: new Date('2008-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10).replaceAll('-', ''));
    const id = fc
      .tuple(region, birth, fc.integer({ min: 0, max: 999 }))
      .map(([r, b, s]) => `${r}${b}${String(s).padStart(3, '0')}`)
      .map((first17) => first17 + idCheckCharacter(first17));
    fc.assert(
      fc.property(id, (number) => {
        const prepared = prepareDecision(keys, accepted(personPenalty({ id_number: number })));
        const cloned = structuredClone(prepared);
        expect(JSON.stringify(prepared)).not.toContain(number);
        expect(JSON.stringify(cloned)).not.toContain(number);
        expect(JSON.stringify(cloned)).not.toContain(number.slice(6, 14)); // the birth date
      }),
      { numRuns: 100 },
    );
  });
});

describe('decisionChecker', () => {
  const check = decisionChecker(keys);

  test('errors name the decision by its number, never a value that is not one', () => {
    const raw = penalty({ decision_number: '杭市监处罚〔2026〕99号', fine_yuan: '1.234' });
    const result = check({ position: { line: 2 }, value: raw }, NOW);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      {
        line: 2,
        decision_number: '杭市监处罚〔2026〕99号',
        field: 'fine_yuan',
        code: 'invalid_amount',
        message: 'fine_yuan CNY has 2 minor digits',
      },
    ]);
    const hostile = check({ position: { line: 3 }, value: penalty({ decision_number: 'x\u001b[2J' }) }, NOW);
    expect(!hostile.ok && hostile.errors[0]).toMatchObject({
      decision_number: null,
      field: 'decision_number',
    });
  });

  test('a record the reader could not parse is passed on as its error', () => {
    const problem = { code: 'malformed_json', message: 'not JSON' };
    expect(check({ position: { line: 4 }, problem }, NOW)).toEqual({
      position: { line: 4 },
      ok: false,
      errors: [{ line: 4, decision_number: null, field: null, code: 'malformed_json', message: 'not JSON' }],
    });
  });

  test('a valid record becomes a prepared decision that survives structured cloning', () => {
    const result = check({ position: { index: 0 }, value: personPenalty() }, NOW);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const cloned = structuredClone(result.value) as ReturnType<typeof prepareDecision>;
    const revived = revivePreparedDecision(cloned);
    expect(Buffer.isBuffer(revived.digest) && Buffer.isBuffer(revived.subject.idHash)).toBe(true);
    expect(revived.digest.equals(Buffer.from((result.value as typeof cloned).digest))).toBe(true);
    expect(JSON.stringify(cloned)).not.toContain(ID);
  });
});
