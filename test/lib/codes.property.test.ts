import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { isValidUscc, normalizeUscc, usccCheckCharacter } from '../../crawlers/lib/uscc.ts';
import { idCheckCharacter, isValidIdNumber, normalizeIdNumber } from '../../src/lib/resident-id.ts';

/**
 * The check characters of unified social credit codes (GB 32100-2015) and resident ID numbers
 * (GB 11643-1999, ISO 7064 MOD 11-2), stated as the standards define them rather than as the code
 * computes them: any code built by the rule passes, any single change fails.
 */
const RUNS = { numRuns: 300 };

// GB 32100-2015: 31 characters, the Latin letters without I, O, Z, S, V; weights 3^i mod 31.
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const usccValue = (ch: string) => USCC_ALPHABET.indexOf(ch);
const usccWeight = (i: number) => 3 ** i % 31;
// ISO 7064 MOD 11-2: weights 2^(17-i) mod 11, the check value read as 10 for X.
const idWeight = (i: number) => 2 ** (17 - i) % 11;
const idValue = (ch: string) => (ch === 'X' ? 10 : Number(ch));
const PROVINCES = [
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61,
  62, 63, 64, 65, 71, 81, 82, 83,
];
const TODAY = new Date('2026-06-30T00:00:00Z');

const usccChar = fc.constantFrom(...USCC_ALPHABET);
const usccBody = fc
  .tuple(
    fc.constantFrom(...'123456789ANY'),
    usccChar,
    fc.stringMatching(/^\d{6}$/),
    fc.array(usccChar, { minLength: 9, maxLength: 9 }),
  )
  .map(([authority, kind, region, rest]) => `${authority}${kind}${region}${rest.join('')}`);
const validUscc = usccBody.map((body) => body + usccCheckCharacter(body));

const birthDate = fc
  .date({ min: new Date('1850-01-01T00:00:00Z'), max: TODAY, noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10).replaceAll('-', ''));
const idBody = fc
  .tuple(
    fc.boolean(),
    fc.constantFrom(...PROVINCES),
    fc.stringMatching(/^\d{4}$/),
    birthDate,
    fc.stringMatching(/^\d{3}$/),
  )
  // A foreigner's permanent residence card puts a 9 before the province code, in the same 6 places.
  .map(([foreigner, province, rest, born, sequence]) =>
    foreigner ? `9${province}${rest.slice(1)}${born}${sequence}` : `${province}${rest}${born}${sequence}`,
  );
const validId = idBody.map((body) => body + idCheckCharacter(body));

/** Characters a typist could put in a code's place: both alphabets, the letters left out, lower case, full width, punctuation. */
const anyCodeChar = fc.oneof(
  fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_. '),
  fc.integer({ min: 0xff10, max: 0xff5a }).map((cp) => String.fromCodePoint(cp)),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);

/** The code with one character replaced by another. */
const oneChanged = (code: fc.Arbitrary<string>) =>
  fc
    .tuple(code, fc.nat({ max: 17 }), anyCodeChar)
    .filter(([c, i, ch]) => c[i] !== ch)
    .map(([c, i, ch]) => ({ code: c, changed: c.slice(0, i) + ch + c.slice(i + 1) }));

/** The code as typed carelessly: full-width forms, lower case and white space of every kind in between. */
const carelesslyTyped = (code: fc.Arbitrary<string>) =>
  code.chain((c) =>
    fc
      .tuple(
        fc.array(fc.tuple(fc.boolean(), fc.boolean()), { minLength: c.length, maxLength: c.length }),
        fc.array(fc.constantFrom('', ' ', '\t', '\u3000', '\u00a0', '\n', '  '), {
          minLength: c.length + 1,
          maxLength: c.length + 1,
        }),
      )
      .map(([forms, gaps]) => ({
        code: c,
        typed:
          [...c]
            .map((ch, i) => {
              const [wide, lower] = forms[i]!;
              const cased = lower ? ch.toLowerCase() : ch;
              return gaps[i]! + (wide ? String.fromCodePoint(cased.codePointAt(0)! + 0xfee0) : cased);
            })
            .join('') + gaps[c.length],
      })),
  );

describe('unified social credit code', () => {
  test('a code built by the rule passes: its 18 values weighted by 3^i sum to 0 mod 31', () => {
    fc.assert(
      fc.property(validUscc, (code) => {
        const sum = [...code].reduce((s, ch, i) => s + usccValue(ch) * (i < 17 ? usccWeight(i) : 1), 0);
        expect(sum % 31).toBe(0);
        expect(isValidUscc(code)).toBe(true);
      }),
      RUNS,
    );
  });

  test('exactly one of the 31 check characters completes a body', () => {
    fc.assert(
      fc.property(usccBody, (body) => {
        const passing = [...USCC_ALPHABET].filter((ch) => isValidUscc(body + ch));
        expect(passing).toEqual([usccCheckCharacter(body)]);
      }),
      RUNS,
    );
  });

  test('any single changed character fails', () => {
    fc.assert(
      fc.property(oneChanged(validUscc), ({ code, changed }) => {
        expect(isValidUscc(changed), `${code} → ${changed}`).toBe(false);
      }),
      RUNS,
    );
  });

  test('any swap of two different neighbours among the first 17 fails', () => {
    fc.assert(
      fc.property(validUscc, fc.nat({ max: 15 }), (code, i) => {
        fc.pre(code[i] !== code[i + 1]);
        const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
        expect(isValidUscc(swapped), `${code} → ${swapped}`).toBe(false);
      }),
      RUNS,
    );
  });

  test('a carelessly typed code normalises to the code', () => {
    fc.assert(
      fc.property(carelesslyTyped(validUscc), ({ code, typed }) => {
        expect(normalizeUscc(typed)).toBe(code);
        expect(isValidUscc(normalizeUscc(typed))).toBe(true);
      }),
      RUNS,
    );
  });

  test('normalising is idempotent on any text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' })), (text) => {
        const once = normalizeUscc(text);
        expect(normalizeUscc(once)).toBe(once);
        expect(once).not.toMatch(/\s/u);
      }),
      RUNS,
    );
  });

  test('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (text) => {
        expect(typeof isValidUscc(normalizeUscc(text))).toBe('boolean');
      }),
      RUNS,
    );
  });
});

describe('resident ID number', () => {
  test('a number built by the rule passes: its values weighted by 2^(17-i) sum to 1 mod 11', () => {
    fc.assert(
      fc.property(validId, (id) => {
        const sum = [...id].reduce((s, ch, i) => s + idValue(ch) * idWeight(i), 0);
        expect(sum % 11).toBe(1);
        expect(isValidIdNumber(id, TODAY)).toBe(true);
      }),
      RUNS,
    );
  });

  test('any single changed character fails', () => {
    fc.assert(
      fc.property(oneChanged(validId), ({ code, changed }) => {
        expect(isValidIdNumber(changed, TODAY), `${code} → ${changed}`).toBe(false);
      }),
      RUNS,
    );
  });

  test('a birth date that does not exist or is after today fails, even with the right check character', () => {
    const impossible = fc
      .tuple(
        fc.integer({ min: 1850, max: 2025 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
      )
      .filter(([y, m, d]) => d > new Date(Date.UTC(y, m, 0)).getUTCDate())
      .map(([y, m, d]) => `${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`);
    const future = fc
      .date({
        min: new Date(TODAY.getTime() + 86_400_000),
        max: new Date('2999-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10).replaceAll('-', ''));
    fc.assert(
      fc.property(fc.oneof(impossible, future), fc.stringMatching(/^\d{3}$/), (born, sequence) => {
        const body = `330106${born}${sequence}`;
        expect(isValidIdNumber(body + idCheckCharacter(body), TODAY), body).toBe(false);
      }),
      RUNS,
    );
  });

  test('a region that is no province fails, even with the right check character', () => {
    // 90-99 are not provinces but a foreigner's card: a 9, then the province.
    const notProvince = fc.integer({ min: 0, max: 89 }).filter((p) => !PROVINCES.includes(p));
    fc.assert(
      fc.property(notProvince, fc.boolean(), birthDate, (province, foreigner, born) => {
        const region = String(province).padStart(2, '0');
        const body = `${foreigner ? `9${region}106` : `${region}0106`}${born}001`;
        expect(isValidIdNumber(body + idCheckCharacter(body), TODAY), body).toBe(false);
      }),
      RUNS,
    );
  });

  test('a carelessly typed number normalises to the number', () => {
    fc.assert(
      fc.property(carelesslyTyped(validId), ({ code, typed }) => {
        expect(normalizeIdNumber(typed)).toBe(code);
        expect(isValidIdNumber(normalizeIdNumber(typed), TODAY)).toBe(true);
      }),
      RUNS,
    );
  });

  test('normalising is idempotent on any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const once = normalizeIdNumber(text);
        expect(normalizeIdNumber(once)).toBe(once);
      }),
      RUNS,
    );
  });
});
