import fc from 'fast-check';
import { expect } from 'vitest';
import { type RawRecord, readRecords, type SourceOptions } from '../../src/filings/sources.ts';

/** Request bodies for the parsers' property tests: cut into chunks anywhere, with what breaks parsers. */

export const BOM = '\uFEFF';
export const encode = (text: string) => new TextEncoder().encode(text);

/** The bytes cut at the given points (any point: multi-byte characters are split as often as not). */
function cut(bytes: Uint8Array, points: number[]): Uint8Array[] {
  const at = [...new Set(points.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const parts: Uint8Array[] = [];
  let from = 0;
  for (const to of [...at, bytes.length]) {
    parts.push(bytes.slice(from, to));
    from = to;
  }
  return parts;
}

/** Cut points: none, a few anywhere, or between every byte. */
export const cuts = fc.oneof(fc.array(fc.nat(), { maxLength: 24 }), fc.constant('every byte' as const));

export const chunked = (bytes: Uint8Array, points: number[] | 'every byte') =>
  cut(bytes, points === 'every byte' ? Array.from({ length: bytes.length }, (_, i) => i) : points);

/** The chunks as a request body streams them, one per turn of the event loop. */
export async function* stream(parts: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) {
    await Promise.resolve();
    yield part;
  }
}

/** Text with what breaks parsers: quotes, commas, line breaks of every kind, BOMs, emoji, CJK, NUL. */
export const tricky = fc.string({
  unit: fc.oneof(
    fc.constantFrom('"', ',', '\n', '\r', '\r\n', ' ', '\t', BOM, '\u2028', '\\', '😀', '店', 'é', '\u0000'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 20,
});

/** NDJSON of the records: LF or CRLF, blank lines anywhere, a BOM, a last line with or without its newline. */
export const ndjsonBody = <T>(records: fc.Arbitrary<T[]>) =>
  fc
    .tuple(
      records,
      fc.constantFrom('\n', '\r\n'),
      fc.array(fc.nat({ max: 2 }), { maxLength: 13 }),
      fc.boolean(),
      fc.boolean(),
    )
    .map(([list, eol, blanks, bom, trailing]) => {
      let text = bom ? BOM : '';
      let line = 0;
      /** The 1-based line of each record. */
      const lines: number[] = [];
      list.forEach((record, i) => {
        for (let b = 0; b < (blanks[i] ?? 0); b++, line++) text += i % 2 ? eol : ` \t${eol}`;
        lines.push(++line);
        text += JSON.stringify(record) + (i < list.length - 1 || trailing ? eol : '');
      });
      return { records: list, lines, text };
    });

/** RFC 4180: a cell with a quote, comma or line break is quoted, its quotes doubled; `quoteAll` quotes every cell. */
export const csvCell = (cell: string, quoteAll: boolean) =>
  quoteAll || /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;

/** Line breaks in a cell, as a CSV reader counts lines: CRLF, CR and LF each one. */
export const breaks = (cell: string) => cell.match(/\r\n|\r|\n/g)?.length ?? 0;

/** The codes a whole body may fail with, by format (NDJSON never fails whole: each line has its problem). */
const READ_ERRORS = {
  json: ['malformed_json', 'invalid_encoding', 'invalid_body'],
  csv: ['malformed_csv', 'invalid_encoding', 'unknown_columns', 'missing_columns'],
};

/** readRecords over chunks, collected; `readOrCode` also catches a failure, which must carry one of its format's codes. */
export function reader(defaults: SourceOptions) {
  async function read(
    format: 'json' | 'ndjson' | 'csv',
    parts: Uint8Array[],
    deferParsing = false,
    options: SourceOptions = defaults,
  ) {
    const out: RawRecord[] = [];
    for await (const r of readRecords(format, stream(parts), options, { deferParsing })) out.push(r);
    return out;
  }
  async function readOrCode(format: 'json' | 'csv', parts: Uint8Array[], options: SourceOptions = defaults) {
    try {
      return { records: await read(format, parts, false, options) };
    } catch (err) {
      // Matched by its code, not its class: any error of another kind fails here.
      expect(err, String(err)).toBeInstanceOf(Error);
      expect(READ_ERRORS[format], String(err)).toContain((err as { code?: unknown }).code);
      return { code: (err as { code: string }).code };
    }
  }
  return { read, readOrCode };
}
