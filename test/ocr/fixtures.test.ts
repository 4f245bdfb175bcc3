import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  judgeLicenceReading,
  OcrPool,
  readLicenceImage,
  type LicenceReading,
} from '../../crawlers/ocr/index.ts';
import { normalizeCompanyName } from '../../crawlers/extract/names.ts';
import { FIXTURES, tesseractMissing } from './helpers.ts';

interface Case {
  file: string;
  quality: string;
  filed: { name: string; uscc: string };
  shown: { name: string; uscc: string };
  expected: { verdict: string; reading: { name: string; uscc: string } };
}

const cases: Case[] = JSON.parse(readFileSync(path.join(FIXTURES, 'cases.json'), 'utf8'));

function readExactly(r: LicenceReading, c: Case): boolean {
  return (
    r.codes.some((x) => x.code === c.shown.uscc) &&
    r.names.some((n) => n.normalized === normalizeCompanyName(c.shown.name))
  );
}

describe.skipIf(tesseractMissing)('the licence picture fixtures', () => {
  const pool = new OcrPool(2);
  const readings = new Map<string, Promise<LicenceReading>>();
  const read = (c: Case) => {
    if (!readings.has(c.file))
      readings.set(c.file, readLicenceImage(readFileSync(path.join(FIXTURES, c.file)), { pool }));
    return readings.get(c.file)!;
  };
  // Every picture asked for at once, as a crawl would: the pool runs two at a time.
  beforeAll(() => {
    for (const c of cases) void read(c).catch(() => {});
  });

  it.each(cases.map((c) => [c.file, c] as const))(
    '%s: its expected verdict, or inconclusive / image_only; never another conclusion',
    async (_file, c) => {
      const r = await read(c);
      const j = judgeLicenceReading(r, c.filed);
      const context = `${c.file}: ${j.verdict} (${j.detail}); read ${JSON.stringify(r.codes)} ${JSON.stringify(r.names)}`;
      if (j.verdict === 'inconclusive') expect(j.reason, context).toBe('image_only');
      else expect(j.verdict, context).toBe(c.expected.verdict);
      expect(r.engine).toMatch(/^tesseract \d/);
      expect(r.ms).toBeGreaterThan(0);
    },
    60_000,
  );

  it('reads the clean pictures exactly (code and name), and judges them as expected', async () => {
    const clean = cases.filter((c) => c.quality === 'clean');
    expect(clean.length).toBeGreaterThanOrEqual(5);
    for (const c of clean) {
      const r = await read(c);
      const context = `${c.file}: read ${JSON.stringify(r.codes)} ${JSON.stringify(r.names)}`;
      expect(readExactly(r, c), context).toBe(true);
      expect(judgeLicenceReading(r, c.filed).verdict, context).toBe(c.expected.verdict);
    }
  }, 60_000);

  it('the two deliberately bad licences are caught', async () => {
    for (const c of cases.filter((x) => x.file.includes('wrong-check') || x.file.includes('other-company'))) {
      expect(judgeLicenceReading(await read(c), c.filed).verdict, c.file).toBe('identity_mismatch');
    }
  }, 60_000);

  it('never runs more tesseract processes than the pool allows', async () => {
    await Promise.all(cases.map(read));
    expect(pool.peak).toBe(2);
  }, 120_000);
});
