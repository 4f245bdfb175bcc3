import { describe, expect, test } from 'vitest';
import { idCheckCharacter, isValidIdNumber, normalizeIdNumber } from '../../src/lib/resident-id.ts';
import { readCodeVectors } from './vectors.ts';

const vectors = readCodeVectors('resident_id.tsv');

/** An 18-character ID with the right check character, for the given region, birth date and sequence. */
function idFor(region: string, yyyymmdd: string, sequence = '001'): string {
  const first17 = `${region}${yyyymmdd}${sequence}`;
  return first17 + idCheckCharacter(first17);
}

describe('resident_id.tsv vectors', () => {
  test('the vector file was read (a wrong path must not pass as zero tests)', () => {
    expect(vectors.length).toBeGreaterThan(90);
    expect(vectors.some((v) => v.expected === 'invalid')).toBe(true);
  });

  test.each(vectors)('line $line: $code is $expected', ({ code, expected, note }) => {
    expect(isValidIdNumber(normalizeIdNumber(code)) ? 'valid' : 'invalid', note).toBe(expected);
  });
});

describe('idCheckCharacter', () => {
  test.each([
    ['11010519491231002', 'X'],
    ['44052418800101001', '4'],
    ['36042619910101007', '1'],
    ['13070119931030228', '8'],
    ['11010219840406970', 'X'],
  ])('%s -> %s', (first17, check) => {
    expect(idCheckCharacter(first17)).toBe(check);
  });

  test('gives every one of the 11 check characters for some input', () => {
    const seen = new Set<string>();
    for (let seq = 0; seq < 200; seq++)
      seen.add(idCheckCharacter(`11010519900101${String(seq).padStart(3, '0')}`));
    expect([...seen].sort().join('')).toBe('0123456789X');
  });
});

describe('isValidIdNumber', () => {
  const today = new Date('2025-06-15T12:00:00Z');

  test('accepts a constructed number, so that the rejections below are for the one reason named', () => {
    expect(isValidIdNumber(idFor('110105', '19900101'), today)).toBe(true);
  });

  test('rejects a birth date after `today`', () => {
    expect(isValidIdNumber(idFor('110105', '20250616'), today)).toBe(false);
    expect(isValidIdNumber(idFor('110105', '20300101'), today)).toBe(false);
  });

  test('accepts a birth on `today` itself', () => {
    expect(isValidIdNumber(idFor('110105', '20250615'), today)).toBe(true);
  });

  test('reads `today` from its argument, not the clock', () => {
    const id = idFor('110105', '20250615');
    expect(isValidIdNumber(id, new Date('2025-06-14T23:59:59Z'))).toBe(false);
    expect(isValidIdNumber(id, new Date('2025-06-15T00:00:00Z'))).toBe(true);
  });

  test.each([
    ['February 30', '19900230'],
    ['February 29 of a common year', '19900229'],
    ['February 29 of 1900 (not a leap year)', '19000229'],
    ['month 00', '19900001'],
    ['month 13', '19901301'],
    ['day 00', '19900100'],
    ['April 31', '19900431'],
    ['a year before 1850', '18491231'],
  ])('rejects a birth date of %s even with the right check character', (_why, date) => {
    expect(isValidIdNumber(idFor('110105', date), today)).toBe(false);
  });

  test('accepts February 29 of a leap year, 2000 included', () => {
    expect(isValidIdNumber(idFor('110105', '20000229'), today)).toBe(true);
    expect(isValidIdNumber(idFor('110105', '19960229'), today)).toBe(true);
  });

  test('accepts 1850, the earliest birth year', () => {
    expect(isValidIdNumber(idFor('110105', '18500101'), today)).toBe(true);
  });

  test.each([
    ['00', false],
    ['10', false],
    ['11', true],
    ['16', false],
    ['46', true],
    ['47', false],
    ['65', true],
    ['66', false],
    ['71', true],
    ['81', true],
    ['83', true],
    ['84', false],
    ['91', false],
  ])('province code %s -> %s', (province, valid) => {
    expect(isValidIdNumber(idFor(`${province}0105`, '19900101'), today)).toBe(valid);
  });

  test("accepts a foreigner's permanent residence number: 9 before a province code", () => {
    expect(isValidIdNumber(idFor('911156', '19850101'), today)).toBe(true);
    expect(isValidIdNumber(idFor('999156', '19850101'), today)).toBe(false);
  });

  test.each([
    ['the 15-digit form of before 1999', '110105491231002'],
    ['17 characters', '11010519491231002'],
    ['19 characters', '11010519491231002X0'],
    ['lower-case x (not normalised)', '11010519491231002x'],
    ['X anywhere but last', '1101051949123100X2'],
    ['a full-width digit (not normalised)', '１1010519491231002X'],
    ['the empty string', ''],
  ])('rejects %s', (_why, id) => {
    expect(isValidIdNumber(id, today)).toBe(false);
  });

  test('a single changed digit is caught by the check character', () => {
    const valid = '11010519491231002X';
    for (const i of [0, 5, 14, 15, 16]) {
      const mutated = valid.slice(0, i) + (valid[i] === '1' ? '2' : '1') + valid.slice(i + 1);
      expect(isValidIdNumber(mutated, today), mutated).toBe(false);
    }
  });
});

describe('normalizeIdNumber', () => {
  test('upper-cases a trailing x', () => {
    expect(normalizeIdNumber('11010519491231002x')).toBe('11010519491231002X');
  });

  test('folds full-width digits and Ｘ/ｘ', () => {
    expect(normalizeIdNumber('１１０１０５１９４９１２３１００２ｘ')).toBe('11010519491231002X');
    expect(normalizeIdNumber('１１０１０５１９４９１２３１００２Ｘ')).toBe('11010519491231002X');
  });

  test('removes spaces and the ideographic space U+3000', () => {
    expect(normalizeIdNumber(' 110105 19491231\u3000002X ')).toBe('11010519491231002X');
  });

  test('normalised input validates', () => {
    expect(isValidIdNumber(normalizeIdNumber('110105\u300019491231 002ｘ'))).toBe(true);
  });
});
