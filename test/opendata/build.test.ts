import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { buildOpenDataDay, endOfChinaDay, previousChinaDay } from '../../src/opendata/build.ts';
import { DATASETS, changesColumns } from '../../src/opendata/dictionary.ts';
import { verifyDay } from '../../src/opendata/verify.ts';
import { chinaToday } from '../../src/lib/dates.ts';
import { populatedGateway } from '../helpers/populated-gateway.ts';
import { readBack } from './parquet-reader.ts';
import { tempFolder } from './helpers.ts';

type Populated = Awaited<ReturnType<typeof populatedGateway>>;
let g: Populated;
const today = chinaToday();
const tomorrow = new Date(Date.parse(endOfChinaDay(today)) + 60_000);
const folder = tempFolder();

beforeAll(async () => {
  g = await populatedGateway();
  const published = await g.t.call('POST', `/v1/regulator/penalties/${g.ids.penaltyId}/publish`, {
    key: g.keys.regulator,
  });
  expect(published.status, published.text).toBe(200);
}, 120_000);
afterAll(async () => g?.close());

const source = () => ({ dataDir: g.t.config.dataDir, keys: g.t.gw.keys });
const csvRows = (file: string) =>
  parse(zlib.gunzipSync(fs.readFileSync(file)), {
    cast: (v, ctx) => (v === '' && !ctx.quoting ? null : v),
  }) as (string | null)[][];

describe('building a day of open data from a gateway', () => {
  it('writes every dataset, full and changes, in both formats, that verify against the manifest', async () => {
    const openDataDir = folder();
    const built = await buildOpenDataDay(source(), today, { now: tomorrow, openDataDir });
    const dir = path.join(openDataDir, today);
    expect(built.previousDay).toBeNull();
    expect(built.manifest.files.map((f) => f.path).sort()).toEqual(
      DATASETS.flatMap((d) =>
        ['full', 'changes'].flatMap((k) => ['csv.gz', 'parquet'].map((f) => `${d.name}-${k}.${f}`)),
      ).sort(),
    );
    expect(await verifyDay(dir)).toEqual([]);
    for (const d of DATASETS) {
      const full = csvRows(path.join(dir, `${d.name}-full.csv.gz`));
      expect(full[0]).toEqual(d.columns.map((c) => c.name));
      const changes = csvRows(path.join(dir, `${d.name}-changes.csv.gz`));
      expect(changes[0]).toEqual(changesColumns(d).map((c) => c.name));
      // The first day: everything is added.
      expect(changes.slice(1)).toEqual(full.slice(1).map((r) => ['added', ...r]));
      // The Parquet holds the same rows, typed, read by an independent reader.
      const parquet = readBack(fs.readFileSync(path.join(dir, `${d.name}-full.parquet`)));
      expect(parquet.numRows, d.name).toBe(full.length - 1);
      expect(parquet.fields.map((f) => f.name)).toEqual(d.columns.map((c) => c.name));
      full.slice(1).forEach((csv, i) => {
        const row = parquet.row(i);
        d.columns.forEach((c, j) => {
          const v = row[c.name];
          const asText =
            v === null || v === undefined
              ? null
              : c.type === 'date'
                ? new Date(Number(v)).toISOString().slice(0, 10)
                : String(v);
          expect(asText, `${d.name} row ${i + 1} ${c.name}`).toBe(csv[j]);
        });
      });
    }
    const rows = Object.fromEntries(built.manifest.files.map((f) => [f.path, f.rows]));
    // The populated gateway holds one of each: each dataset it can fill has rows.
    for (const name of [
      'penalties',
      'list_entries',
      'store_verifications',
      'verification_statistics',
      'complaint_statistics',
      'platform_filing_statistics',
    ])
      expect(rows[`${name}-full.csv.gz`], name).toBeGreaterThan(0);
  });

  it('builds the same data files, byte for byte, from the same records', async () => {
    const [a, b] = [folder(), folder()];
    const first = await buildOpenDataDay(source(), today, { now: tomorrow, openDataDir: a });
    const second = await buildOpenDataDay(source(), today, {
      now: new Date(tomorrow.getTime() + 3_600_000),
      openDataDir: b,
    });
    expect(second.manifest.files).toEqual(first.manifest.files);
    expect(
      fs
        .readFileSync(path.join(b, today, 'SHA256SUMS'), 'utf8')
        .split('\n')
        .filter((l) => !l.endsWith('manifest.json')),
    ).toEqual(
      fs
        .readFileSync(path.join(a, today, 'SHA256SUMS'), 'utf8')
        .split('\n')
        .filter((l) => !l.endsWith('manifest.json')),
    );
  });

  it('refuses a day not yet over, a day published, and a day older than one published', async () => {
    const openDataDir = folder();
    await expect(buildOpenDataDay(source(), today, { openDataDir })).rejects.toThrow(/has not ended/);
    await buildOpenDataDay(source(), today, { now: tomorrow, openDataDir });
    await expect(buildOpenDataDay(source(), today, { now: tomorrow, openDataDir })).rejects.toThrow(
      /published already/,
    );
    await expect(
      buildOpenDataDay(source(), previousChinaDay(new Date()), { now: tomorrow, openDataDir }),
    ).rejects.toThrow(/built in order/);
    await expect(buildOpenDataDay(source(), '2026-02-30', { now: tomorrow, openDataDir })).rejects.toThrow(
      /not a YYYY-MM-DD/,
    );
    expect(fs.readdirSync(openDataDir)).toEqual([today]);
  });
});

describe('the next day: changes since the published day, and corrections', () => {
  it('lists each row added, changed or corrected, and names the corrections in the manifest', async () => {
    const openDataDir = folder();
    const first = await buildOpenDataDay(source(), today, { now: tomorrow, openDataDir });
    const call = (url: string, body: unknown) =>
      g.t.call('POST', url, { key: g.keys.regulator, type: 'application/json', body: JSON.stringify(body) });
    // What happens after the day was published: a withdrawal (the record moves on), an entry found to
    // have been made in error and a verification of the same day recorded late (corrections).
    const withdrawn = await call(`/v1/regulator/penalties/${g.ids.penaltyId}/withdraw`, {
      overturned_on: today,
      reason: '行政复议撤销',
    });
    expect(withdrawn.status, withdrawn.text).toBe(200);
    const removed = await call(`/v1/regulator/lists/abnormal/entries/${g.ids.abnormalEntryId}/remove`, {
      reason: 'error',
      note: '列入有误',
    });
    expect(removed.status, removed.text).toBe(200);
    const crawl = await call('/v1/regulator/crawls', {
      stores: [{ platform: g.ids.platform, seller_id: g.ids.sellerId }],
    });
    expect(crawl.status, crawl.text).toBe(202);
    await g.t.gw.crawls.idle();

    const next = new Date(Date.parse(endOfChinaDay(today)) + 12 * 3_600_000);
    const nextDay = chinaToday(next);
    const afterNext = new Date(Date.parse(endOfChinaDay(nextDay)) + 60_000);
    const built = await buildOpenDataDay(source(), nextDay, { now: afterNext, openDataDir });
    expect(built.previousDay).toBe(today);
    const dir = path.join(openDataDir, nextDay);
    expect(await verifyDay(dir)).toEqual([]);
    const changes = (name: string) => csvRows(path.join(dir, `${name}-changes.csv.gz`)).slice(1);

    const penalty = changes('penalties');
    expect(penalty.map((r) => r[0])).toEqual(['changed']);
    const columns = DATASETS.find((d) => d.name === 'penalties')!.columns.map((c) => c.name);
    const cell = (row: (string | null)[], name: string) => row[1 + columns.indexOf(name)];
    expect(cell(penalty[0]!, 'withdrawn_on')).toBe(today);
    expect(cell(penalty[0]!, 'facts')).toBeNull(); // a withdrawn decision's facts are no longer shown

    const entries = changes('list_entries');
    expect(entries.map((r) => [r[0], r[1]])).toEqual([['corrected', g.ids.abnormalEntryId]]);
    expect(entries[0]).toContain('error');

    // Today's figures, published before the late verification, are corrected.
    const stats = changes('verification_statistics');
    expect(stats.length).toBeGreaterThan(0);
    expect(new Set(stats.map((r) => r[0]))).toEqual(new Set(['corrected']));
    expect(changes('store_verifications').map((r) => r[0])).toEqual(['changed']);
    // Nothing else moved.
    expect(changes('complaint_statistics')).toEqual([]);
    expect(changes('platform_filing_statistics')).toEqual([]);

    expect(built.manifest.corrections.map((c) => [c.date, c.dataset])).toEqual([
      [today, 'list_entries'],
      [today, 'verification_statistics'],
    ]);
    expect(built.manifest.corrections[0]!.reason).toMatch(/entered in error/);
    expect(built.changes.penalties).toEqual({ added: 0, changed: 1, removed: 0, corrected: 0 });
    // The full file of the next day is the day's whole state, not the changes.
    expect(built.manifest.files.find((f) => f.path === 'penalties-full.csv.gz')!.rows).toBe(
      first.manifest.files.find((f) => f.path === 'penalties-full.csv.gz')!.rows,
    );
  });
});
