import { describe, expect, test } from 'vitest';
import {
  MAX_RECORD_DEPTH,
  parseLine,
  type RawRecord,
  readRecords,
  type SourceOptions,
} from '../../src/filings/sources.ts';
import { DomainError } from '../../src/errors.ts';

const OPTIONS: SourceOptions = {
  fields: ['a', 'items'],
  requiredColumns: ['a'],
  maxRecordBytes: 4 * 1024 * 1024,
};

async function* chunks(text: string): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode(text);
}

async function read(format: 'json' | 'ndjson', body: string, deferParsing = false): Promise<RawRecord[]> {
  const out: RawRecord[] = [];
  for await (const r of readRecords(format, chunks(body), OPTIONS, { deferParsing })) out.push(r);
  return out;
}

function summary(records: RawRecord[]) {
  return records.map((r) =>
    'value' in r
      ? [r.position, 'ok']
      : 'problem' in r
        ? [r.position, r.problem.code]
        : [r.position, 'unparsed'],
  );
}

/** A record that nests `depth` levels deep, the record itself counting as 1. */
function recordOfDepth(depth: number): string {
  return `{"a":${'['.repeat(depth - 1)}1${']'.repeat(depth - 1)}}`;
}

describe('record_too_deep', () => {
  test(`the limit is ${MAX_RECORD_DEPTH} levels, the record counting as 1`, () => {
    expect(MAX_RECORD_DEPTH).toBe(16);
  });

  describe.each([
    ['a JSON array', (records: string[]) => `[${records.join(',')}]`],
    ['{"records": [...]}', (records: string[]) => `{"records":[${records.join(',')}],"note":"x"}`],
  ])('in %s', (_name, body) => {
    test(`a record of ${MAX_RECORD_DEPTH} levels passes; one more is record_too_deep at its index`, async () => {
      const records = await read(
        'json',
        body(['{"a":1}', recordOfDepth(MAX_RECORD_DEPTH), recordOfDepth(MAX_RECORD_DEPTH + 1), '{"a":2}']),
      );
      expect(summary(records)).toEqual([
        [{ index: 0 }, 'ok'],
        [{ index: 1 }, 'ok'],
        [{ index: 2 }, 'record_too_deep'],
        [{ index: 3 }, 'ok'],
      ]);
      expect(records[2]).toMatchObject({
        problem: { message: `the record nests objects and arrays more than ${MAX_RECORD_DEPTH} levels deep` },
      });
      expect(records[1]).toMatchObject({ value: JSON.parse(recordOfDepth(MAX_RECORD_DEPTH)) });
    });

    test.each([20, 3_500, 1_000_000])('a record of %i levels is refused alone', async (depth) => {
      const records = await read('json', body(['{"a":1}', recordOfDepth(depth), '{"a":2}']));
      expect(summary(records)).toEqual([
        [{ index: 0 }, 'ok'],
        [{ index: 1 }, 'record_too_deep'],
        [{ index: 2 }, 'ok'],
      ]);
      // What reaches the check workers can be cloned: nothing deep is left in it.
      expect(() => structuredClone(records)).not.toThrow();
    });
  });

  test('a deep element that is no object is invalid_type; deep objects around it are each refused', async () => {
    const records = await read(
      'json',
      `[${recordOfDepth(40)},${'['.repeat(40)}${']'.repeat(40)},{"a":1},${recordOfDepth(18)}]`,
    );
    expect(summary(records)).toEqual([
      [{ index: 0 }, 'record_too_deep'],
      [{ index: 1 }, 'invalid_type'],
      [{ index: 2 }, 'ok'],
      [{ index: 3 }, 'record_too_deep'],
    ]);
  });

  test('a body that is malformed outside the deep record is still malformed_json, at its line', async () => {
    const err = await read('json', `[\n${recordOfDepth(5000)},\n{"a" 1}\n]`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('malformed_json');
    expect((err as DomainError).extra).toMatchObject({ line: 3 });
  });

  test('an unterminated deep body is malformed_json, and answers at once', async () => {
    const started = performance.now();
    const err = await read('json', `[{"a":1},${'['.repeat(4_000_000)}`).catch((e: unknown) => e);
    expect((err as DomainError).code).toBe('malformed_json');
    expect(performance.now() - started).toBeLessThan(2000);
  });

  test.each([false, true])(
    'NDJSON: the deep line alone is refused (parsing deferred: %s)',
    async (deferParsing) => {
      const body = [
        '{"a":1}',
        recordOfDepth(MAX_RECORD_DEPTH),
        recordOfDepth(MAX_RECORD_DEPTH + 1),
        recordOfDepth(3_500),
        // Brackets inside strings count for nothing.
        `{"a":"${'['.repeat(100)}","items":[{"a":"]]]]\\"[[[["}]}`,
      ]
        .map((l) => `${l}\n`)
        .join('');
      const records = (await read('ndjson', body, deferParsing)).map(parseLine);
      expect(summary(records)).toEqual([
        [{ line: 1 }, 'ok'],
        [{ line: 2 }, 'ok'],
        [{ line: 3 }, 'record_too_deep'],
        [{ line: 4 }, 'record_too_deep'],
        [{ line: 5 }, 'ok'],
      ]);
    },
  );

  test('NDJSON: a deep line that is not valid JSON either is refused as too deep, without parsing it', async () => {
    expect(summary(await read('ndjson', `${'['.repeat(200_000)}x\n`))).toEqual([
      [{ line: 1 }, 'record_too_deep'],
    ]);
    // Bytes that are not UTF-8 are still invalid_encoding, deep or not: the bytes are judged first.
    const deepAndBroken = Uint8Array.from([...new Array(40).fill(0x5b), 0xff]);
    expect(parseLine({ position: { line: 1 }, line: deepAndBroken })).toMatchObject({
      problem: { code: 'invalid_encoding' },
    });
  });
});
