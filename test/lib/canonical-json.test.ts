import { describe, expect, test } from 'vitest';
import { canonicalJson } from '../../src/lib/canonical-json.ts';

describe('canonicalJson', () => {
  test.each([
    [null, 'null'],
    [true, 'true'],
    [false, 'false'],
    [0, '0'],
    [-0, '0'],
    [42, '42'],
    [-1.5, '-1.5'],
    [9007199254740991, '9007199254740991'],
    ['', '""'],
    ['a"b\\c\n', '"a\\"b\\\\c\\n"'],
  ])('writes the scalar %j as %s', (value, json) => {
    expect(canonicalJson(value)).toBe(json);
  });

  test('sorts object keys and writes no white space', () => {
    expect(canonicalJson({ b: 1, a: 2, c: { z: true, y: null } })).toBe(
      '{"a":2,"b":1,"c":{"y":null,"z":true}}',
    );
  });

  test('sorts nested objects at every depth, including inside arrays', () => {
    expect(canonicalJson({ z: [{ d: 1, c: [{ f: 1, e: 2 }] }], a: {} })).toBe(
      '{"a":{},"z":[{"c":[{"e":2,"f":1}],"d":1}]}',
    );
  });

  test('keeps the order of array elements', () => {
    expect(canonicalJson([3, 1, 2, 'b', 'a'])).toBe('[3,1,2,"b","a"]');
  });

  test('gives the same text whatever order the keys were inserted in', () => {
    const a = { seller_id: 'S-1', counts: { received: 2, created: 1 }, applied: true };
    const b = { applied: true, counts: { created: 1, received: 2 }, seller_id: 'S-1' };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
  });

  test('sorts keys by UTF-16 code units: upper case before lower, astral before U+E000-U+FFFF', () => {
    // U+1F600 is the surrogate pair D83D DE00, which sorts before U+FF5E although its code point is larger.
    expect(canonicalJson({ b: 1, a: 1, B: 1, '～': 1, '😀': 1, é: 1, 杭: 1 })).toBe(
      '{"B":1,"a":1,"b":1,"é":1,"杭":1,"😀":1,"～":1}',
    );
  });

  test('writes non-ASCII strings as themselves, not as \\u escapes', () => {
    expect(canonicalJson({ name: '杭州示例商贸有限公司', e: '😀' })).toBe(
      '{"e":"😀","name":"杭州示例商贸有限公司"}',
    );
  });

  test('escapes control characters as JSON.stringify does', () => {
    expect(canonicalJson('\u0000\u001f\t')).toBe('"\\u0000\\u001f\\t"');
  });

  test('drops object members whose value is undefined, as JSON.stringify does', () => {
    expect(canonicalJson({ a: 1, b: undefined, c: { d: undefined } })).toBe('{"a":1,"c":{}}');
  });

  test('keeps members whose value is null', () => {
    expect(canonicalJson({ a: null })).toBe('{"a":null}');
  });

  test('refuses an undefined array element rather than writing null in its place', () => {
    expect(() => canonicalJson([1, undefined])).toThrow(TypeError);
  });

  test.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
  ])('refuses %s, at the top and nested', (_name, n) => {
    expect(() => canonicalJson(n)).toThrow(TypeError);
    expect(() => canonicalJson({ a: [1, { b: n }] })).toThrow(TypeError);
  });

  test.each([
    ['a function', () => 1],
    ['a symbol', Symbol('s')],
    ['a bigint', 10n],
    ['undefined', undefined],
  ])('refuses %s', (_name, value) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
    expect(() => canonicalJson({ a: value === undefined ? [value] : value })).toThrow(TypeError);
  });

  test('round-trips through JSON.parse to an equal value', () => {
    const value = { b: [1, 'x', { d: null, c: false }], a: '杭州 😀 "q"' };
    expect(JSON.parse(canonicalJson(value))).toEqual(value);
  });
});
