import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import type { Column, Row } from '../../src/opendata/columns.ts';

/** A fresh folder for this test file, removed after it. */
export function tempFolder(): () => string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'marketgate-opendata-'));
  let n = 0;
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  return () => {
    const dir = path.join(root, String(++n));
    fs.mkdirSync(dir);
    return dir;
  };
}

/** Every column type, nullable and not. */
export const SAMPLE_COLUMNS: Column[] = [
  { name: 'decision_no', type: 'string', nullable: false },
  { name: 'subject_name', type: 'string' },
  { name: 'fine_minor', type: 'int64' },
  { name: 'score', type: 'double' },
  { name: 'withdrawn', type: 'boolean', nullable: false },
  { name: 'published_on', type: 'date' },
];

/** Rows that test quoting, Chinese text, nulls against empty strings, and the edges of each type. */
export const SAMPLE_ROWS: Row[] = [
  ['粤市监罚〔2026〕1号', '广州某某贸易有限公司', 500_000, 87.5, 0, '2026-10-01'],
  ['A-2', 'Comma, "quoted" and\nnewline', 9_007_199_254_740_993n, 0.1, 1, '2024-02-29'],
  ['A-3', '', -1, -0, false, null],
  ['A-4', null, null, null, true, '1970-01-01'],
  ['A-5', 'line\r\nbreak, and trailing space ', 0, 1e21, false, '9999-12-31'],
  ['A-6', '=SUM(A1:A2)', 9_223_372_036_854_775_807n, 5e-324, 0, '2026-12-31'],
];

export function* sampleRows(): Generator<Row> {
  yield* SAMPLE_ROWS;
}

export async function* sampleRowsAsync(): AsyncGenerator<Row> {
  for (const row of SAMPLE_ROWS) {
    await Promise.resolve();
    yield row;
  }
}
