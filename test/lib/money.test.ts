import { describe, expect, test } from 'vitest';
import { formatMoney, isCurrency, minorDigits, parseMoney } from '../../src/lib/money.ts';

const MAX_MINOR = 10 ** 15;

describe('minorDigits', () => {
  test.each([
    ['CNY', 2],
    ['USD', 2],
    ['EUR', 2],
    ['JPY', 0],
    ['KRW', 0],
    ['KWD', 3],
    ['BHD', 3],
    ['CLF', 4],
  ])('%s has %i minor digits', (currency, digits) => {
    expect(minorDigits(currency)).toBe(digits);
  });
});

describe('isCurrency', () => {
  test.each(['CNY', 'USD', 'JPY', 'EUR', 'HKD', 'KWD'])('accepts %s', (code) => {
    expect(isCurrency(code)).toBe(true);
  });

  test.each([
    ['RMB, a common name but not an ISO 4217 code', 'RMB'],
    ['XXX, "no currency"', 'XXX'],
    ['XTS, reserved for testing', 'XTS'],
    ['XAU, gold', 'XAU'],
    ['XAG, silver', 'XAG'],
    ['XDR, special drawing rights', 'XDR'],
    ['cny, lower case', 'cny'],
    ['Cny, mixed case', 'Cny'],
    ['a code with white space', ' CNY'],
    ['a two-letter code', 'CN'],
    ['the empty string', ''],
  ])('rejects %s', (_why, code) => {
    expect(isCurrency(code)).toBe(false);
  });
});

describe('parseMoney', () => {
  test.each([
    ['129.90', 'CNY', 12990],
    ['129.9', 'CNY', 12990],
    ['0', 'CNY', 0],
    ['0.5', 'CNY', 50],
    ['0.05', 'CNY', 5],
    ['0.00', 'CNY', 0],
    ['10', 'CNY', 1000],
    ['1.00', 'USD', 100],
    ['150', 'JPY', 150],
    ['0', 'JPY', 0],
    ['1.234', 'KWD', 1234],
    ['1.2', 'KWD', 1200],
    ['7', 'KWD', 7000],
    ['1.2345', 'CLF', 12345],
  ])('reads %j in %s as %i minor units', (text, currency, minor) => {
    expect(parseMoney(text, currency)).toEqual({ ok: true, minor });
  });

  test.each([
    ['1.234', 'CNY', 'CNY has 2 minor digits'],
    ['0.001', 'USD', 'USD has 2 minor digits'],
    ['1.5', 'JPY', 'JPY has 0 minor digits'],
    ['1.0', 'JPY', 'JPY has 0 minor digits'],
    ['1.2345', 'KWD', 'KWD has 3 minor digits'],
  ])('refuses %j in %s: more decimals than the currency has', (text, currency, reason) => {
    expect(parseMoney(text, currency)).toEqual({ ok: false, reason });
  });

  test.each([
    ['a minus sign', '-1.00'],
    ['a plus sign', '+1.00'],
    ['an exponent', '1e3'],
    ['an upper-case exponent', '1.5E2'],
    ['a leading space', ' 1.00'],
    ['a trailing space', '1.00 '],
    ['an inner space', '1 000.00'],
    ['a thousands comma', '1,000.00'],
    ['a decimal comma', '1,50'],
    ['a leading zero', '01.00'],
    ['two zeros', '00'],
    ['the empty string', ''],
    ['a trailing point', '1.'],
    ['a leading point', '.5'],
    ['a lone point', '.'],
    ['two points', '1.2.3'],
    ['a currency symbol', '¥1.00'],
    ['a currency code', '1.00 CNY'],
    ['full-width digits', '１.００'],
    ['Infinity', 'Infinity'],
    ['NaN', 'NaN'],
    ['hexadecimal', '0x10'],
    ['a trailing newline', '1.00\n'],
  ])('refuses %s (%j)', (_why, text) => {
    const parsed = parseMoney(text, 'CNY');
    expect(parsed.ok, JSON.stringify(parsed)).toBe(false);
    expect(parsed).toEqual({ ok: false, reason: 'must be a decimal string such as "129.90"' });
  });

  test('accepts exactly 10^15 minor units and refuses one more', () => {
    expect(parseMoney('10000000000000.00', 'CNY')).toEqual({ ok: true, minor: MAX_MINOR });
    expect(parseMoney('10000000000000.01', 'CNY')).toEqual({ ok: false, reason: 'is too large' });
    expect(parseMoney('1000000000000000', 'JPY')).toEqual({ ok: true, minor: MAX_MINOR });
    expect(parseMoney('1000000000000001', 'JPY')).toEqual({ ok: false, reason: 'is too large' });
    expect(parseMoney('1000000000000.000', 'KWD')).toEqual({ ok: true, minor: MAX_MINOR });
    expect(parseMoney('1000000000000.001', 'KWD')).toEqual({ ok: false, reason: 'is too large' });
  });

  test('refuses amounts far beyond the bound without losing precision on the way', () => {
    expect(parseMoney('99999999999999999999999.99', 'CNY')).toEqual({ ok: false, reason: 'is too large' });
  });

  test('gives exact integers where a float would not (0.1 + 0.2)', () => {
    const a = parseMoney('0.10', 'CNY');
    const b = parseMoney('0.20', 'CNY');
    expect(a.ok && b.ok && a.minor + b.minor).toBe(30);
    expect(parseMoney('9999999999999.99', 'CNY')).toEqual({ ok: true, minor: 999999999999999 });
  });
});

describe('formatMoney', () => {
  test.each([
    [12990, 'CNY', '129.90'],
    [0, 'CNY', '0.00'],
    [5, 'CNY', '0.05'],
    [50, 'CNY', '0.50'],
    [100, 'USD', '1.00'],
    [150, 'JPY', '150'],
    [0, 'JPY', '0'],
    [1234, 'KWD', '1.234'],
    [7, 'KWD', '0.007'],
    [12345, 'CLF', '1.2345'],
    [MAX_MINOR, 'CNY', '10000000000000.00'],
  ])('writes %i minor units of %s as %j', (minor, currency, text) => {
    expect(formatMoney(minor, currency)).toBe(text);
  });

  test.each([
    [-12990, 'CNY', '-129.90'],
    [-5, 'CNY', '-0.05'],
    [-1, 'KWD', '-0.001'],
    [-150, 'JPY', '-150'],
  ])('writes the negative %i minor units of %s as %j', (minor, currency, text) => {
    expect(formatMoney(minor, currency)).toBe(text);
  });

  test('writes -0 as zero, without a sign', () => {
    expect(formatMoney(-0, 'CNY')).toBe('0.00');
  });
});

// mulberry32: a tiny seeded generator, so a failure names a value that reproduces.
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('parseMoney(formatMoney(x)) round trip', () => {
  const currencies = ['CNY', 'USD', 'JPY', 'KRW', 'KWD', 'BHD', 'CLF'];
  const random = seeded(20261124);
  const values: number[] = [0, 1, 9, 10, 99, 100, 101, 999, 1000, 12990, MAX_MINOR - 1, MAX_MINOR];
  for (let i = 0; i < 300; i++) {
    // Spread over every order of magnitude up to 10^15, not only the large ones.
    const magnitude = Math.floor(random() * 16);
    values.push(Math.min(MAX_MINOR, Math.floor(random() * 10 ** magnitude)));
  }

  test.each(currencies)('gives back every value in %s', (currency) => {
    const failures = values.flatMap((minor) => {
      const text = formatMoney(minor, currency);
      const back = parseMoney(text, currency);
      return back.ok && back.minor === minor ? [] : [{ minor, text, back }];
    });
    expect(failures).toEqual([]);
  });

  test("formats with exactly the currency's minor digits, so the text is canonical", () => {
    for (const currency of currencies) {
      const digits = minorDigits(currency);
      const shape = digits === 0 ? /^(0|[1-9]\d*)$/ : new RegExp(`^(0|[1-9]\\d*)\\.\\d{${digits}}$`);
      const bad = values.map((v) => formatMoney(v, currency)).filter((t) => !shape.test(t));
      expect(bad, currency).toEqual([]);
    }
  });

  test('formatMoney(parseMoney(text)) gives back canonical texts', () => {
    for (const text of ['0.00', '0.01', '129.90', '10000000000000.00']) {
      const parsed = parseMoney(text, 'CNY');
      expect(parsed.ok && formatMoney(parsed.minor, 'CNY')).toBe(text);
    }
  });
});
