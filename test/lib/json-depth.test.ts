import { describe, expect, test } from 'vitest';
import { cutDeepJson, nestsDeeperThan, valueNestsDeeperThan } from '../../src/lib/json-depth.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (b: Uint8Array) => new TextDecoder().decode(b);
const nested = (levels: number, inner = '1') => '['.repeat(levels) + inner + ']'.repeat(levels);

describe('nestsDeeperThan', () => {
  test.each([
    ['a scalar', '1', 0],
    ['a string', '"x"', 0],
    ['an empty object', '{}', 1],
    ['an order', '{"items":[{"sku":"a","quantity":1}],"total":"1.00"}', 3],
    ['mixed objects and arrays', '{"a":[{"b":[{"c":[]}]}]}', 6],
    ['siblings do not add up', '[[1],[2],[3],{"a":{}}]', 3],
  ])('%s (%s) nests %i deep', (_why, json, depth) => {
    expect(nestsDeeperThan(bytes(json), depth)).toBe(false);
    if (depth > 0) expect(nestsDeeperThan(bytes(json), depth - 1)).toBe(true);
  });

  test.each([
    ['brackets inside a string', '{"a":"[[[[[[[[[[{{{{{{{{"}'],
    ['an escaped quote inside a string', '{"a":"\\"[[[[[[[[[[[[[["}'],
    ['escaped backslashes before a closing quote', '{"a":"\\\\","b":"[[[[[[[[[["}'],
    ['a unicode escape', '{"a":"\\u005b[[[[[[[[[["}'],
    ['CJK text around brackets', '{"名称":"【杭州】[[[[[[[[[["}'],
  ])('%s count for nothing', (_why, json) => {
    expect(nestsDeeperThan(bytes(json), 1)).toBe(false);
  });

  test('an odd run of backslashes escapes the quote, an even run does not', () => {
    // "\\\"[[[": three backslashes escape the quote, so the brackets stay inside the string.
    expect(nestsDeeperThan(bytes('["\\\\\\"[[[[["]'), 1)).toBe(false);
    // "\\\\" then a closing quote: the brackets after it are structure.
    expect(nestsDeeperThan(bytes('["\\\\\\\\",[[[[1]]]]]'), 1)).toBe(true);
  });

  test('stops at the first level past the limit, whatever follows', () => {
    expect(nestsDeeperThan(bytes('['.repeat(17)), 16)).toBe(true);
    expect(nestsDeeperThan(bytes(nested(16)), 16)).toBe(false);
    expect(nestsDeeperThan(bytes(nested(3_000_000)), 16)).toBe(true);
  });

  test('stray closing brackets do not buy room for deeper nesting', () => {
    expect(nestsDeeperThan(bytes(`]]]]]]]]]]${nested(17)}`), 16)).toBe(true);
  });

  test('an unterminated string hides what follows (the parser refuses it anyway)', () => {
    expect(nestsDeeperThan(bytes(`["abc${'['.repeat(50)}`), 16)).toBe(false);
  });
});

describe('cutDeepJson', () => {
  test('leaves text within the cap as it is and says how deep it went', () => {
    const b = bytes('{"records":[{"items":[{"a":1}]}]}');
    expect(cutDeepJson(b, 5)).toBe(5);
    expect(text(b)).toBe('{"records":[{"items":[{"a":1}]}]}');
  });

  test('cuts a container past the cap down to [], keeping length and line feeds', () => {
    const json = `[{"a":1},{"deep":${nested(10, '"x\\n\\"]"')}},\n{"b":2}]`;
    const b = bytes(json);
    expect(cutDeepJson(b, 3)).toBe(4);
    const cut = text(b);
    expect(cut.length).toBe(json.length);
    // The array that opens at level 3 stays, the one inside it (level 4) is cut to [].
    expect(JSON.parse(cut)).toEqual([{ a: 1 }, { deep: [[]] }, { b: 2 }]);
  });

  test('keeps the line feeds inside a cut container, so later errors keep their line', () => {
    const json = `[{"deep":[[[\n[\n1\n]\n]]]},\n{"b" 2}]`;
    const b = bytes(json);
    cutDeepJson(b, 3);
    expect(text(b).split('\n')).toHaveLength(json.split('\n').length);
  });

  test('cuts every deep container, not only the first', () => {
    const b = bytes(`[${nested(20)},{"x":1},${nested(30)}]`);
    cutDeepJson(b, 4);
    expect(JSON.parse(text(b))).toEqual([[[[[]]]], { x: 1 }, [[[[]]]]]);
  });

  test('an unclosed deep container is cut to the end: the parser still refuses the text at its end', () => {
    const json = `[{"a":1},${'['.repeat(100)}`;
    const b = bytes(json);
    cutDeepJson(b, 3);
    expect(text(b).trimEnd()).toBe('[{"a":1},[[[]');
    expect(() => JSON.parse(text(b))).toThrow(SyntaxError);
  });

  test('3,000,000 levels are cut in well under a second', () => {
    const b = bytes(`[${nested(3_000_000)}]`);
    const started = performance.now();
    expect(cutDeepJson(b, 18)).toBe(19);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(JSON.parse(text(b))).toHaveLength(1);
  });
});

describe('valueNestsDeeperThan', () => {
  test.each([
    [1, 0],
    [{}, 1],
    [[[[]]], 3],
    [{ items: [{ sku: 'a' }] }, 3],
    [{ a: [1, 2, { b: [] }] }, 4],
  ])('%j nests %i deep', (value, depth) => {
    expect(valueNestsDeeperThan(value, depth)).toBe(false);
    if (depth > 0) expect(valueNestsDeeperThan(value, depth - 1)).toBe(true);
  });

  test('does not overflow on a value far deeper than the limit', () => {
    let value: unknown = 1;
    for (let i = 0; i < 100_000; i++) value = [value];
    expect(valueNestsDeeperThan(value, 16)).toBe(true);
  });
});
