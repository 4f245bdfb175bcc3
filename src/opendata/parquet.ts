/**
 * Parquet for open data, written with hyparquet-writer: pure JavaScript (no native build, under 1 MB
 * with its one dependency), an incremental `ParquetWriter` that takes one row group at a time and
 * awaits its sink, and a footer without times. (@dsnp/parquetjs needs Node 24 and pulls in the AWS
 * SDK; parquetjs-lite is unmaintained; parquet-wasm is 15 MB of WebAssembly and writes from Arrow
 * tables, so it would hold them.) Typed columns:
 *
 * | column type | Parquet                                         |
 * | ----------- | ----------------------------------------------- |
 * | string      | BYTE_ARRAY, logical STRING (converted UTF8)     |
 * | int64       | INT64                                           |
 * | double      | DOUBLE                                          |
 * | boolean     | BOOLEAN                                         |
 * | date        | INT32, logical DATE (days since 1970-01-01)     |
 *
 * A nullable column is OPTIONAL, any other REQUIRED. Pages are Snappy-compressed (every reader has
 * it), with min/max statistics and offset indexes, and dictionary-encoded where the writer finds
 * that it pays.
 *
 * Streamed: rows are gathered into one row group at a time (`rowGroupRows`), which is encoded, written
 * and awaited before the next row is pulled, so memory holds one row group whatever the dataset's size.
 *
 * Byte for byte the same: nothing in the file depends on the time or the machine. The footer's
 * `created_by` is a constant, no key-value metadata is written, and Snappy, the encodings and the
 * statistics are plain JavaScript, the same everywhere. The writer's version is pinned exactly in
 * package.json, because another version may encode the same rows differently.
 */
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { createHash } from 'node:crypto';
import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import {
  type Column,
  type Rows,
  type Value,
  type WrittenFile,
  checkColumns,
  checkRow,
  epochDay,
} from './columns.ts';
import { type NewFile, openNewFile } from './new-file.ts';

type SchemaElement = ConstructorParameters<typeof ParquetWriter>[0]['schema'][number];

/**
 * Rows per row group: what is held while a group is encoded. 10,000 rows of the widest dataset hold
 * about 60 MiB while encoded; 50,000 held 320 MiB, a group then being most of a dataset at the credit
 * benchmark's 100,000 subjects (docs/benchmarks.md, open data). Groups of this size still compress
 * well and let readers skip them by their statistics.
 */
export const PARQUET_ROW_GROUP_ROWS = 10_000;
/** The footer's `created_by`: a constant, so that it never makes two builds differ. */
export const PARQUET_CREATED_BY = 'marketgate open data (hyparquet-writer)';

export interface ParquetWritten extends WrittenFile {
  rowGroups: number;
}

/** The Parquet schema of a table's columns: a root and one leaf per column. */
export function parquetSchema(columns: readonly Column[]): SchemaElement[] {
  return [
    { name: 'schema', num_children: columns.length },
    ...columns.map((c): SchemaElement => {
      const repetition_type = c.nullable === false ? 'REQUIRED' : 'OPTIONAL';
      switch (c.type) {
        case 'string':
          return {
            name: c.name,
            type: 'BYTE_ARRAY',
            converted_type: 'UTF8',
            logical_type: { type: 'STRING' },
            repetition_type,
          };
        case 'int64':
          return { name: c.name, type: 'INT64', repetition_type };
        case 'double':
          return { name: c.name, type: 'DOUBLE', repetition_type };
        case 'boolean':
          return { name: c.name, type: 'BOOLEAN', repetition_type };
        case 'date':
          return {
            name: c.name,
            type: 'INT32',
            converted_type: 'DATE',
            logical_type: { type: 'DATE' },
            repetition_type,
          };
      }
    }),
  ];
}

/**
 * Writes `rows` as Parquet to `target`: a path (created, never overwritten, fsynced before the promise
 * resolves, removed again when writing fails) or a stream.
 */
export async function writeParquet(
  target: string | Writable,
  columns: readonly Column[],
  rows: Rows,
  options: { rowGroupRows?: number } = {},
): Promise<ParquetWritten> {
  checkColumns(columns);
  const rowGroupRows = options.rowGroupRows ?? PARQUET_ROW_GROUP_ROWS;
  if (!Number.isSafeInteger(rowGroupRows) || rowGroupRows < 1)
    throw new RangeError('rowGroupRows must be a positive integer');
  const sink: Sink = typeof target === 'string' ? await openNewFile(target) : streamSink(target);
  try {
    const hash = createHash('sha256');
    let bytes = 0;
    const writer = new SinkWriter(async (chunk) => {
      hash.update(chunk);
      bytes += chunk.length;
      await sink.write(chunk);
    });
    const parquet = new ParquetWriter({
      writer,
      schema: parquetSchema(columns),
      codec: 'SNAPPY',
      statistics: true,
      createdBy: PARQUET_CREATED_BY,
    });
    let rowCount = 0;
    let rowGroups = 0;
    let group: unknown[][] = columns.map(() => []);
    let groupRows = 0;
    const writeGroup = async () => {
      await parquet.write({
        columnData: columns.map((c, i) => ({ name: c.name, data: group[i]! })),
        rowGroupSize: groupRows,
      });
      rowGroups++;
      group = columns.map(() => []);
      groupRows = 0;
    };
    for await (const row of rows) {
      const values = checkRow(columns, row, ++rowCount);
      for (let i = 0; i < columns.length; i++) group[i]!.push(parquetValue(columns[i]!, values[i]!));
      if (++groupRows === rowGroupRows) await writeGroup();
    }
    if (groupRows > 0) await writeGroup();
    writer.withoutRows = rowCount === 0;
    await parquet.finish();
    await sink.close();
    return { rows: rowCount, bytes, sha256: hash.digest('hex'), rowGroups };
  } catch (err) {
    await sink.abandon();
    throw err;
  }
}

function parquetValue(column: Column, value: Value): unknown {
  if (value !== null && column.type === 'date') return epochDay(value as string);
  return value;
}

/**
 * hyparquet-writer's byte buffer, emptied into `sink` after every row group (the writer awaits the
 * flush before it takes the next group) and at the end, so it never holds more than one row group.
 */
class SinkWriter extends ByteWriter {
  /** Set before `finish` when the file has no row: its footer then needs mending (see below). */
  withoutRows = false;

  constructor(private readonly sink: (chunk: Uint8Array) => Promise<void>) {
    super(1024 * 1024);
  }

  async flush(): Promise<void> {
    if (this.index === 0) return;
    // A copy: the buffer is written over from the start once the flush returns.
    const chunk = new Uint8Array(this.buffer, 0, this.index).slice();
    this.index = 0;
    await this.sink(chunk);
  }

  override finish(): Promise<void> {
    if (this.withoutRows) mendEmptyRowGroupList(new Uint8Array(this.buffer, 0, this.index), this.offset);
    return this.flush();
  }
}

/**
 * hyparquet-writer 0.17 writes an empty Thrift list with element type 0, which names no type (its
 * `elemType ?? BYTE` never falls back: 0 is not nullish). The only empty list in our footers is the
 * `row_groups` of a file without rows, and arrow-rs (Polars, DataFusion, parquet-wasm) refuses it, as
 * it checks element types ("Expected list element type of Struct but got Byte"): such a file could
 * not be opened. Nothing has been flushed yet in a file without rows, so the whole footer is in
 * `bytes`, and it holds num_rows = 0 (field 3, i64: 0x16 0x00), row_groups (field 4, list: 0x19, then
 * size 0 and element type 0: 0x00) and created_by (field 6, binary: 0x28). The element type is set to
 * STRUCT (0x0c), as other writers write it. Column names are snake_case ASCII, so the sequence cannot
 * occur inside the schema. A writer that already writes STRUCT there leaves nothing to mend.
 */
function mendEmptyRowGroupList(bytes: Uint8Array, fileBytes: number): void {
  const STRUCT = 0x0c;
  const fits = (i: number) =>
    bytes[i] === 0x16 &&
    bytes[i + 1] === 0x00 &&
    bytes[i + 2] === 0x19 &&
    (bytes[i + 3] === 0x00 || bytes[i + 3] === STRUCT) &&
    bytes[i + 4] === 0x28;
  let at = bytes.length - 5;
  while (at >= 0 && !fits(at)) at--;
  if (fileBytes !== bytes.length || at < 0)
    throw new Error('the footer of a Parquet file without rows is not laid out as expected: see parquet.ts');
  bytes[at + 3] = STRUCT;
}

type Sink = NewFile;

function streamSink(out: Writable): Sink {
  return {
    write: (chunk) =>
      new Promise<void>((resolve, reject) => out.write(chunk, (err) => (err ? reject(err) : resolve()))),
    async close() {
      out.end();
      await finished(out);
    },
    async abandon() {},
  };
}
