import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Value, checkRow } from '../../src/opendata/columns.ts';
import { changedRows, compareValues, noChanges, typedRows } from '../../src/opendata/changes.ts';
import { writeCsvGzip } from '../../src/opendata/csv-gzip.ts';
import type { Dataset } from '../../src/opendata/datasets.ts';
import type { DatasetInfo } from '../../src/opendata/dictionary.ts';
import { SAMPLE_COLUMNS, SAMPLE_ROWS, tempFolder } from './helpers.ts';

const folder = tempFolder();
const meaning = { zh: '', en: '' };
const info: DatasetInfo = {
  name: 'sample',
  schemaVersion: 1,
  title: meaning,
  description: meaning,
  source: meaning,
  key: ['decision_no'],
  columns: SAMPLE_COLUMNS.map((c) => ({ ...c, meaning })),
};
// A correction, in this sample: a row's date changing.
const dataset: Dataset = {
  info,
  row: (raw) => [...raw],
  corrects: (before, after) => after !== null && before[5] !== after[5],
};

const sorted = (rows: readonly (readonly unknown[])[]) =>
  [...rows].sort((a, b) => compareValues(a[0] as Value, b[0] as Value));

async function previousFile(rows: readonly (readonly unknown[])[]) {
  const file = path.join(folder(), 'sample-full.csv.gz');
  await writeCsvGzip(file, SAMPLE_COLUMNS, sorted(rows));
  return file;
}

async function collect(rows: AsyncIterable<Value[]>) {
  const out: Value[][] = [];
  for await (const row of rows) out.push(row);
  return out;
}

describe('the changes of a day against the previous full file', () => {
  it('finds rows added, changed, removed and corrected, reading every type back as written', async () => {
    const before = await previousFile(SAMPLE_ROWS);
    const today = sorted([
      SAMPLE_ROWS[0]!, // unchanged
      ['A-2', 'renamed', 9_007_199_254_740_993n, 0.1, 1, '2024-02-29'], // changed
      // A-3 is gone
      SAMPLE_ROWS[3]!, // unchanged: nulls read back as nulls, not as empty text
      ['A-5', 'line\r\nbreak, and trailing space ', 0, 1e21, false, '2000-01-01'], // corrected date
      SAMPLE_ROWS[5]!, // unchanged: the largest int64 and the smallest double survive the round trip
      ['B-1', '', 1, 1, true, null], // added
    ]);
    const counts = noChanges();
    const rows = await collect(
      changedRows(dataset, typedRows(SAMPLE_COLUMNS, today), before, '2026-12-01', counts),
    );
    expect(rows.map((r) => [r[0], r[1]])).toEqual([
      ['changed', 'A-2'],
      ['removed', 'A-3'],
      ['corrected', 'A-5'],
      ['added', 'B-1'],
      // Keys sort as SQLite sorts them (UTF-8 bytes): the Chinese decision number comes last.
    ]);
    expect(rows[1]!.slice(1)).toEqual(checkRow(SAMPLE_COLUMNS, SAMPLE_ROWS[2]!, 1)); // the values it had
    expect(counts).toEqual({ added: 1, changed: 1, removed: 1, corrected: 1 });
  });

  it('adds every row when there is no previous day', async () => {
    const rows = await collect(
      changedRows(dataset, typedRows(SAMPLE_COLUMNS, sorted(SAMPLE_ROWS)), null, null),
    );
    expect(rows.map((r) => r[0])).toEqual(SAMPLE_ROWS.map(() => 'added'));
  });

  it('refuses rows out of key order rather than publish wrong changes', async () => {
    const rows = [SAMPLE_ROWS[1]!, SAMPLE_ROWS[0]!, SAMPLE_ROWS[1]!];
    await expect(collect(changedRows(dataset, typedRows(SAMPLE_COLUMNS, rows), null, null))).rejects.toThrow(
      /not in strictly increasing key order/,
    );
  });

  it('orders text as SQLite does, by UTF-8 bytes, not by UTF-16 units', () => {
    // U+FF01 is one UTF-16 unit above a surrogate pair's first; in UTF-8 it is below U+1F600.
    expect('\uFF01' > '\u{1F600}').toBe(true);
    expect(compareValues('\uFF01', '\u{1F600}')).toBe(-1);
    expect(compareValues(null, 'a')).toBe(-1);
    expect(compareValues(2n, 10n)).toBe(-1);
    expect(() => compareValues('1', 1n)).toThrow(/compares text with a number/);
  });
});
