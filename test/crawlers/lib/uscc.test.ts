import { describe, expect, test } from 'vitest';
import { isValidUscc, normalizeUscc, usccCheckCharacter } from '../../../crawlers/lib/uscc.ts';
import { readCodeVectors } from '../../lib/vectors.ts';

const vectors = readCodeVectors('uscc.tsv');

describe('uscc.tsv vectors', () => {
  test('the vector file was read (a wrong path must not pass as zero tests)', () => {
    expect(vectors.length).toBeGreaterThan(200);
    expect(vectors.some((v) => v.expected === 'invalid')).toBe(true);
  });

  test.each(vectors)('line $line: $code is $expected', ({ code, expected, note }) => {
    expect(isValidUscc(normalizeUscc(code)) ? 'valid' : 'invalid', note).toBe(expected);
  });
});

describe('usccCheckCharacter', () => {
  test.each([
    ['91330106673959654', 'P'],
    ['91110000600037341', 'L'],
    ['12120000401359081', '6'],
    ['91350100M000100Y4', '3'],
    ['911101005JLR20JR6', '0'],
    ['92310115MA1LAG5R9', 'M'],
  ])('%s -> %s', (first17, check) => {
    expect(usccCheckCharacter(first17)).toBe(check);
  });

  test('maps a weighted sum of 0 mod 31 to 0, not to the 32nd character', () => {
    expect(usccCheckCharacter('00000000000000000')).toBe('0');
  });

  test.each(['I', 'O', 'S', 'V', 'Z', 'a', '-'])('refuses %j, which is outside the alphabet', (ch) => {
    expect(() => usccCheckCharacter(`9133010667395965${ch}`)).toThrow(RangeError);
  });
});

describe('isValidUscc', () => {
  const valid = '91330106673959654P';

  test('a single changed character is caught by the check character', () => {
    for (let i = 0; i < 17; i++) {
      const digit = valid[i]! === '1' ? '2' : '1';
      const mutated = valid.slice(0, i) + digit + valid.slice(i + 1);
      expect(isValidUscc(mutated), mutated).toBe(false);
    }
  });

  test('expects the normalised form: lower case is not valid until normalised', () => {
    expect(isValidUscc('91310115ma1k3btp2b')).toBe(false);
    expect(isValidUscc(normalizeUscc('91310115ma1k3btp2b'))).toBe(true);
  });

  /** The first 17 characters with their right check character appended. */
  const withCheck = (first17: string) => first17 + usccCheckCharacter(first17);

  test.each([
    ['17 characters', valid.slice(0, 17)],
    ['19 characters', `${valid}0`],
    ['registration authority 0', withCheck(`0${valid.slice(1, 17)}`)],
    ['registration authority B', withCheck(`B${valid.slice(1, 17)}`)],
    ['a letter in the division code', withCheck('9133A106673959654')],
    ['the empty string', ''],
  ])('rejects %s, even with the right check character', (_why, code) => {
    expect(isValidUscc(code)).toBe(false);
  });

  test.each(['A', 'N', 'Y'])('accepts registration authority %s', (authority) => {
    expect(isValidUscc(withCheck(`${authority}${valid.slice(1, 17)}`))).toBe(true);
  });
});

describe('normalizeUscc', () => {
  test('folds full-width digits and letters', () => {
    expect(normalizeUscc('９１３３０１０６６７３９５９６５４Ｐ')).toBe('91330106673959654P');
  });

  test('removes spaces, tabs, newlines and the ideographic space U+3000', () => {
    expect(normalizeUscc(' 9133\u30000106 673959\t654P\n')).toBe('91330106673959654P');
  });

  test('upper-cases letters', () => {
    expect(normalizeUscc('91330106673959654p')).toBe('91330106673959654P');
  });

  test('leaves other characters alone, so that they still fail validation', () => {
    expect(normalizeUscc('9133-0106')).toBe('9133-0106');
    expect(isValidUscc(normalizeUscc('913301-06673959654P'))).toBe(false);
  });
});
