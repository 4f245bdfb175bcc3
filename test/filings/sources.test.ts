import { describe, expect, test } from 'vitest';
import { type RawRecord, readRecords, type SourceOptions } from '../../src/filings/sources.ts';
import { DomainError } from '../../src/errors.ts';
import { ERROR_STATUS } from '../../src/http/errors.ts';

const OPTIONS: SourceOptions = {
  fields: ['seller_id', 'subject_type', 'legal_name', 'store_name', 'store_url', 'uscc', 'address'],
  requiredColumns: ['seller_id', 'store_name'],
  maxRecordBytes: 64,
};

type Part = string | Uint8Array | number[];

const bytes = (part: Part): Uint8Array =>
  typeof part === 'string' ? new TextEncoder().encode(part) : Uint8Array.from(part);

/** The body as an async iterable of chunks, exactly as given; `fail` is thrown after the chunks (a cut connection). */
async function* chunks(parts: Part[], fail?: Error): AsyncGenerator<Uint8Array> {
  for (const part of parts) {
    await Promise.resolve();
    yield bytes(part);
  }
  if (fail) throw fail;
}

/** The body split into chunks of `size` bytes, cutting through multi-byte characters wherever they fall. */
function bytewise(text: string, size = 1): Uint8Array[] {
  const all = new TextEncoder().encode(text);
  const out: Uint8Array[] = [];
  for (let i = 0; i < all.length; i += size) out.push(all.slice(i, i + size));
  return out;
}

async function read(
  format: 'json' | 'ndjson' | 'csv',
  parts: Part[],
  options: SourceOptions = OPTIONS,
): Promise<RawRecord[]> {
  const out: RawRecord[] = [];
  for await (const record of readRecords(format, chunks(parts), options)) out.push(record);
  return out;
}

/** What reading the body rejects with; fails the test if it does not reject. */
async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected reading the body to fail, it succeeded');
}

async function apiFailure(promise: Promise<unknown>): Promise<DomainError> {
  const err = await failure(promise);
  expect(err, String(err)).toBeInstanceOf(DomainError);
  return err as DomainError;
}

/** Records as compact [position, value-or-problem code] pairs. */
function summary(records: RawRecord[]) {
  return records.map((r) =>
    'value' in r
      ? [r.position, r.value]
      : 'problem' in r
        ? [r.position, r.problem.code]
        : [r.position, 'unparsed'],
  );
}

const utf8 = (text: string) => [...new TextEncoder().encode(text)];

describe('json', () => {
  test('reads an array of records with their 0-based index', async () => {
    const records = await read('json', ['[{"seller_id":"S-1"},{"seller_id":"S-2"}]']);
    expect(records).toEqual([
      { position: { index: 0 }, value: { seller_id: 'S-1' } },
      { position: { index: 1 }, value: { seller_id: 'S-2' } },
    ]);
  });

  test('reads {"records": [...]}', async () => {
    expect(summary(await read('json', ['{"records":[{"a":1},{"a":2}]}']))).toEqual([
      [{ index: 0 }, { a: 1 }],
      [{ index: 1 }, { a: 2 }],
    ]);
  });

  test('reads an empty array as no records', async () => {
    expect(await read('json', ['[]'])).toEqual([]);
    expect(await read('json', ['{"records":[]}'])).toEqual([]);
  });

  test('reassembles a body split anywhere, through multi-byte characters', async () => {
    const body = JSON.stringify([{ legal_name: '杭州示例商贸有限公司', note: '😀é' }]);
    expect(await read('json', bytewise(body))).toEqual([
      { position: { index: 0 }, value: { legal_name: '杭州示例商贸有限公司', note: '😀é' } },
    ]);
  });

  test('tolerates a byte order mark', async () => {
    expect(summary(await read('json', ['\uFEFF[{"a":1}]']))).toEqual([[{ index: 0 }, { a: 1 }]]);
  });

  test('a non-object element is a problem at its index, and the others still come through', async () => {
    const records = await read('json', ['[{"a":1}, 2, null, "x", [], {"a":2}]']);
    expect(summary(records)).toEqual([
      [{ index: 0 }, { a: 1 }],
      [{ index: 1 }, 'invalid_type'],
      [{ index: 2 }, 'invalid_type'],
      [{ index: 3 }, 'invalid_type'],
      [{ index: 4 }, 'invalid_type'],
      [{ index: 5 }, { a: 2 }],
    ]);
  });

  test.each([
    ['a bare object', '{"seller_id":"S-1"}'],
    ['records that is not an array', '{"records":{"seller_id":"S-1"}}'],
    ['a string', '"records"'],
    ['a number', '42'],
    ['null', 'null'],
  ])('%s is invalid_body', async (_why, body) => {
    const err = await apiFailure(read('json', [body]));
    expect(err.code).toBe('invalid_body');
    expect(ERROR_STATUS[err.code]).toBe(400);
  });

  test.each([
    ['a trailing comma on line 3', '[\n{"a":1},\n{"a":2},\n]', 4, 1],
    ['a missing colon', '[{"a" 1}]', 1, 7],
    ['a missing comma after CJK text', '[\n  {"名称":"杭州"} {"a":1}\n]', 2, 15],
    ['the empty body', '', 1, 1],
    ['a cut-off body', '[{"a":1},{"a"', 1, 14],
  ])('malformed JSON (%s) is malformed_json with line and column', async (_why, body, line, column) => {
    const err = await apiFailure(read('json', [body]));
    expect(err.code).toBe('malformed_json');
    expect(err.extra, JSON.stringify(err.extra)).toMatchObject({ line, column });
    expect(err.detail).toContain(`line ${line}, column ${column}`);
  });

  test('a malformed body split into chunks is located the same way', async () => {
    const err = await apiFailure(read('json', bytewise('[\n{"名称":"杭州"},\n{"a" 2}]', 3)));
    expect(err.code).toBe('malformed_json');
    expect(err.extra).toMatchObject({ line: 3, column: 6 });
  });

  test('the malformed_json detail does not quote the body', async () => {
    const err = await apiFailure(read('json', ['[{"id_number":"11010519491231002X" x}]']));
    expect(err.code).toBe('malformed_json');
    expect(JSON.stringify([err.detail, err.message, err.extra])).not.toContain('11010519491231002X');
  });

  test('invalid UTF-8 is invalid_encoding', async () => {
    const err = await apiFailure(read('json', [utf8('[{"a":"'), [0xff, 0xfe], utf8('"}]')]));
    expect(err.code).toBe('invalid_encoding');
  });

  test('a multi-byte character cut off at the end of the body is invalid_encoding', async () => {
    const err = await apiFailure(read('json', [utf8('["'), [0xe5, 0xba]]));
    expect(err.code).toBe('invalid_encoding');
  });
});

describe('ndjson', () => {
  test('reads one record per line with 1-based line numbers', async () => {
    expect(summary(await read('ndjson', ['{"a":1}\n{"a":2}\n']))).toEqual([
      [{ line: 1 }, { a: 1 }],
      [{ line: 2 }, { a: 2 }],
    ]);
  });

  test('reads a last line without a trailing newline', async () => {
    expect(summary(await read('ndjson', ['{"a":1}\n{"a":2}']))).toEqual([
      [{ line: 1 }, { a: 1 }],
      [{ line: 2 }, { a: 2 }],
    ]);
  });

  test('skips blank lines but keeps counting them', async () => {
    expect(summary(await read('ndjson', ['\n{"a":1}\n\n   \n\t\n{"a":2}\n\n']))).toEqual([
      [{ line: 2 }, { a: 1 }],
      [{ line: 6 }, { a: 2 }],
    ]);
  });

  test('reads CRLF line ends', async () => {
    expect(summary(await read('ndjson', ['{"a":1}\r\n\r\n{"a":2}\r\n']))).toEqual([
      [{ line: 1 }, { a: 1 }],
      [{ line: 3 }, { a: 2 }],
    ]);
  });

  test('tolerates a byte order mark, even split across chunks', async () => {
    expect(summary(await read('ndjson', [[0xef, 0xbb], [0xbf], '{"a":1}\n{"a":2}']))).toEqual([
      [{ line: 1 }, { a: 1 }],
      [{ line: 2 }, { a: 2 }],
    ]);
  });

  test('reassembles lines and multi-byte characters split across chunks', async () => {
    const body = '{"名称":"杭州示例"}\n{"e":"😀"}\n{"a":1}';
    for (const size of [1, 2, 3, 5]) {
      expect(summary(await read('ndjson', bytewise(body, size))), `chunks of ${size}`).toEqual([
        [{ line: 1 }, { 名称: '杭州示例' }],
        [{ line: 2 }, { e: '😀' }],
        [{ line: 3 }, { a: 1 }],
      ]);
    }
  });

  test('a malformed line is a problem on that line; later lines still come through', async () => {
    const records = await read('ndjson', ['{"a":1}\n{"a" 2}\n\n{"a":3}\n{bad\n{"a":4}']);
    expect(summary(records)).toEqual([
      [{ line: 1 }, { a: 1 }],
      [{ line: 2 }, 'malformed_json'],
      [{ line: 4 }, { a: 3 }],
      [{ line: 5 }, 'malformed_json'],
      [{ line: 6 }, { a: 4 }],
    ]);
    const problem = records[1]!;
    expect('problem' in problem && problem.problem.message).toContain('column 6');
  });

  test('the malformed_json problem does not quote the line', async () => {
    const records = await read('ndjson', ['{"id_number":"11010519491231002X" x}\n']);
    expect(summary(records)).toEqual([[{ line: 1 }, 'malformed_json']]);
    expect(JSON.stringify(records)).not.toContain('11010519491231002X');
  });

  test('a line that is not an object is invalid_type', async () => {
    expect(summary(await read('ndjson', ['[{"a":1}]\n"x"\nnull\n{"a":1}\n']))).toEqual([
      [{ line: 1 }, 'invalid_type'],
      [{ line: 2 }, 'invalid_type'],
      [{ line: 3 }, 'invalid_type'],
      [{ line: 4 }, { a: 1 }],
    ]);
  });

  test('invalid UTF-8 costs only its own line', async () => {
    const records = await read('ndjson', [utf8('{"a":1}\n{"a":"'), [0xc3, 0x28], utf8('"}\n{"a":"é"}\n')]);
    expect(summary(records)).toEqual([
      [{ line: 1 }, { a: 1 }],
      [{ line: 2 }, 'invalid_encoding'],
      [{ line: 3 }, { a: 'é' }],
    ]);
  });

  test('a line of exactly maxRecordBytes is read; one byte more is record_too_large', async () => {
    const fits = `{"a":"${'x'.repeat(56)}"}`;
    expect(new TextEncoder().encode(fits)).toHaveLength(64);
    const over = `{"a":"${'x'.repeat(57)}"}`;
    expect(summary(await read('ndjson', [`${fits}\n${over}\n{"b":1}\n`]))).toEqual([
      [{ line: 1 }, { a: 'x'.repeat(56) }],
      [{ line: 2 }, 'record_too_large'],
      [{ line: 3 }, { b: 1 }],
    ]);
  });

  test('the limit counts bytes, not characters', async () => {
    // 20 three-byte characters: 26 characters but 66 bytes.
    const line = `{"a":"${'店'.repeat(20)}"}`;
    expect(summary(await read('ndjson', [`${line}\n`]))).toEqual([[{ line: 1 }, 'record_too_large']]);
  });

  test('a long line arriving over many chunks is record_too_large and the next line is intact', async () => {
    const parts = ['{"a":"', ...Array.from({ length: 1000 }, () => 'x'.repeat(100)), '"}\n{"b":1}\n'];
    expect(summary(await read('ndjson', parts))).toEqual([
      [{ line: 1 }, 'record_too_large'],
      [{ line: 2 }, { b: 1 }],
    ]);
  });

  test('a long line split within the limit and then crossing it is record_too_large', async () => {
    const parts = [`{"a":"${'x'.repeat(40)}`, `${'x'.repeat(40)}"}\n{"b":1}`];
    expect(summary(await read('ndjson', parts))).toEqual([
      [{ line: 1 }, 'record_too_large'],
      [{ line: 2 }, { b: 1 }],
    ]);
  });

  test('a long last line without a newline is record_too_large', async () => {
    expect(summary(await read('ndjson', ['{"a":1}\n', 'x'.repeat(100)]))).toEqual([
      [{ line: 1 }, { a: 1 }],
      [{ line: 2 }, 'record_too_large'],
    ]);
  });

  test('an empty body has no records', async () => {
    expect(await read('ndjson', [])).toEqual([]);
    expect(await read('ndjson', ['\n\n'])).toEqual([]);
  });
});

describe('csv', () => {
  test('reads rows under the header with their 1-based line', async () => {
    expect(summary(await read('csv', ['seller_id,store_name\nS-1,小店\nS-2,大店\n']))).toEqual([
      [{ line: 2 }, { seller_id: 'S-1', store_name: '小店' }],
      [{ line: 3 }, { seller_id: 'S-2', store_name: '大店' }],
    ]);
  });

  test('reads a last row without a trailing newline', async () => {
    expect(summary(await read('csv', ['seller_id,store_name\nS-1,小店']))).toEqual([
      [{ line: 2 }, { seller_id: 'S-1', store_name: '小店' }],
    ]);
  });

  test('tolerates a byte order mark', async () => {
    expect(summary(await read('csv', ['\uFEFFseller_id,store_name\nS-1,x\n']))).toEqual([
      [{ line: 2 }, { seller_id: 'S-1', store_name: 'x' }],
    ]);
  });

  test('reads CRLF line ends', async () => {
    expect(summary(await read('csv', ['seller_id,store_name\r\nS-1,x\r\nS-2,y\r\n']))).toEqual([
      [{ line: 2 }, { seller_id: 'S-1', store_name: 'x' }],
      [{ line: 3 }, { seller_id: 'S-2', store_name: 'y' }],
    ]);
  });

  test('trims header names', async () => {
    expect(summary(await read('csv', [' seller_id , store_name \nS-1,x\n']))).toEqual([
      [{ line: 2 }, { seller_id: 'S-1', store_name: 'x' }],
    ]);
  });

  test('reassembles rows and multi-byte characters split across chunks', async () => {
    const body = 'seller_id,store_name,address\nS-1,示例旗舰店,"杭州市, 西湖区"\nS-2,😀店,é\n';
    for (const size of [1, 2, 3, 7]) {
      expect(summary(await read('csv', bytewise(body, size))), `chunks of ${size}`).toEqual([
        [{ line: 2 }, { seller_id: 'S-1', store_name: '示例旗舰店', address: '杭州市, 西湖区' }],
        [{ line: 3 }, { seller_id: 'S-2', store_name: '😀店', address: 'é' }],
      ]);
    }
  });

  test('drops empty cells: the field was not given', async () => {
    expect(summary(await read('csv', ['seller_id,store_name,address\nS-1,,\nS-2,x,""\n']))).toEqual([
      [{ line: 2 }, { seller_id: 'S-1' }],
      [{ line: 3 }, { seller_id: 'S-2', store_name: 'x' }],
    ]);
  });

  test('keeps the white space of a cell (the validator decides what blank means)', async () => {
    expect(summary(await read('csv', ['seller_id,store_name\nS-1, x \n']))).toEqual([
      [{ line: 2 }, { seller_id: 'S-1', store_name: ' x ' }],
    ]);
  });

  test('reads quoted fields holding commas, quotes and newlines, and counts lines after them', async () => {
    const body =
      'seller_id,store_name,address\nS-1,"a, b","say ""hi"""\nS-2,"two\nlines","three\nmore\nlines"\nS-3,x,y\n';
    expect(summary(await read('csv', [body]))).toEqual([
      [{ line: 2 }, { seller_id: 'S-1', store_name: 'a, b', address: 'say "hi"' }],
      [{ line: 3 }, { seller_id: 'S-2', store_name: 'two\nlines', address: 'three\nmore\nlines' }],
      [{ line: 7 }, { seller_id: 'S-3', store_name: 'x', address: 'y' }],
    ]);
  });

  test('counts lines after a quoted CRLF line break in a CRLF file', async () => {
    const body = 'seller_id,store_name\r\n"S-1","two\r\nlines"\r\nshort\r\nS-2,x\r\n';
    expect(summary(await read('csv', [body]))).toEqual([
      [{ line: 2 }, { seller_id: 'S-1', store_name: 'two\r\nlines' }],
      [{ line: 4 }, 'wrong_column_count'],
      [{ line: 5 }, { seller_id: 'S-2', store_name: 'x' }],
    ]);
  });

  test('skips blank lines but keeps counting them', async () => {
    expect(summary(await read('csv', ['\nseller_id,store_name\n\nS-1,x\n\n\nS-2,y\n']))).toEqual([
      [{ line: 4 }, { seller_id: 'S-1', store_name: 'x' }],
      [{ line: 7 }, { seller_id: 'S-2', store_name: 'y' }],
    ]);
  });

  test('a row with the wrong number of fields is a problem on its line; later rows still come through', async () => {
    const records = await read('csv', ['seller_id,store_name\nS-1,x\nS-2\nS-3,y,z\nS-4,w\n']);
    expect(summary(records)).toEqual([
      [{ line: 2 }, { seller_id: 'S-1', store_name: 'x' }],
      [{ line: 3 }, 'wrong_column_count'],
      [{ line: 4 }, 'wrong_column_count'],
      [{ line: 5 }, { seller_id: 'S-4', store_name: 'w' }],
    ]);
    const problem = records[2]!;
    expect('problem' in problem && problem.problem.message).toBe('the row has 3 fields, the header has 2');
  });

  test('a header with only known columns, in any order, is fine even without optional ones', async () => {
    expect(summary(await read('csv', ['store_name,uscc,seller_id\nx,,S-1\n']))).toEqual([
      [{ line: 2 }, { store_name: 'x', seller_id: 'S-1' }],
    ]);
  });

  test('a header with only known columns yields no records when it is alone', async () => {
    expect(await read('csv', ['seller_id,store_name\n'])).toEqual([]);
  });

  test('unknown columns are unknown_columns, naming each of them', async () => {
    const err = await apiFailure(read('csv', ['seller_id,store_name,colour,Seller_ID\nS-1,x,red,y\n']));
    expect(err.code).toBe('unknown_columns');
    expect(ERROR_STATUS[err.code]).toBe(400);
    expect(err.extra.unknown).toEqual(['colour', 'Seller_ID']);
    expect(err.detail).toContain('colour');
  });

  test('a repeated column is refused, naming it', async () => {
    const err = await apiFailure(read('csv', ['seller_id,store_name,seller_id\nS-1,x,S-2\n']));
    expect(err.code).toBe('unknown_columns');
    expect(err.extra.repeated).toEqual(['seller_id']);
  });

  test('missing required columns are missing_columns, naming each of them', async () => {
    const err = await apiFailure(read('csv', ['address,uscc\nx,y\n']));
    expect(err.code).toBe('missing_columns');
    expect(err.extra.missing).toEqual(['seller_id', 'store_name']);
  });

  test.each([
    ['no bytes at all', []],
    ['an empty chunk', ['']],
    ['only blank lines', ['\n\n\n']],
    ['only blank CRLF lines', ['\r\n\r\n']],
    ['only a byte order mark', ['\uFEFF']],
  ])('a body with %s is missing_columns', async (_why, parts) => {
    const err = await apiFailure(read('csv', parts as Part[]));
    expect(err.code).toBe('missing_columns');
    expect(err.extra.missing).toEqual(['seller_id', 'store_name']);
  });

  test('an unclosed quote is malformed_csv', async () => {
    const err = await apiFailure(read('csv', ['seller_id,store_name\nS-1,"never closed\nS-2,x\n']));
    expect(err.code).toBe('malformed_csv');
    expect(ERROR_STATUS[err.code]).toBe(400);
  });

  test('text after a closing quote is malformed_csv', async () => {
    const err = await apiFailure(read('csv', ['seller_id,store_name\n"S-1"x,y\n']));
    expect(err.code).toBe('malformed_csv');
  });

  test('a quote inside an unquoted field is malformed_csv, and the error does not quote the cell', async () => {
    const err = await failure(read('csv', ['seller_id,store_name\n110105"19491231002X,y\n']));
    expect(err, String(err)).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('malformed_csv');
    expect(String((err as Error).message)).not.toContain('110105');
  });

  test('a row longer than maxRecordBytes stops the read as malformed_csv', async () => {
    const err = await apiFailure(read('csv', [`seller_id,store_name\nS-1,${'x'.repeat(200)}\n`]));
    expect(err.code).toBe('malformed_csv');
  });

  test('invalid UTF-8 is invalid_encoding', async () => {
    const err = await apiFailure(read('csv', [utf8('seller_id,store_name\nS-1,'), [0xff], utf8('\n')]));
    expect(err.code).toBe('invalid_encoding');
  });

  test('a multi-byte character cut off at the end of the body is invalid_encoding', async () => {
    const err = await apiFailure(read('csv', [utf8('seller_id,store_name\nS-1,'), [0xe5, 0xba]]));
    expect(err.code).toBe('invalid_encoding');
  });
});

describe('a body that breaks off midway', () => {
  const bodies = {
    json: ['[{"a":1},', '{"a":2}'],
    ndjson: ['{"a":1}\n', '{"a":2}\n'],
    csv: ['seller_id,store_name\n', 'S-1,x\n', 'S-2,y\n'],
  } as const;

  async function readUntilFailure(format: keyof typeof bodies, cause: Error) {
    const seen: RawRecord[] = [];
    const err = await failure(
      (async () => {
        for await (const r of readRecords(format, chunks([...bodies[format]], cause), OPTIONS)) seen.push(r);
      })(),
    );
    return { err, seen };
  }

  test.each(['json', 'ndjson', 'csv'] as const)(
    '%s: the body_incomplete error of the body reaches the caller',
    { timeout: 5_000 },
    async (format) => {
      const cause = new DomainError('body_incomplete', 'the connection closed');
      const { err } = await readUntilFailure(format, cause);
      expect(err).toBe(cause);
    },
  );

  test.each(['json', 'ndjson', 'csv'] as const)(
    '%s: any other error of the body reaches the caller as itself, not as a problem of the data',
    { timeout: 5_000 },
    async (format) => {
      const cause = new Error('socket hang up');
      const { err } = await readUntilFailure(format, cause);
      expect(err).toBe(cause);
    },
  );

  test(
    'ndjson: the records before the break are delivered before the error',
    {
      timeout: 5_000,
    },
    async () => {
      const { seen } = await readUntilFailure('ndjson', new DomainError('body_incomplete', 'cut'));
      expect(summary(seen)).toEqual([
        [{ line: 1 }, { a: 1 }],
        [{ line: 2 }, { a: 2 }],
      ]);
    },
  );
});
