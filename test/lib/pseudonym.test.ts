import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { seededRandom } from '../../fixtures/generate/random.ts';
import { idCheckCharacter } from '../../src/lib/resident-id.ts';
import { looksLikePersonalData } from '../../src/lib/pseudonym.ts';

// A resident ID number with a valid region, birth date and check character (GB 11643's own example).
const ID = '11010519491231002X';
const ALL_DIGIT_ID = '440524188001010014';
const withCheck = (first17: string) => first17 + idCheckCharacter(first17);

/** Full-width forms of the ASCII in `text`, as a Chinese input method types them. */
const fullWidth = (text: string) =>
  [...text]
    .map((ch) => (ch > ' ' && ch <= '~' ? String.fromCodePoint(ch.codePointAt(0)! + 0xfee0) : ch))
    .join('');

describe('phone numbers', () => {
  test.each([
    ['plain', '13812345678'],
    ['a 19x number', '19912345678'],
    ['dots', '139.1234.5678'],
    ['underscores', '139_1234_5678'],
    ['dashes', '138-1234-5678'],
    ['spaces', '138 1234 5678'],
    ['slashes', '138/1234/5678'],
    ['a backslash', '138\\1234\\5678'],
    ['parentheses', '(138)1234-5678'],
    ['commas', '138,1234,5678'],
    ['pipes', '138|1234|5678'],
    ['colons', '138:1234:5678'],
    ['tildes and stars', '138~1234*5678'],
    ['a middle dot', '138·1234·5678'],
    ['an ideographic comma', '138、1234、5678'],
    ['an em dash', '138—1234—5678'],
    ['a tab and line feeds', '138\t1234\n5678'],
    ['ideographic spaces', '138\u30001234\u30005678'],
    ['every digit apart', '1 3 8 1 2 3 4 5 6 7 8'],
    ['mixed separators', '138-1234.5678'],
    ['+86', '+8613812345678'],
    ['86 without +', '8613812345678'],
    ['0086', '008613812345678'],
    ['+86 and spaces', '+86 138 1234 5678'],
    ['(+86) and dashes', '(+86) 138-1234-5678'],
    ['0086 and dots', '0086.138.1234.5678'],
    ['+86-', '+86-138-1234-5678'],
    ['full-width digits', '１３８１２３４５６７８'],
    ['full-width digits and a full-width hyphen', '１３８－１２３４－５６７８'],
    ['full-width +86', '＋８６ １３８ １２３４ ５６７８'],
    ['mathematical bold digits', '𝟏𝟑𝟖𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖'],
    ['circled digits', '①③⑧①②③④⑤⑥⑦⑧'],
    ['a label before it', 'tel:13812345678'],
    ['a word glued before it', 'tel13812345678'],
    ['a letter glued before it', 'u13812345678'],
    ['a letter glued after it', '13812345678a'],
    ['upper-case letters glued', 'BUYER13812345678'],
    ['a prefix with separators', 'buyer_138_1234_5678'],
    ['Chinese around it', '手机13812345678号'],
    ['a number group before it', '2024 13812345678'],
    ['a word with a digit before it', 'x7-13812345678'],
    ['surrounding spaces', '  13812345678  '],
  ])('%s: %j', (_why, value) => {
    expect(looksLikePersonalData(value)).toBe(true);
  });

  test.each([
    ['with an area code and a dash', '0571-87654321'],
    ['with an area code in parentheses', '(0571)87654321'],
    ['Beijing, 8 digits', '010-62345678'],
    ['a 7-digit number', '0571-8765432'],
    ['the local number in two groups', '0571-8765-4321'],
    ['from abroad', '+86 571 87654321'],
    ['from abroad with 0086', '0086-10-62345678'],
    ['full-width', '０５７１－８７６５４３２１'],
  ])('a landline %s: %j', (_why, value) => {
    expect(looksLikePersonalData(value)).toBe(true);
  });
});

describe('resident ID numbers', () => {
  test.each([
    ['plain', ID],
    ['all digits', ALL_DIGIT_ID],
    ['a lower-case x', ID.toLowerCase()],
    ['spaces', '110105 19491231 002X'],
    ['dashes', '110105-19491231-002x'],
    ['dots', '110105.1949.1231.002X'],
    ['underscores', '110105_19491231_002_X'],
    ['the X apart', '11010519491231002 X'],
    ['full-width', '１１０１０５１９４９１２３１００２Ｘ'],
    ['full-width with a lower-case x', '１１０１０５１９４９１２３１００２ｘ'],
    ['a label', 'id:11010519491231002X'],
    ['a word glued before it', 'sfz11010519491231002x'],
    ['a foreigner permanent residence card (2023)', withCheck('931000' + '19800101' + '001')],
    ['a Taiwan resident residence permit', withCheck('830000' + '19900101' + '002')],
  ])('%s: %j', (_why, value) => {
    expect(looksLikePersonalData(value)).toBe(true);
  });

  test('an 18-digit number that is not a valid ID number (check character) is opaque', () => {
    expect(looksLikePersonalData('11010519491231001X')).toBe(false);
    expect(looksLikePersonalData('440524188001010015')).toBe(false);
  });

  test('nor is one with a region that does not exist, or a birth date that does not', () => {
    expect(looksLikePersonalData(withCheck('99052418800101001'))).toBe(false);
    expect(looksLikePersonalData(withCheck('44052418800230001'))).toBe(false);
  });
});

describe('e-mail addresses', () => {
  test.each([
    ['plain', 'zhang.san@example.com'],
    ['a tag', 'buyer+1@qq.com'],
    ['upper case', 'ZHANG@EXAMPLE.CN'],
    ['a short one', 'a@b.cn'],
    ['a full-width at sign', 'a＠b.cn'],
    ['a small at sign', 'a﹫b.cn'],
    ['all full-width', fullWidth('zhang@example.com')],
    ['a full-width dot', 'a@b．cn'],
    ['an ideographic full stop', 'a@b。cn'],
    ['a half-width ideographic full stop', 'a@b｡cn'],
    ['(at)', 'zhang(at)example.com'],
    ['[at]', 'zhang[at]example.com'],
    ['{at}', 'zhang{at}example.com'],
    ['<at>', 'zhang<at>example.com'],
    ['( at ) with spaces', 'zhang ( at ) example.com'],
    [' at ', 'zhang at example.com'],
    [' AT ', 'zhang AT example.com'],
    ['(at) and (dot)', 'zhang(at)example(dot)com'],
    ['[at] and [dot]', 'zhang[at]example[dot]com'],
    [' at and dot ', 'zhang at example dot com'],
    ['[.]', 'zhang@example[.]com'],
    ['spaces around the signs', 'zhang @ example . com'],
    ['# for @', 'zhang#qq.com'],
    ['a subdomain', 'li.si@mail.example.com.cn'],
    ['【at】', 'zhang【at】example.com'],
    ['full-width parentheses', 'zhang（at）example（dot）com'],
    ['a Chinese address', '张三@例子.中国'],
    ['inside other text', 'buyer:zhang@example.com;'],
  ])('%s: %j', (_why, value) => {
    expect(looksLikePersonalData(value)).toBe(true);
  });
});

describe('opaque pseudonyms', () => {
  test.each([
    ['a short hex pseudonym', 'b7f3c2a9'],
    ['a prefixed number', 'u-1234567'],
    ['a short number', '12345'],
    ['10 digits', '1381234567'],
    ['11 digits that are no mobile number', '12812345678'],
    ['12 digits', '138123456789'],
    ['a mobile number inside a longer number', '9913812345678'],
    ['a 20-digit order number', '20261124138123456789'],
    ['17 digits', '11010519491231002'],
    ['a ULID', '01JDB2Q3X9ZK8V5M7N4P6R8T0W'],
    ['an @ without a domain', 'user@home'],
    ['an @ with a number after it', 'shop@12345'],
    ['a # id', 'order#20261124'],
    ['a date and a sequence', '2026-11-24-000123'],
    ['a time', '2026-11-24T10:15:00'],
    ['a word with "at" in it', 'cat-dog-123'],
    ['"at" between words without a domain', 'meet at noon'],
    ['a masked phone', '138****5678'],
    ['a landline written without its area code apart', '057187654321'],
    ['a mobile number with digits glued to letters on both sides and other digits', 'a1b13812345678c2'],
  ])('%s: %j', (_why, value) => {
    expect(looksLikePersonalData(value)).toBe(false);
  });

  // Hashes and random ids hold long runs of digits by chance: 0.2% of random 32-hex values held an
  // 11-digit run that the old rule took for a phone. Digits in a word with other digits are never judged.
  test('a hex hash holding a mobile number among its letters is opaque', () => {
    expect(looksLikePersonalData('5d41402abc4b2a76b13812345678c592')).toBe(false);
    expect(looksLikePersonalData('ab13812345678cd11010519491231002x')).toBe(false);
  });

  test('a UUID is opaque, even when its groups spell a landline', () => {
    expect(looksLikePersonalData('550e8400-0571-8765-4321-446655440000')).toBe(false);
    expect(looksLikePersonalData('550E8400-E29B-41D4-A716-446655440000')).toBe(false);
  });

  test.each([
    ['MD5 hex', (s: string) => createHash('md5').update(s).digest('hex')],
    ['SHA-1 hex', (s: string) => createHash('sha1').update(s).digest('hex')],
    ['SHA-256 hex', (s: string) => createHash('sha256').update(s).digest('hex')],
    ['SHA-256 upper-case hex', (s: string) => createHash('sha256').update(s).digest('hex').toUpperCase()],
    ['SHA-256 base64', (s: string) => createHash('sha256').update(s).digest('base64')],
    ['SHA-256 base64url', (s: string) => createHash('sha256').update(s).digest('base64url')],
    ['MD5 base64', (s: string) => createHash('md5').update(s).digest('base64')],
  ])('20,000 %s pseudonyms all pass', (_name, hash) => {
    const flagged: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      // Hashes of phone numbers: what a platform that pseudonymises properly sends.
      const value = hash(`1${38_000_000_000 + i * 7919}`);
      if (looksLikePersonalData(value)) flagged.push(value);
    }
    expect(flagged).toEqual([]);
  });

  test('20,000 UUIDs and ULIDs all pass', () => {
    const random = seededRandom(14);
    const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    const flagged: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const ulid = Array.from({ length: 26 }, () => crockford[random.int(0, 31)]).join('');
      for (const value of [randomUUID(), ulid]) if (looksLikePersonalData(value)) flagged.push(value);
    }
    expect(flagged).toEqual([]);
  });
});
