import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { formatMoney, isCurrency, minorDigits, parseMoney } from '../../src/lib/money.ts';

/** Money as decimal strings and integer minor units, in every currency and its minor digits. */
const RUNS = { numRuns: 300 };
const MAX_MINOR = 10 ** 15;

// The currencies a filing may use, and the 4-digit funds CLF and UYW, which this runtime's Intl does not
// list (so isCurrency refuses them) but whose minor digits money.ts knows.
const CURRENCIES = [...Intl.supportedValuesOf('currency').filter(isCurrency), 'CLF', 'UYW'];
const currency = fc.constantFrom(...CURRENCIES);
const minor = fc.integer({ min: 0, max: MAX_MINOR });

/** What a decimal string is worth in minor units, by the digits alone (BigInt: no float anywhere). */
function exactMinor(whole: bigint, fraction: string, digits: number): bigint {
  return whole * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, '0') || '0');
}

/** A well-formed amount in `cur`: a whole part and at most its minor digits. */
const amount = currency.chain((cur) =>
  fc
    .tuple(
      fc.bigInt({ min: 0n, max: 10n ** 13n }),
      fc.stringMatching(new RegExp(`^\\d{0,${minorDigits(cur)}}$`)),
    )
    .map(([whole, fraction]) => ({
      cur,
      whole,
      fraction,
      text: fraction ? `${whole}.${fraction}` : `${whole}`,
    })),
);

test('the currencies tried cover every count of minor digits ISO 4217 has', () => {
  expect(new Set(CURRENCIES.map(minorDigits))).toEqual(new Set([0, 2, 3, 4]));
});

describe('parseMoney and formatMoney', () => {
  test('parse(format(x)) = x for every count of minor units in every currency', () => {
    fc.assert(
      fc.property(currency, minor, (cur, m) => {
        expect(parseMoney(formatMoney(m, cur), cur)).toEqual({ ok: true, minor: m });
      }),
      RUNS,
    );
  });

  test('format writes exactly the currency’s minor digits, with no leading zero', () => {
    fc.assert(
      fc.property(currency, minor, (cur, m) => {
        const digits = minorDigits(cur);
        const text = formatMoney(m, cur);
        expect(text).toMatch(
          new RegExp(digits === 0 ? '^(0|[1-9]\\d*)$' : `^(0|[1-9]\\d*)\\.\\d{${digits}}$`),
        );
        expect(formatMoney(-m, cur)).toBe(m === 0 ? text : `-${text}`);
      }),
      RUNS,
    );
  });

  test('a decimal string is read digit for digit, never through a float', () => {
    fc.assert(
      fc.property(amount, ({ cur, whole, fraction, text }) => {
        const parsed = parseMoney(text, cur);
        const expected = exactMinor(whole, fraction, minorDigits(cur));
        if (expected > BigInt(MAX_MINOR)) expect(parsed).toEqual({ ok: false, reason: 'is too large' });
        else expect(parsed).toEqual({ ok: true, minor: Number(expected) });
      }),
      RUNS,
    );
  });

  test('refuses more decimals than the currency has, whatever the digits', () => {
    fc.assert(
      fc.property(
        currency.chain((cur) =>
          fc
            .tuple(
              fc.nat({ max: 10 ** 6 }),
              fc.integer({ min: minorDigits(cur) + 1, max: minorDigits(cur) + 6 }),
            )
            .chain(([whole, n]) =>
              fc.stringMatching(new RegExp(`^\\d{${n}}$`)).map((f) => ({ cur, text: `${whole}.${f}` })),
            ),
        ),
        ({ cur, text }) => {
          const parsed = parseMoney(text, cur);
          expect(parsed.ok, `${text} ${cur}`).toBe(false);
          expect(!parsed.ok && parsed.reason).toMatch(/minor digit/);
        },
      ),
      RUNS,
    );
  });

  test('refuses signs, exponents, separators, white space and leading zeros around a valid amount', () => {
    const decorated = fc
      .tuple(amount, fc.constantFrom('-', '+', ' ', '0', '¥', '\u00a0'), fc.boolean())
      .map(([a, extra, before]) => ({
        cur: a.cur,
        text: before ? extra + a.text : a.text + extra.replace('0', 'e0'),
      }));
    const grouped = fc.integer({ min: 1000, max: 10 ** 9 }).map((n) => n.toLocaleString('en-US'));
    fc.assert(
      fc.property(
        fc.oneof(
          decorated,
          grouped.map((text) => ({ cur: 'CNY', text })),
        ),
        ({ cur, text }) => {
          expect(parseMoney(text, cur).ok, JSON.stringify(text)).toBe(false);
        },
      ),
      RUNS,
    );
  });

  test('never throws on any text, and what it accepts formats back to the same value', () => {
    fc.assert(
      fc.property(
        currency,
        fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.stringMatching(/^[0-9.]{1,24}$/)),
        (cur, text) => {
          const parsed = parseMoney(text, cur);
          if (parsed.ok) {
            expect(Number.isSafeInteger(parsed.minor)).toBe(true);
            expect(parsed.minor).toBeLessThanOrEqual(MAX_MINOR);
            expect(parseMoney(formatMoney(parsed.minor, cur), cur)).toEqual(parsed);
          } else expect(parsed.reason).toEqual(expect.any(String));
        },
      ),
      RUNS,
    );
  });
});
