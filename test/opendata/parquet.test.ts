import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { OpenDataError } from '../../src/opendata/columns.ts';
import { PARQUET_CREATED_BY, writeParquet } from '../../src/opendata/parquet.ts';
import { SAMPLE_COLUMNS, SAMPLE_ROWS, sampleRows, sampleRowsAsync, tempFolder } from './helpers.ts';
import { readBack, readFooter } from './parquet-reader.ts';

const folder = tempFolder();
const DAY_MS = 86_400_000;

describe('writeParquet', () => {
  test('gives the same bytes for the same rows, however they are delivered', async () => {
    const dir = folder();
    const a = await writeParquet(path.join(dir, 'a.parquet'), SAMPLE_COLUMNS, sampleRows());
    const b = await writeParquet(path.join(dir, 'b.parquet'), SAMPLE_COLUMNS, sampleRowsAsync());
    const bytesA = fs.readFileSync(path.join(dir, 'a.parquet'));
    expect(bytesA.equals(fs.readFileSync(path.join(dir, 'b.parquet')))).toBe(true);
    expect(b).toEqual(a);
    expect(a).toEqual({
      rows: SAMPLE_ROWS.length,
      bytes: bytesA.length,
      sha256: createHash('sha256').update(bytesA).digest('hex'),
      rowGroups: 1,
    });
  });

  test('pins the bytes: a new hyparquet-writer that changes them is a deliberate upgrade', async () => {
    // Pure JavaScript all the way (Snappy included): the same on every machine and Node version.
    // When an upgrade changes this hash, published days keep their bytes; only later days differ.
    const file = path.join(folder(), 'g.parquet');
    const { sha256 } = await writeParquet(file, SAMPLE_COLUMNS, sampleRows(), { rowGroupRows: 4 });
    expect(sha256).toBe('16da9622fea3fab708e0bfd8c61a5319e7a01425e67402968e8e1f24ac296180');
  });

  test('is read back by an independent reader: types, nulls, Chinese text, 64-bit integers, dates', async () => {
    const file = path.join(folder(), 'r.parquet');
    await writeParquet(file, SAMPLE_COLUMNS, sampleRows(), { rowGroupRows: 4 });
    const bytes = new Uint8Array(fs.readFileSync(file));
    const table = readBack(bytes);
    expect(table.fields).toEqual([
      { name: 'decision_no', type: 'Utf8', nullable: false },
      { name: 'subject_name', type: 'Utf8', nullable: true },
      { name: 'fine_minor', type: 'Int64', nullable: true },
      { name: 'score', type: 'Float64', nullable: true },
      { name: 'withdrawn', type: 'Bool', nullable: false },
      { name: 'published_on', type: 'Date32<DAY>', nullable: true },
    ]);
    expect(table.numRows).toBe(SAMPLE_ROWS.length);
    expect(table.row(0)).toEqual({
      decision_no: '粤市监罚〔2026〕1号',
      subject_name: '广州某某贸易有限公司',
      fine_minor: 500_000n,
      score: 87.5,
      withdrawn: false,
      published_on: Date.UTC(2026, 9, 1),
    });
    expect(table.row(1)).toMatchObject({
      subject_name: 'Comma, "quoted" and\nnewline',
      fine_minor: 9_007_199_254_740_993n,
      score: 0.1,
      withdrawn: true,
      published_on: Date.UTC(2024, 1, 29),
    });
    // The empty string and null stay apart; -0 is written as 0, as in the CSV.
    expect(table.row(2)).toMatchObject({ subject_name: '', score: 0, published_on: null });
    expect(Object.is(table.row(2).score, -0)).toBe(false);
    expect(table.row(3)).toMatchObject({
      subject_name: null,
      fine_minor: null,
      score: null,
      published_on: 0,
    });
    expect(table.row(4)!.published_on).toBe(Date.UTC(9999, 11, 31));
    expect(table.row(5)).toMatchObject({ fine_minor: 9_223_372_036_854_775_807n, score: 5e-324 });
    expect(table.row(5)!.published_on).toBe(20_818 * DAY_MS);

    const footer = await readFooter(bytes);
    expect(footer).toMatchObject({ createdBy: PARQUET_CREATED_BY, numRows: 6, rowsPerGroup: [4, 2] });
    expect(footer.keyValueMetadata.size).toBe(0);
  });

  test('writes a valid file without rows', async () => {
    const file = path.join(folder(), 'e.parquet');
    expect(await writeParquet(file, SAMPLE_COLUMNS, [])).toMatchObject({ rows: 0, rowGroups: 0 });
    const bytes = new Uint8Array(fs.readFileSync(file));
    expect(readBack(bytes).numRows).toBe(0);
    expect(readBack(bytes).fields.map((f) => f.name)).toEqual(SAMPLE_COLUMNS.map((c) => c.name));
  });

  test('refuses a bad row, and leaves no file behind', async () => {
    const file = path.join(folder(), 'bad.parquet');
    const rows = [...SAMPLE_ROWS, ['A-7', 'x', 1, 1, true, '2026-02-30']];
    await expect(writeParquet(file, SAMPLE_COLUMNS, rows, { rowGroupRows: 2 })).rejects.toThrow(
      new OpenDataError('row 7, column published_on (date): "2026-02-30" is not a YYYY-MM-DD day'),
    );
    expect(fs.existsSync(file)).toBe(false);
  });
});
