import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../src/lib/dates.ts';
import { maskPersonName } from '../../src/lib/mask.ts';
import { buildOpenDataDay, endOfChinaDay } from '../../src/opendata/build.ts';
import { DATASETS } from '../../src/opendata/dictionary.ts';
import { MANIFEST_FILE, SUMS_FILE } from '../../src/opendata/manifest.ts';
import { openDataDirOf } from '../../src/opendata/paths.ts';
import { type TestGateway, testGateway } from '../helpers/gateway.ts';
import { readBack } from './parquet-reader.ts';
import { OUYANG, type PersonalSeed, SIMA, seedPersonalData } from './personal-seed.ts';

/**
 * Issue 19, "No personal data": every dataset is built from a gateway full of personal details
 * (personal-seed.ts), and no name of a natural person, ID number, phone, e-mail or address appears in
 * any file of the day — not in the raw bytes, not in the gunzipped CSV, not in the Parquet's values as
 * an independent reader decodes them — while the datasets do hold the rows, natural persons masked.
 */

let t: TestGateway;
let seed: PersonalSeed;
let dir: string;

beforeAll(async () => {
  t = testGateway({ crawl: { spacingMs: 10, timeoutMs: 2_000, browserSlots: 0 } });
  seed = await seedPersonalData(t);
  // Today's records, built as the server would once the day is over in China Standard Time.
  const date = chinaToday(new Date());
  const dayOver = new Date(Date.parse(endOfChinaDay(date)) + 60_000);
  await buildOpenDataDay({ dataDir: t.config.dataDir, keys: t.gw.keys }, date, { now: dayOver });
  dir = path.join(openDataDirOf(t.config.dataDir), date);
}, 60_000);
afterAll(async () => {
  await t?.gw.crawls.idle();
  await t?.close();
});

/** Every string to look for: as written, and the forms a leak would take if only partly masked. */
function needles(): string[] {
  const forms = new Set(seed.personal);
  for (const p of seed.people) {
    forms.add(p.name);
    forms.add(p.idNumber.toUpperCase());
    forms.add(p.idNumber.toLowerCase());
    for (const phone of p.phones) {
      const digits = phone.replace(/\D/g, '');
      forms.add(digits);
      // +86 13912345678: the national number alone too.
      if (digits.length === 13 && digits.startsWith('86')) forms.add(digits.slice(2));
    }
    forms.add(p.email);
    forms.add(p.email.slice(0, p.email.indexOf('@')));
    forms.add(p.addressCore);
    // What follows the road and door number (building, unit, room) locates the home just as well.
    const tail = p.address.slice(p.address.indexOf(p.addressCore) + p.addressCore.length);
    if ([...tail].length >= 4) forms.add(tail);
  }
  return [...forms].filter((s) => s.length > 0);
}

const files = () => fs.readdirSync(dir).sort();
const dataFiles = (ext: string) => files().filter((f) => f.endsWith(ext));
const csvOf = (file: string) =>
  parse(zlib.gunzipSync(fs.readFileSync(path.join(dir, file))), {
    cast: (v, ctx) => (v === '' && !ctx.quoting ? null : v),
  }) as (string | null)[][];
const parquetOf = (file: string) => readBack(new Uint8Array(fs.readFileSync(path.join(dir, file))));

/** The rows of a gunzipped CSV as objects by column name. */
function csvRecords(file: string): Record<string, string | null>[] {
  const [header, ...rows] = csvOf(file);
  return rows.map((r) => Object.fromEntries(header!.map((name, i) => [name!, r[i] ?? null])));
}

describe('open data built from records full of personal details', () => {
  it('holds every file of the day: both formats of every dataset, the manifest and SHA256SUMS', () => {
    const expected = DATASETS.flatMap((d) =>
      ['full', 'changes'].flatMap((kind) => ['csv.gz', 'parquet'].map((f) => `${d.name}-${kind}.${f}`)),
    );
    expect(files()).toEqual([...expected, MANIFEST_FILE, SUMS_FILE].sort());
    expect(needles().length).toBeGreaterThan(40);
  });

  it('has rows in every dataset, in both formats: the test cannot pass by publishing nothing', () => {
    const counts = DATASETS.map((d) => ({
      dataset: d.name,
      csv: csvOf(`${d.name}-full.csv.gz`).length - 1,
      parquet: parquetOf(`${d.name}-full.parquet`).numRows,
    }));
    const empty = counts.filter((c) => c.csv < 1 || c.parquet < 1);
    expect(empty, JSON.stringify(counts)).toEqual([]);
  });

  it('names natural persons masked, as the public pages do, in penalties and list_entries', () => {
    const masked = (name: string) => maskPersonName(name);
    const penalties = csvRecords('penalties-full.csv.gz');
    const byNumber = new Map(penalties.map((r) => [r.decision_number, r]));
    const [ouyangPenalty, simaPenalty] = seed.personPenalties.map((n) => byNumber.get(n));
    expect(ouyangPenalty, JSON.stringify(penalties)).toMatchObject({
      subject_kind: 'natural_person',
      subject_name: masked(OUYANG.name),
      uscc: null,
    });
    expect(simaPenalty, JSON.stringify(penalties)).toMatchObject({
      subject_kind: 'natural_person',
      subject_name: masked(SIMA.name),
      uscc: null,
    });
    // The natural person's facts are there, scrubbed, not left out.
    expect(ouyangPenalty!.facts?.length ?? 0).toBeGreaterThan(10);
    const entries = csvRecords('list_entries-full.csv.gz').filter((r) => r.subject_kind === 'natural_person');
    expect(entries.map((r) => [r.list, r.subject_name]).sort()).toEqual([
      ['abnormal', masked(OUYANG.name)],
      ['serious', masked(OUYANG.name)],
    ]);
    // The Parquet says the same.
    const table = parquetOf('penalties-full.parquet');
    const names = Array.from({ length: table.numRows }, (_, i) => table.row(i))
      .filter((r) => r.subject_kind === 'natural_person')
      .map((r) => r.subject_name);
    expect(names.sort()).toEqual([masked(OUYANG.name), masked(OUYANG.name), masked(SIMA.name)].sort());
    const narratives = csvRecords('complaint_narratives-full.csv.gz');
    expect(narratives.filter((r) => (r.narrative?.length ?? 0) > 20).length).toBe(3);
  });

  it('shows no personal string in the raw bytes of any file', () => {
    const leaks: string[] = [];
    for (const file of files()) {
      const bytes = fs.readFileSync(path.join(dir, file));
      for (const needle of needles()) {
        const at = bytes.indexOf(Buffer.from(needle, 'utf8'));
        if (at >= 0) leaks.push(`${file} (raw bytes, offset ${at}): ${needle}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('shows no personal string in any gunzipped CSV', () => {
    const leaks: string[] = [];
    for (const file of dataFiles('.csv.gz')) {
      const [header, ...rows] = csvOf(file);
      rows.forEach((row, i) =>
        row.forEach((cell, j) => {
          for (const needle of needles())
            if (cell?.includes(needle)) leaks.push(`${file} (CSV row ${i + 1}, ${header![j]}): ${needle}`);
        }),
      );
    }
    expect(leaks).toEqual([]);
  });

  it('shows no personal string in any Parquet value, as an independent reader decodes them', () => {
    const leaks: string[] = [];
    for (const file of dataFiles('.parquet')) {
      const table = parquetOf(file);
      for (let i = 0; i < table.numRows; i++)
        for (const [column, value] of Object.entries(table.row(i))) {
          if (value === null || value === undefined) continue;
          for (const needle of needles())
            if (String(value).includes(needle))
              leaks.push(`${file} (Parquet row ${i + 1}, ${column}): ${needle}`);
        }
    }
    expect(leaks).toEqual([]);
  });
});
