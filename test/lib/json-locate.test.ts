import { describe, expect, test } from 'vitest';
import { locateJsonError } from '../../src/lib/json-locate.ts';

/** Asserts that JSON.parse refuses `text` (the scanner only runs then) and returns the location found. */
function locate(text: string) {
  expect(() => JSON.parse(text), 'the case must be malformed JSON').toThrow(SyntaxError);
  return locateJsonError(text);
}

/** 1-based line and column of the first occurrence of `marker` in `text`. */
function positionOf(text: string, marker: string) {
  const offset = text.indexOf(marker);
  if (offset < 0) throw new Error(`marker ${marker} not in the case`);
  const before = text.slice(0, offset);
  return { offset, line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

describe('locateJsonError', () => {
  // Each case marks the character where the JSON goes wrong with ⟦ ⟧ around it in `marked`.
  test.each([
    ['a trailing comma in an object', '{"a":1,⟦}⟧'],
    ['a trailing comma in an array', '[1,2,⟦]⟧'],
    ['a missing colon', '{"a" ⟦1⟧}'],
    ['an unquoted key', '{⟦a⟧:1}'],
    ['a single-quoted string', "[⟦'⟧a']"],
    ['a missing comma in an array', '[1 ⟦2⟧]'],
    ['a missing comma in an object', '{"a":1 ⟦"⟧b":2}'],
    ['an unknown value', '{"a":⟦x⟧}'],
    ['NaN', '[⟦N⟧aN]'],
    ['a leading zero', '[0⟦1⟧]'],
    ['a fraction without digits', '[1⟦.⟧]'],
    ['an exponent without digits', '[1⟦e⟧]'],
    ['a bad escape', '["a⟦\\⟧q"]'],
    ['a bad \\u escape', '["⟦\\⟧u12G4"]'],
    ['a raw tab inside a string', '["a⟦\t⟧b"]'],
    ['a raw newline inside a string', '["a⟦\n⟧b"]'],
    ['text after the value', '[1]⟦x⟧'],
    ['a second value', '{} ⟦{⟧}'],
    ['a missing value after a colon', '{"a":[1,{"b":⟦}⟧]}'],
    ['an error on a later line', '[\n  {"a": 1},\n  {"a": 2}\n  ⟦{⟧"a": 3}\n]'],
    ['an error on a later CRLF line', '[\r\n1,\r\n⟦x⟧]'],
    ['an error after CJK text', '[{"名称":"杭州示例"},⟦,⟧ 1]'],
    ['an error at the start of a later line', '{"a":1}\n\n⟦,⟧'],
  ])('%s', (_why, marked) => {
    const text = marked.replace('⟦', '').replace('⟧', '');
    const where = locate(text);
    const expected = positionOf(marked.replace('⟧', ''), '⟦');
    expect(where, JSON.stringify(where)).toMatchObject(expected);
    expect(where.expected).not.toBe('valid JSON');
  });

  test.each([
    ['the empty text', ''],
    ['an unclosed array', '[1,2'],
    ['an unclosed object', '{"a":1'],
    ['an unclosed string', '["abc'],
    ['white space only', ' \n '],
  ])('points at the end of %s', (_why, text) => {
    const where = locate(text);
    expect(where.offset).toBe(text.length);
    const lines = text.split('\n');
    expect(where.line).toBe(lines.length);
    expect(where.column).toBe(lines.at(-1)!.length + 1);
  });

  test('says the body ended early when no value came at all', () => {
    expect(locate('').expected).toBe('more input (the body ended early)');
    expect(locate('{"a":').expected).toBe('more input (the body ended early)');
    expect(locate('["abc').expected).toBe('the end of the string');
  });

  test('names what it expected', () => {
    expect(locate('{"a" 1}').expected).toBe("':' after the property name");
    expect(locate('[1 2]').expected).toBe("',' or ']'");
    expect(locate('{a:1}').expected).toBe('a property name in double quotes');
  });

  test('never quotes the input in what it returns', () => {
    const where = locate('{"id_number": "11010519491231002X" oops}');
    expect(JSON.stringify(where)).not.toContain('11010519491231002X');
    expect(JSON.stringify(where)).not.toContain('oops');
  });

  test('finds the error after a number longer than 400 digits', () => {
    const marked = `[${'1'.repeat(500)}, ⟦x⟧]`;
    const text = marked.replace('⟦', '').replace('⟧', '');
    expect(locate(text)).toMatchObject(positionOf(marked.replace('⟧', ''), '⟦'));
  });

  test('finds an error at depth 500', () => {
    const text = `${'['.repeat(500)}x${']'.repeat(500)}`;
    expect(locate(text)).toMatchObject({ offset: 500, line: 1, column: 501 });
  });

  test.each([10_000, 1_000_000])('does not overflow the stack on %i unclosed brackets', (n) => {
    const text = '['.repeat(n);
    let where: ReturnType<typeof locateJsonError> | undefined;
    expect(() => {
      where = locateJsonError(text);
    }).not.toThrow();
    expect(where!.line).toBe(1);
    expect(where!.offset).toBeGreaterThan(0);
    expect(where!.offset).toBeLessThanOrEqual(n);
    expect(where!.column).toBe(where!.offset + 1);
  });

  test('does not overflow the stack on deeply nested objects', () => {
    const text = '{"a":'.repeat(100_000);
    expect(() => locateJsonError(text)).not.toThrow();
  });

  test('never throws, whatever the input', () => {
    const samples = [
      '\u0000',
      '\uFEFF[]',
      '"\\',
      '"\\u',
      '-',
      '--1',
      '[-]',
      'tru',
      'nul',
      '[1,]]',
      '}',
      ']',
      ':',
      '\ud800',
    ];
    // Plus every prefix of a realistic body: each is a truncated upload.
    const body =
      '[{"seller_id":"S-1","legal_name":"杭州示例","n":-1.5e+3,"ok":true,"x":null,"e":"\\u00e9\\n"}]';
    for (let i = 0; i < body.length; i++) samples.push(body.slice(0, i));
    for (const text of samples) {
      const where = locateJsonError(text);
      expect(where.offset, JSON.stringify(text)).toBeGreaterThanOrEqual(0);
      expect(where.offset, JSON.stringify(text)).toBeLessThanOrEqual(text.length);
      expect(where.line, JSON.stringify(text)).toBeGreaterThanOrEqual(1);
      expect(where.column, JSON.stringify(text)).toBeGreaterThanOrEqual(1);
    }
  });

  test('on text JSON.parse accepts, reports its end', () => {
    expect(locateJsonError('{"a":[1,2]}')).toMatchObject({ offset: 11, expected: 'valid JSON' });
  });
});
