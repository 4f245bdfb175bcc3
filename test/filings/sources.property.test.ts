import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  type LineBatch,
  lineBatchTransfer,
  linesOf,
  ndjsonBatches,
  parseLine,
  type RawRecord,
  type SourceOptions,
} from '../../src/filings/sources.ts';
import {
  BOM,
  breaks,
  chunked,
  csvCell,
  cuts,
  encode,
  ndjsonBody as ndjsonOf,
  reader,
  stream,
  tricky,
} from '../helpers/chunked-bodies.ts';

/**
 * The body parsers against any list of records: written as a JSON array, NDJSON or CSV and cut into
 * chunks anywhere (inside multi-byte characters too), they read back the same records at the same
 * positions; any malformed body ends in a problem with a stable code, never another error or a hang.
 */
const RUNS = { numRuns: 150, timeout: 5_000 };

const FIELDS = ['seller_id', 'subject_type', 'legal_name', 'store_name', 'store_url', 'uscc', 'address'];
const OPTIONS: SourceOptions = {
  fields: FIELDS,
  requiredColumns: ['seller_id', 'store_name'],
  maxRecordBytes: 1 << 20,
};
const { read, readOrCode } = reader(OPTIONS);
const LINE_PROBLEMS = ['malformed_json', 'invalid_encoding', 'invalid_type', 'record_too_large'];

const key = fc.oneof(fc.constantFrom(...FIELDS), tricky).filter((k) => k !== '__proto__');
const jsonRecord = fc.dictionary(key, fc.oneof(tricky, fc.jsonValue({ maxDepth: 2 })), { maxKeys: 6 });
const jsonRecords = fc.array(jsonRecord, { maxLength: 12 });

const ndjsonBody = ndjsonOf(jsonRecords);
const values = (records: RawRecord[]) => records.map((r) => ('value' in r ? r.value : r));
/** The records as JSON carries them (-0 is written 0). */
const asJson = (records: unknown) => JSON.parse(JSON.stringify(records)) as unknown;

describe('json', () => {
  test('an array of records, or {"records": [...]}, reads back whole, however the bytes are cut', async () => {
    await fc.assert(
      fc.asyncProperty(
        jsonRecords,
        fc.boolean(),
        fc.constantFrom(undefined, 2),
        fc.boolean(),
        cuts,
        async (records, wrapped, indent, bom, points) => {
          const text = (bom ? BOM : '') + JSON.stringify(wrapped ? { records } : records, null, indent);
          const read_ = await read('json', chunked(encode(text), points));
          expect(read_.map((r) => r.position)).toEqual(records.map((_, index) => ({ index })));
          expect(values(read_)).toEqual(asJson(records));
        },
      ),
      RUNS,
    );
  });

  test('a body cut short is malformed_json, or invalid_encoding when the cut splits a character', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(jsonRecord, { minLength: 1, maxLength: 6 }),
        fc.nat(),
        cuts,
        async (records, at, points) => {
          const bytes = encode(JSON.stringify(records));
          const short = bytes.slice(0, at % bytes.length);
          const result = await readOrCode('json', chunked(short, points));
          expect(result.code, JSON.stringify(result)).toMatch(/^(malformed_json|invalid_encoding)$/);
        },
      ),
      RUNS,
    );
  });

  test('any bytes read as records or fail with malformed_json, invalid_encoding or invalid_body', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.uint8Array({ maxLength: 64 }), tricky.map(encode)),
        cuts,
        async (bytes, points) => {
          await readOrCode('json', chunked(bytes, points));
        },
      ),
      RUNS,
    );
  });
});

describe('ndjson', () => {
  test('records read back at their lines, however the bytes are cut, parsed at once or later', async () => {
    await fc.assert(
      fc.asyncProperty(ndjsonBody, cuts, fc.boolean(), async ({ records, lines, text }, points, defer) => {
        const read_ = (await read('ndjson', chunked(encode(text), points), defer)).map(parseLine);
        expect(read_.map((r) => r.position)).toEqual(lines.map((line) => ({ line })));
        expect(values(read_)).toEqual(asJson(records));
      }),
      RUNS,
    );
  });

  test('a broken line costs only that line', async () => {
    const broken = fc.constantFrom(
      { bytes: [0xff, 0x7b, 0x7d], code: 'invalid_encoding' },
      { bytes: [...encode('{"a":')], code: 'malformed_json' },
      { bytes: [...encode('[1,2]')], code: 'invalid_type' },
      { bytes: [...encode('{"店":"')], code: 'malformed_json' },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(jsonRecord, { minLength: 1, maxLength: 8 }),
        fc.nat(),
        broken,
        cuts,
        async (records, at, bad, points) => {
          const index = at % records.length;
          const lines = records.map((r) => encode(JSON.stringify(r)));
          lines[index] = Uint8Array.from(bad.bytes);
          const bytes = Uint8Array.from(lines.flatMap((l) => [...l, 0x0a]));
          const read_ = await read('ndjson', chunked(bytes, points));
          expect(read_.map((r) => r.position)).toEqual(records.map((_, i) => ({ line: i + 1 })));
          read_.forEach((r, i) => {
            if (i === index) expect('problem' in r && r.problem.code).toBe(bad.code);
            else expect('value' in r && r.value).toEqual(asJson(records[i]));
          });
        },
      ),
      RUNS,
    );
  });

  test('a line of at most maxRecordBytes is read, a longer one is record_too_large alone, however cut', async () => {
    const small = { ...OPTIONS, maxRecordBytes: 64 };
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: fc.constantFrom('x', 'é', '店', '😀'), maxLength: 40 }),
        cuts,
        async (text, points) => {
          const line = JSON.stringify({ a: text });
          const bytes = encode(`${line}\n{"b":1}\n`);
          const read_ = await read('ndjson', chunked(bytes, points), false, small);
          const tooLarge = encode(line).length > small.maxRecordBytes;
          expect(read_.map((r) => ('problem' in r ? r.problem.code : 'value' in r && r.value))).toEqual([
            tooLarge ? 'record_too_large' : { a: text },
            { b: 1 },
          ]);
        },
      ),
      RUNS,
    );
  });

  test('batches of any size, moved to another thread, hold the records read a line at a time', async () => {
    // Lines of any bytes (blank ones, a BOM, broken and too large ones among them), cut anywhere.
    const line = fc.oneof(
      jsonRecord.map((r) => encode(JSON.stringify(r))),
      fc.constantFrom(encode(''), encode('  \r'), encode('{"a":'), Uint8Array.from([0xff, 0x7b])),
      fc.string({ unit: fc.constantFrom('x', '店'), minLength: 20, maxLength: 40 }).map(encode),
    );
    const small = { ...OPTIONS, maxRecordBytes: 48 };
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { maxLength: 14 }),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 1, max: 6 }),
        cuts,
        async (lines, bom, lastBreak, size, points) => {
          const joined = lines.flatMap((l, i) => [
            ...l,
            ...(i < lines.length - 1 || lastBreak ? [0x0a] : []),
          ]);
          const bytes = Uint8Array.from([...(bom ? encode(BOM) : []), ...joined]);
          const one = (await read('ndjson', chunked(bytes, points), false, small)).map(parseLine);
          const batched: RawRecord[] = [];
          for await (const batch of ndjsonBatches(stream(chunked(bytes, points)), small, size)) {
            expect(batch.ends.length).toBeLessThanOrEqual(size);
            // As a check worker gets it: cloned, its buffers transferred (gone from this side).
            const moved = structuredClone(batch, { transfer: lineBatchTransfer(batch) }) as LineBatch;
            expect(batch.bytes.byteLength).toBe(0);
            batched.push(...Array.from(linesOf(moved), parseLine));
          }
          expect(batched).toEqual(one);
        },
      ),
      RUNS,
    );
  });

  test('any bytes read without throwing: each line a record or a problem with a known code', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.uint8Array({ maxLength: 64 }), tricky.map(encode)),
        cuts,
        async (bytes, points) => {
          for (const r of await read('ndjson', chunked(bytes, points))) {
            if ('problem' in r) expect(LINE_PROBLEMS).toContain(r.problem.code);
            else expect('value' in r && typeof r.value).toBe('object');
          }
        },
      ),
      RUNS,
    );
  });
});

/** A CSV table: the required columns and some others in any order, rows of non-empty cells. */
const csvTable = fc
  .tuple(fc.shuffledSubarray(FIELDS.filter((f) => !OPTIONS.requiredColumns.includes(f))), fc.boolean())
  .chain(([optional, requiredFirst]) => {
    const header = requiredFirst
      ? [...OPTIONS.requiredColumns, ...optional]
      : [...optional, ...OPTIONS.requiredColumns];
    const cell = tricky.filter((s) => s !== '');
    return fc
      .array(fc.array(cell, { minLength: header.length, maxLength: header.length }), { maxLength: 10 })
      .map((rows) => ({ header, rows }));
  });

describe('csv', () => {
  test('rows read back as records at the line they start on, however the bytes are cut', async () => {
    await fc.assert(
      fc.asyncProperty(
        csvTable,
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.boolean(),
        cuts,
        async ({ header, rows }, eol, quoteAll, bom, points) => {
          const text =
            (bom ? BOM : '') +
            [header, ...rows].map((row) => row.map((c) => csvCell(c, quoteAll)).join(',') + eol).join('');
          const expected: { line: number; value: Record<string, string> }[] = [];
          let line = 2;
          for (const row of rows) {
            expected.push({ line, value: Object.fromEntries(header.map((h, i) => [h, row[i]!])) });
            line += 1 + row.reduce((n, c) => n + breaks(c), 0);
          }
          const read_ = await read('csv', chunked(encode(text), points));
          expect(
            read_.map((r) =>
              'value' in r ? { line: (r.position as { line: number }).line, value: r.value } : r,
            ),
            text,
          ).toEqual(expected);
        },
      ),
      RUNS,
    );
  });

  test('any text or bytes under a valid header read as records or fail with a known code, never hang', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.uint8Array({ maxLength: 64 }), tricky.map(encode)),
        fc.boolean(),
        cuts,
        async (body, withHeader, points) => {
          const bytes = withHeader ? Uint8Array.from([...encode('seller_id,store_name\n'), ...body]) : body;
          const result = await readOrCode('csv', chunked(bytes, points));
          for (const r of result.records ?? []) {
            if ('problem' in r) expect(r.problem.code).toBe('wrong_column_count');
          }
        },
      ),
      RUNS,
    );
  });

  test('an unterminated quote is malformed_csv', async () => {
    await fc.assert(
      fc.asyncProperty(csvTable, tricky, cuts, async ({ header, rows }, tail, points) => {
        const text = [header, ...rows].map((row) => row.map((c) => csvCell(c, true)).join(',')).join('\n');
        const open = `${text}\n"${tail.replaceAll('"', '""')}`;
        const result = await readOrCode('csv', chunked(encode(open), points));
        expect(result.code, open).toBe('malformed_csv');
      }),
      RUNS,
    );
  });

  test('a row of at most maxRecordBytes bytes is read, whatever its cells and characters', async () => {
    const small = { ...OPTIONS, maxRecordBytes: 64 };
    const cell = fc.string({
      unit: fc.constantFrom('x', 'é', '店', '😀', '"', ','),
      minLength: 1,
      maxLength: 12,
    });
    await fc.assert(
      fc.asyncProperty(fc.array(cell, { minLength: 2, maxLength: 2 }), cuts, async (cells, points) => {
        const row = cells.map((c) => csvCell(c, false)).join(',');
        fc.pre(encode(row).length <= small.maxRecordBytes);
        const read_ = await read(
          'csv',
          chunked(encode(`seller_id,store_name\n${row}\n`), points),
          false,
          small,
        );
        expect(values(read_)).toEqual([{ seller_id: cells[0], store_name: cells[1] }]);
      }),
      RUNS,
    );
  });

  // Bug (minor): csv-parse's max_record_size, which holds CSV rows to maxRecordBytes, counts the cells'
  // content without the commas (and quotes), and refuses only past one more byte: a 65-byte row passes a
  // 64-byte limit that a 65-byte NDJSON line does not (see the NDJSON property above).
  const oneColumn = { ...OPTIONS, requiredColumns: ['seller_id'], maxRecordBytes: 64 };
  const refusedRow = async (header: string, row: string) => {
    expect(encode(row).length).toBe(65);
    const result = await readOrCode(
      'csv',
      [encode(`${header}\n${row}\nS-2${header.includes(',') ? ',x' : ''}\n`)],
      oneColumn,
    );
    // Refused: the body fails, or the row comes back as a problem rather than a record.
    return result.code !== undefined || !('value' in result.records[0]!);
  };
  test.fails('a CSV cell one byte past maxRecordBytes is refused', async () => {
    expect(await refusedRow('seller_id', 'x'.repeat(65))).toBe(true);
  });
  test.fails('a CSV row whose cells and commas pass maxRecordBytes is refused', async () => {
    expect(await refusedRow('seller_id,store_name', `${'x'.repeat(32)},${'y'.repeat(32)}`)).toBe(true);
  });
  test('a CSV row two bytes past maxRecordBytes is refused as malformed_csv (the bound that holds today)', async () => {
    const result = await readOrCode('csv', [encode(`seller_id\n${'x'.repeat(66)}\n`)], oneColumn);
    expect(result.code).toBe('malformed_csv');
  });
});
