import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { OpenDataError } from '../../src/opendata/columns.ts';
import { DayBuild, isPublished, listPublishedDays } from '../../src/opendata/day.ts';
import { verifyDay } from '../../src/opendata/verify.ts';
import { SAMPLE_COLUMNS, sampleRows, tempFolder } from './helpers.ts';

const folder = tempFolder();
const DATE = '2026-10-02';

/** Builds and publishes a day of two datasets, each full and changes, in both formats. */
async function publishDay(openData: string, date = DATE) {
  const day = await DayBuild.start(openData, date);
  for (const dataset of ['penalties', 'list_entries'])
    for (const kind of ['full', 'changes'] as const)
      for (const format of ['csv.gz', 'parquet'] as const)
        await day.writeFile({ dataset, kind, format, schemaVersion: 1 }, SAMPLE_COLUMNS, sampleRows());
  const manifest = await day.publish({
    generatedAt: '2026-10-02T16:05:00.000Z',
    codeVersion: '0.1.0+git.0123456789abcdef0123456789abcdef01234567',
    corrections: [
      { date: '2026-09-30', dataset: 'penalties', reason: 'A withdrawn decision was shown as in force.' },
    ],
  });
  return { dir: path.join(openData, date), manifest };
}

const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('a published day', () => {
  test('has a manifest in the contract’s shape, paths relative to the day', async () => {
    const { dir } = await publishDay(folder());
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest)).toEqual(['date', 'generated_at', 'code_version', 'files', 'corrections']);
    expect(manifest).toMatchObject({
      date: DATE,
      generated_at: '2026-10-02T16:05:00.000Z',
      corrections: [
        { date: '2026-09-30', dataset: 'penalties', reason: 'A withdrawn decision was shown as in force.' },
      ],
    });
    expect(manifest.files.map((f: { path: string }) => f.path)).toEqual([
      'list_entries-changes.csv.gz',
      'list_entries-changes.parquet',
      'list_entries-full.csv.gz',
      'list_entries-full.parquet',
      'penalties-changes.csv.gz',
      'penalties-changes.parquet',
      'penalties-full.csv.gz',
      'penalties-full.parquet',
    ]);
    const first = manifest.files[0];
    expect(Object.keys(first)).toEqual([
      'path',
      'dataset',
      'kind',
      'format',
      'rows',
      'bytes',
      'sha256',
      'schema_version',
    ]);
    expect(first).toEqual({
      path: 'list_entries-changes.csv.gz',
      dataset: 'list_entries',
      kind: 'changes',
      format: 'csv.gz',
      rows: 6,
      bytes: fs.statSync(path.join(dir, first.path)).size,
      sha256: sha256(path.join(dir, first.path)),
      schema_version: 1,
    });
    expect(await verifyDay(dir)).toEqual([]);
  });

  test('has SHA256SUMS in the sha256sum format, sorted, manifest.json included, and sha256sum -c agrees', async () => {
    const { dir, manifest } = await publishDay(folder());
    const text = fs.readFileSync(path.join(dir, 'SHA256SUMS'), 'utf8');
    const lines = text.split('\n');
    expect(lines.pop()).toBe('');
    for (const line of lines) expect(line).toMatch(/^[0-9a-f]{64} {2}[a-z_.-]+$/);
    const paths = lines.map((l) => l.slice(66));
    expect(paths).toEqual([...manifest.files.map((f) => f.path), 'manifest.json'].sort());
    expect(lines).toContain(`${sha256(path.join(dir, 'manifest.json'))}  manifest.json`);
    const out = execFileSync('sha256sum', ['--check', '--strict', 'SHA256SUMS'], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(out.trim().split('\n')).toHaveLength(9);
    expect(out).not.toMatch(/FAILED/);
  });

  test('is never built again: a correction goes into a later day', async () => {
    const openData = folder();
    const { dir } = await publishDay(openData);
    const before = sha256(path.join(dir, 'manifest.json'));
    await expect(DayBuild.start(openData, DATE)).rejects.toThrow(OpenDataError);
    await expect(DayBuild.start(openData, DATE)).rejects.toThrow(/published already/);
    expect(sha256(path.join(dir, 'manifest.json'))).toBe(before);
    expect(fs.existsSync(`${dir}.part`)).toBe(false);
  });

  test('gives the same data files when built again from the same rows', async () => {
    const a = await publishDay(folder());
    const b = await publishDay(folder());
    expect(b.manifest.files).toEqual(a.manifest.files);
  });
});

describe('a dataset from SQLite', () => {
  test('takes a better-sqlite3 statement’s raw rows as they are, the same in both formats', async () => {
    const db = new Database(':memory:');
    db.exec(`CREATE TABLE p (no TEXT NOT NULL, fine INTEGER, withdrawn INTEGER NOT NULL, on_day TEXT);
      INSERT INTO p VALUES ('粤-1', 5000, 0, '2026-10-01'), ('粤-2', NULL, 1, NULL);`);
    const columns = [
      { name: 'decision_no', type: 'string', nullable: false },
      { name: 'fine_minor', type: 'int64' },
      { name: 'withdrawn', type: 'boolean', nullable: false },
      { name: 'published_on', type: 'date' },
    ] as const;
    const query = db.prepare<[], unknown[]>('SELECT no, fine, withdrawn, on_day FROM p ORDER BY no').raw();
    const day = await DayBuild.start(folder(), DATE);
    const spec = { dataset: 'penalties', kind: 'full', schemaVersion: 1 } as const;
    const csv = await day.writeFile({ ...spec, format: 'csv.gz' }, columns, query.iterate());
    const parquet = await day.writeFile({ ...spec, format: 'parquet' }, columns, query.iterate());
    expect([csv.rows, parquet.rows]).toEqual([2, 2]);
    await day.publish();
    db.close();
  });
});

describe('an unfinished day', () => {
  test('is a .part folder that is not taken as published, and the next build clears it', async () => {
    const openData = folder();
    await publishDay(openData, '2026-10-01');
    const day = await DayBuild.start(openData, DATE);
    await day.writeFile(
      { dataset: 'penalties', kind: 'full', format: 'csv.gz', schemaVersion: 1 },
      SAMPLE_COLUMNS,
      sampleRows(),
    );
    // As if the process died here, and as if it died after the manifest was written but before the rename.
    expect(fs.readdirSync(openData).sort()).toEqual(['2026-10-01', `${DATE}.part`]);
    fs.copyFileSync(path.join(openData, '2026-10-01', 'manifest.json'), path.join(day.dir, 'manifest.json'));
    expect(listPublishedDays(openData)).toEqual(['2026-10-01']);
    expect(isPublished(openData, DATE)).toBe(false);
    expect(isPublished(openData, `${DATE}.part`)).toBe(false);
    expect(await verifyDay(day.dir)).toContainEqual(
      expect.objectContaining({ path: '.', problem: 'unpublished' }),
    );

    await publishDay(openData);
    expect(fs.readdirSync(openData).sort()).toEqual(['2026-10-01', DATE]);
    expect(listPublishedDays(openData)).toEqual(['2026-10-01', DATE]);
    expect(await verifyDay(path.join(openData, DATE))).toEqual([]);
  });

  test('is removed when abandoned', async () => {
    const openData = folder();
    const day = await DayBuild.start(openData, DATE);
    await day.abandon();
    expect(fs.readdirSync(openData)).toEqual([]);
    await expect(day.publish()).rejects.toThrow(/abandoned/);
  });

  test('is not published with a stray file in its folder, nor with a correction of a later day', async () => {
    const openData = folder();
    const day = await DayBuild.start(openData, DATE);
    fs.writeFileSync(path.join(day.dir, 'stray.txt'), 'x');
    await expect(day.publish()).rejects.toThrow(/holds stray.txt/);
    fs.rmSync(path.join(day.dir, 'stray.txt'));
    await expect(
      day.publish({ corrections: [{ date: DATE, dataset: 'penalties', reason: 'x' }] }),
    ).rejects.toThrow(/corrections\[0\]\.date is not an earlier/);
    expect(listPublishedDays(openData)).toEqual([]);
  });
});

describe('verifyDay', () => {
  const problems = async (dir: string) => (await verifyDay(dir)).map((d) => [d.path, d.problem]);

  test('finds a flipped byte', async () => {
    const { dir } = await publishDay(folder());
    const file = path.join(dir, 'penalties-full.parquet');
    const bytes = fs.readFileSync(file);
    bytes[100] = bytes[100]! ^ 0x01;
    fs.writeFileSync(file, bytes);
    expect(await problems(dir)).toEqual([['penalties-full.parquet', 'sha256']]);
  });

  test('finds a missing file and an extra one', async () => {
    const { dir } = await publishDay(folder());
    fs.rmSync(path.join(dir, 'list_entries-full.csv.gz'));
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not published');
    expect(await problems(dir)).toEqual([
      ['list_entries-full.csv.gz', 'missing'],
      ['notes.txt', 'extra'],
    ]);
  });

  test('finds a file that grew', async () => {
    const { dir } = await publishDay(folder());
    fs.appendFileSync(path.join(dir, 'penalties-changes.csv.gz'), '\n');
    expect(await problems(dir)).toEqual([
      ['penalties-changes.csv.gz', 'sha256'],
      ['penalties-changes.csv.gz', 'size'],
    ]);
  });

  test('finds SHA256SUMS and the manifest disagreeing', async () => {
    const { dir } = await publishDay(folder());
    const sums = path.join(dir, 'SHA256SUMS');
    const lines = fs.readFileSync(sums, 'utf8').split('\n');
    const i = lines.findIndex((l) => l.endsWith('  penalties-full.csv.gz'));
    lines[i] = `${'0'.repeat(64)}  penalties-full.csv.gz`;
    lines.splice(
      lines.findIndex((l) => l.endsWith('  list_entries-full.parquet')),
      1,
    );
    fs.writeFileSync(sums, lines.join('\n'));
    expect(await problems(dir)).toEqual([
      ['list_entries-full.parquet', 'lists_disagree'],
      ['penalties-full.csv.gz', 'lists_disagree'],
    ]);
  });

  test('finds a manifest changed after publishing, and one put under another day', async () => {
    const openData = folder();
    const { dir } = await publishDay(openData);
    const file = path.join(dir, 'manifest.json');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"rows": 6', '"rows": 7'));
    expect(await problems(dir)).toEqual([['manifest.json', 'sha256']]);

    const other = path.join(openData, '2026-10-03');
    fs.renameSync(dir, other);
    expect(await problems(other)).toContainEqual(['manifest.json', 'date']);
  });

  test('finds a day without manifest or sums', async () => {
    const { dir } = await publishDay(folder());
    fs.rmSync(path.join(dir, 'manifest.json'));
    fs.rmSync(path.join(dir, 'SHA256SUMS'));
    const found = await problems(dir);
    expect(found).toContainEqual(['manifest.json', 'missing']);
    expect(found).toContainEqual(['SHA256SUMS', 'missing']);
    // Without any list, every data file is unaccounted for.
    expect(found.filter(([, p]) => p === 'extra')).toHaveLength(8);
  });
});
