import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { describe, expect, test } from 'vitest';
import { OpenDataError } from '../../src/opendata/columns.ts';
import { csvField, writeCsvGzip } from '../../src/opendata/csv-gzip.ts';
import { SAMPLE_COLUMNS, SAMPLE_ROWS, sampleRows, sampleRowsAsync, tempFolder } from './helpers.ts';

const folder = tempFolder();

/** Parses CSV text keeping an unquoted empty field (null) apart from a quoted one (the empty string). */
function parseCsv(text: string): (string | null)[][] {
  return parse(text, { cast: (value, context) => (context.quoting ? value : value === '' ? null : value) });
}

describe('writeCsvGzip', () => {
  test('gives the same bytes for the same rows, however they are delivered', async () => {
    const dir = folder();
    const a = await writeCsvGzip(path.join(dir, 'a.csv.gz'), SAMPLE_COLUMNS, sampleRows());
    const b = await writeCsvGzip(path.join(dir, 'b.csv.gz'), SAMPLE_COLUMNS, sampleRowsAsync());
    const bytesA = fs.readFileSync(path.join(dir, 'a.csv.gz'));
    expect(bytesA.equals(fs.readFileSync(path.join(dir, 'b.csv.gz')))).toBe(true);
    expect(b).toEqual(a);
    expect(a).toEqual({
      rows: SAMPLE_ROWS.length,
      bytes: bytesA.length,
      sha256: createHash('sha256').update(bytesA).digest('hex'),
    });
  });

  test('writes a gzip header with no time, no name, level 9 and an unknown operating system', async () => {
    const file = path.join(folder(), 'h.csv.gz');
    await writeCsvGzip(file, SAMPLE_COLUMNS, sampleRows());
    const header = [...fs.readFileSync(file).subarray(0, 10)];
    // ID1 ID2, CM=deflate, FLG=0 (no FNAME, FCOMMENT, FEXTRA, FHCRC), MTIME=0, XFL=2 (level 9), OS=255.
    expect(header).toEqual([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 255]);
  });

  test('pins the CSV text: any change to it is a change of the published format', async () => {
    const file = path.join(folder(), 'g.csv.gz');
    await writeCsvGzip(file, SAMPLE_COLUMNS, sampleRows());
    const text = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8');
    expect(text).toBe(
      'decision_no,subject_name,fine_minor,score,withdrawn,published_on\r\n' +
        '粤市监罚〔2026〕1号,广州某某贸易有限公司,500000,87.5,false,2026-10-01\r\n' +
        'A-2,"Comma, ""quoted"" and\nnewline",9007199254740993,0.1,true,2024-02-29\r\n' +
        'A-3,"",-1,0,false,\r\n' +
        'A-4,,,,true,1970-01-01\r\n' +
        'A-5,"line\r\nbreak, and trailing space ",0,1e+21,false,9999-12-31\r\n' +
        'A-6,=SUM(A1:A2),9223372036854775807,5e-324,false,2026-12-31\r\n',
    );
  });

  test('round-trips through gunzip and a real CSV parser: quotes, commas, newlines, Chinese, null vs empty', async () => {
    const file = path.join(folder(), 'r.csv.gz');
    await writeCsvGzip(file, SAMPLE_COLUMNS, sampleRows());
    const records = parseCsv(zlib.gunzipSync(fs.readFileSync(file)).toString('utf8'));
    expect(records[0]).toEqual(SAMPLE_COLUMNS.map((c) => c.name));
    expect(records.slice(1)).toEqual([
      ['粤市监罚〔2026〕1号', '广州某某贸易有限公司', '500000', '87.5', 'false', '2026-10-01'],
      ['A-2', 'Comma, "quoted" and\nnewline', '9007199254740993', '0.1', 'true', '2024-02-29'],
      ['A-3', '', '-1', '0', 'false', null],
      ['A-4', null, null, null, 'true', '1970-01-01'],
      ['A-5', 'line\r\nbreak, and trailing space ', '0', '1e+21', 'false', '9999-12-31'],
      ['A-6', '=SUM(A1:A2)', '9223372036854775807', '5e-324', 'false', '2026-12-31'],
    ]);
    // Every double reads back as the very same double.
    expect(Number(records[2]![3])).toBe(0.1);
    expect(Number(records[6]![3])).toBe(5e-324);
  });

  test('writes the header alone for a table without rows', async () => {
    const file = path.join(folder(), 'e.csv.gz');
    expect((await writeCsvGzip(file, SAMPLE_COLUMNS, [])).rows).toBe(0);
    expect(zlib.gunzipSync(fs.readFileSync(file)).toString()).toBe(
      'decision_no,subject_name,fine_minor,score,withdrawn,published_on\r\n',
    );
  });

  test('quotes only what must be quoted', () => {
    expect(csvField('plain text 中文')).toBe('plain text 中文');
    expect(csvField('')).toBe('""');
    expect(csvField(null)).toBe('');
    expect(csvField('a"b')).toBe('"a""b"');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('a\rb')).toBe('"a\rb"');
    expect(csvField(' lead')).toBe(' lead');
    expect(csvField(12n)).toBe('12');
    expect(csvField(true)).toBe('true');
  });

  test('refuses a bad row, and leaves no file behind', async () => {
    const file = path.join(folder(), 'bad.csv.gz');
    const rows = [...SAMPLE_ROWS, ['A-7', 'x', 'not a number', 1, true, null]];
    await expect(writeCsvGzip(file, SAMPLE_COLUMNS, rows)).rejects.toThrow(
      new OpenDataError('row 7, column fine_minor (int64): string where an integer is expected'),
    );
    expect(fs.existsSync(file)).toBe(false);
  });

  test('never writes over an existing file', async () => {
    const file = path.join(folder(), 'x.csv.gz');
    fs.writeFileSync(file, 'kept');
    await expect(writeCsvGzip(file, SAMPLE_COLUMNS, sampleRows())).rejects.toThrow(/EEXIST/);
    expect(fs.readFileSync(file, 'utf8')).toBe('kept');
  });
});
