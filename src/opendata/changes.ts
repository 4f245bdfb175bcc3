/**
 * A dataset's changes file: its full rows of the day compared with the full file of the previous
 * published day, both in the order of the dataset's key, merged as two sorted streams — neither is
 * held in memory, whatever their size. A row only in the day is `added`, only in the previous day
 * `removed` (with the values it had), in both but different `changed`, or `corrected` where the
 * dataset's rule says the difference fixes what was published (datasets.ts).
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import { parse } from 'csv-parse';
import { type Column, type Value, OpenDataError, checkRow } from './columns.ts';
import type { Dataset } from './datasets.ts';
import type { Change } from './dictionary.ts';

export type ChangeCounts = Record<Change, number>;

export const noChanges = (): ChangeCounts => ({ added: 0, changed: 0, removed: 0, corrected: 0 });

/** The day's full rows (checked against the columns) as typed values. */
export function* typedRows(
  columns: readonly Column[],
  rows: Iterable<readonly unknown[]>,
): Generator<Value[]> {
  let n = 0;
  for (const row of rows) yield checkRow(columns, row, ++n);
}

/**
 * The rows of the changes file: `[change, ...values]`, in key order. `previousFile` is the previous
 * day's `<dataset>-full.csv.gz` (null: no previous day, every row is added). `counts` is filled in as
 * the rows are taken.
 */
export async function* changedRows(
  dataset: Dataset,
  current: Iterable<Value[]>,
  previousFile: string | null,
  previousDay: string | null,
  counts: ChangeCounts = noChanges(),
): AsyncGenerator<Value[]> {
  const { columns } = dataset.info;
  const keyAt = dataset.info.key.map((name) => columns.findIndex((c) => c.name === name));
  const compareKeys = (a: readonly Value[], b: readonly Value[]) => {
    for (const i of keyAt) {
      const order = compareValues(a[i]!, b[i]!);
      if (order !== 0) return order;
    }
    return 0;
  };
  const keyOf = (row: readonly Value[]) => JSON.stringify(keyAt.map((i) => String(row[i])));
  const before = previousFile
    ? inOrder(readFullFile(previousFile, columns), compareKeys, keyOf, `${dataset.info.name}, previous day`)
    : null;
  const after = inOrder(current, compareKeys, keyOf, dataset.info.name);
  const emit = (change: Change, values: readonly Value[]) => {
    counts[change]++;
    return [change, ...values];
  };
  let old = before ? await before.next() : null;
  let now = await after.next();
  while (!now.done || (old && !old.done)) {
    const order = !old || old.done ? 1 : now.done ? -1 : compareKeys(old.value, now.value);
    if (order > 0) {
      yield emit('added', now.value as Value[]);
      now = await after.next();
    } else if (order < 0) {
      const gone = old!.value as Value[];
      yield emit(dataset.corrects?.(gone, null, previousDay!) ? 'corrected' : 'removed', gone);
      old = await before!.next();
    } else {
      const [was, is] = [old!.value as Value[], now.value as Value[]];
      if (!sameValues(was, is))
        yield emit(dataset.corrects?.(was, is, previousDay!) ? 'corrected' : 'changed', is);
      old = await before!.next();
      now = await after.next();
    }
  }
}

/** Whether two rows hold the same values (as their CSV would spell them alike). */
function sameValues(a: readonly Value[], b: readonly Value[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A full file's rows as typed values, streamed: the CSV read back as the writer spelled it. */
const readFullFile = (file: string, columns: readonly Column[]) => readCsvGzip(file, columns);

/**
 * The rows of a gzip CSV this module's writer wrote (csv-gzip.ts) as typed values, streamed; its header
 * must be the columns' names. The Parquet changes file is written from the CSV one this way: the merge
 * runs once a day per dataset, not once per format.
 */
export async function* readCsvGzip(file: string, columns: readonly Column[]): AsyncGenerator<Value[]> {
  const parser = fs
    .createReadStream(file)
    .pipe(zlib.createGunzip())
    .pipe(
      parse({
        // An empty field is null; `""` is the empty text (csv-gzip.ts).
        cast: (value, context) => (value === '' && !context.quoting ? null : value),
        relax_column_count: false,
      }),
    );
  let header = true;
  for await (const record of parser as AsyncIterable<(string | null)[]>) {
    if (header) {
      header = false;
      if (record.join(',') !== columns.map((c) => c.name).join(','))
        throw new OpenDataError(`${file} has the columns ${record.join(', ')}, not this schema's`);
      continue;
    }
    yield record.map((cell, i) => fromCsv(cell, columns[i]!));
  }
}

function fromCsv(cell: string | null, column: Column): Value {
  if (cell === null) return null;
  switch (column.type) {
    case 'int64':
      return BigInt(cell);
    case 'double':
      return Number(cell);
    case 'boolean':
      return cell === 'true';
    default:
      return cell;
  }
}

/** Passes the rows on, refusing any out of key order or repeated: the merge is only right on sorted keys. */
async function* inOrder(
  rows: Iterable<Value[]> | AsyncIterable<Value[]>,
  compare: (a: readonly Value[], b: readonly Value[]) => number,
  keyOf: (row: readonly Value[]) => string,
  side: string,
): AsyncGenerator<Value[], void, undefined> {
  let last: Value[] | undefined;
  for await (const row of rows) {
    if (last && compare(last, row) >= 0)
      throw new OpenDataError(
        `${side}: the rows are not in strictly increasing key order (${keyOf(last)}, then ${keyOf(row)})`,
      );
    last = row;
    yield row;
  }
}

/** Characters where UTF-16 order and UTF-8 (code point) order part: surrogates and what is above them. */
const ABOVE_SURROGATES = /[\uD800-\uFFFF]/;

/** SQLite's order: null first, numbers by value, text by its UTF-8 bytes (the BINARY collation). */
export function compareValues(a: Value, b: Value): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  if (typeof a === 'string' && typeof b === 'string') {
    if (a === b) return 0;
    // Below U+D800, UTF-16 units sort as code points, and so as UTF-8 bytes: no encoding needed.
    if (!ABOVE_SURROGATES.test(a) && !ABOVE_SURROGATES.test(b)) return a < b ? -1 : 1;
    return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
  }
  if (typeof a === 'string' || typeof b === 'string')
    throw new OpenDataError(`a key compares text with a number: ${String(a)}, ${String(b)}`);
  return a < b ? -1 : a > b ? 1 : 0;
}
